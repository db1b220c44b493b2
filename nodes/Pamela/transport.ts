import type { IDataObject } from 'n8n-workflow';

import { credentialBaseUrl } from '../shared/baseUrl';
import { apiRequest, type ApiRequest, type Provider, type RequestContext } from '../shared/transport';
import { parsePamelaError } from './errors';

/** Every endpoint lives under this prefix (contract §1); the credential holds only the host. */
export const API_PREFIX = '/api/b2b/v1';

export const pamela: Provider = {
	name: 'Pamela',
	credentialType: 'pamelaApi',
	baseUrl: (credentials) =>
		`${credentialBaseUrl(credentials.baseUrl, { credential: 'Pamela', defaultUrl: 'https://api.thisispamela.com' })}${API_PREFIX}`,
	parseError: parsePamelaError,
};

/** A Pamela request; the body of the answer, errors already turned into clear messages. */
export async function pamelaRequest<T = IDataObject>(ctx: RequestContext, request: ApiRequest): Promise<T> {
	const response = await apiRequest<T>(ctx, pamela, request);
	return response.body;
}

/** A path segment from user input, so an ID cannot change the path. */
export function segment(value: unknown): string {
	return encodeURIComponent(String(value ?? '').trim());
}
