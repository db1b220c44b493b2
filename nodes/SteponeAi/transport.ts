import type { IDataObject } from 'n8n-workflow';

import {
	describeBody,
	providerApiError,
	retryAfterFromHeaders,
	type HttpFailure,
	type ProviderErrorDetail,
} from '../shared/errors';
import { apiRequest, type ApiRequest, type Provider, type RequestContext } from '../shared/transport';

/** Reads Stepone's `{success:false, message}` bodies and explains 401, 426 and 429. */
export function parseSteponeError(failure: HttpFailure): ProviderErrorDetail {
	const body = (failure.body ?? {}) as IDataObject;
	const message = typeof body.message === 'string' && body.message ? body.message : describeBody(failure.body) || 'No message';
	if (failure.status === 426) {
		return {
			code: '426',
			message: `Stepone AI no longer accepts this X-Skill-Version: ${message}`,
			hint: 'Set the Skill Version field of the Stepone AI credential to the version Stepone asks for (check GET /api/v1/callinfo/skill_version), or update this package.',
		};
	}
	if (failure.status === 401 || failure.status === 403) {
		return { message, hint: 'Check the API key in the Stepone AI credential (open-skill.steponeai.com/keys).' };
	}
	if (failure.status === 429) {
		return { message, retryAfterSeconds: retryAfterFromHeaders(failure.headers), hint: 'Stepone AI is rate limiting: slow down the calls.' };
	}
	return { message };
}

export const stepone: Provider = {
	name: 'Stepone AI',
	credentialType: 'steponeAiApi',
	baseUrl: (credentials) => String(credentials.baseUrl ?? 'https://open-skill-api.steponeai.com').replace(/\/+$/, ''),
	parseError: parseSteponeError,
};

/** A Stepone request; business failures (`success:false` with HTTP 200) become errors too. */
export async function steponeRequest<T = IDataObject>(ctx: RequestContext, request: ApiRequest): Promise<T> {
	const response = await apiRequest<T>(ctx, stepone, request);
	const body = response.body as unknown as IDataObject;
	if (body && typeof body === 'object' && body.success === false) {
		throw providerApiError(ctx.getNode(), stepone.name, { status: response.status, body, headers: response.headers }, parseSteponeError, request.itemIndex);
	}
	return response.body;
}
