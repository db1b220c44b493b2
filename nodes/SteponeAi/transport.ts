import type { IDataObject } from 'n8n-workflow';

import { credentialBaseUrl } from '../shared/baseUrl';
import {
	describeBody,
	providerApiError,
	retryAfterFromHeaders,
	type HttpFailure,
	type ProviderErrorDetail,
} from '../shared/errors';
import { secretsOf } from '../shared/secrets';
import { apiRequest, type ApiRequest, type Provider, type RequestContext } from '../shared/transport';

export const STEPONE_CREDENTIAL = 'steponeAiApi';
export const DEFAULT_SKILL_VERSION = '1.0.0';

const SUCCESS_FALSE_HINT =
	'Stepone AI answered success: false, and its message above says what it refused: check the value it names (Phone Numbers, Agent, ' +
	'Voice Name or ID, Model Engine Name or ID, Call ID) and the account\'s balance (Account > Get Balance), then run again.';

/**
 * Reads Stepone's `{success:false, message}` bodies and explains 401, 426 and 429.
 * `sentSkillVersion` is the X-Skill-Version this request carried: a 426 names it so the
 * user knows which value the server refused.
 */
export function parseSteponeError(failure: HttpFailure, sentSkillVersion?: string): ProviderErrorDetail {
	const body = (failure.body ?? {}) as IDataObject;
	const message = typeof body.message === 'string' && body.message ? body.message : describeBody(failure.body) || 'No message';
	if (failure.status === 426) {
		const sent = sentSkillVersion ? `X-Skill-Version "${sentSkillVersion}"` : 'this X-Skill-Version';
		return {
			code: '426',
			message: `${sent} is no longer accepted: ${message}`,
			hint: `This request sent ${sent}. Set the Skill Version field of the Stepone AI credential to the version Stepone asks for (GET /api/v1/callinfo/skill_version shows it), or update the n8n-nodes-ai-calls package.`,
		};
	}
	if (failure.status === 401 || failure.status === 403) {
		return { message, hint: 'Check the API key in the Stepone AI credential (open-skill.steponeai.com/keys).' };
	}
	if (failure.status === 429) {
		return { message, retryAfterSeconds: retryAfterFromHeaders(failure.headers), hint: 'Stepone AI is rate limiting: slow down the calls.' };
	}
	if (failure.status < 400) {
		// `success:false` on HTTP 200: a business failure, whose message names what Stepone refused.
		return { message, hint: SUCCESS_FALSE_HINT };
	}
	return { message };
}

export const stepone: Provider = {
	name: 'Stepone AI',
	credentialType: STEPONE_CREDENTIAL,
	baseUrl: (credentials) => credentialBaseUrl(credentials.baseUrl, { credential: 'Stepone AI', defaultUrl: 'https://open-skill-api.steponeai.com' }),
	parseError: parseSteponeError,
};

/** The X-Skill-Version the credential sends (the credential's header falls back the same way). */
export function skillVersionOf(credentials: IDataObject): string {
	return String(credentials.skillVersion || DEFAULT_SKILL_VERSION);
}

/** The provider with error parsing that knows which X-Skill-Version was sent. */
export async function steponeProvider(ctx: RequestContext, itemIndex?: number): Promise<{ provider: Provider; skillVersion: string; credentials: IDataObject }> {
	const credentials = (await ctx.getCredentials(STEPONE_CREDENTIAL, itemIndex)) as IDataObject;
	const skillVersion = skillVersionOf(credentials);
	return { provider: { ...stepone, parseError: (failure) => parseSteponeError(failure, skillVersion) }, skillVersion, credentials };
}

/** A Stepone request whose body is returned as is, even when it says `success:false`. */
export async function steponeRawRequest<T = IDataObject>(
	ctx: RequestContext,
	request: ApiRequest,
): Promise<{ body: T; status: number; headers: Record<string, unknown>; provider: Provider; credentials: IDataObject }> {
	const { provider, credentials } = await steponeProvider(ctx, request.itemIndex);
	const response = await apiRequest<T>(ctx, provider, request);
	return { ...response, provider, credentials };
}

/** A Stepone request; business failures (`success:false` with HTTP 200) become errors too. */
export async function steponeRequest<T = IDataObject>(ctx: RequestContext, request: ApiRequest): Promise<T> {
	const response = await steponeRawRequest<T>(ctx, request);
	const body = response.body as unknown as IDataObject;
	if (body && typeof body === 'object' && body.success === false) {
		throw providerApiError(ctx.getNode(), stepone.name, { status: response.status, body, headers: response.headers }, response.provider.parseError, request.itemIndex, secretsOf(response.credentials));
	}
	return response.body;
}

/** The payload of a Stepone reply: under `data` when there is one, otherwise the body itself. */
export function payloadOf(body: unknown): unknown {
	if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
		const data = (body as IDataObject).data;
		if (data !== undefined && data !== null) return data;
	}
	return body;
}
