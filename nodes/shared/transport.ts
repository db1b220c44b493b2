import {
	NodeApiError,
	NodeOperationError,
	type JsonObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import {
	connectionApiError,
	isConnectionError,
	providerApiError,
	retryAfterFromHeaders,
	type ProviderErrorParser,
} from './errors';
import { cancellableSleep } from './wait';

/** The execution's cancel signal, so that Stop also ends a retry wait. */
function cancelSignal(ctx: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/** What the shared transport needs to know about one provider. */
export interface Provider {
	/** Shown in messages, e.g. "Telnyx". */
	name: string;
	credentialType: string;
	/** Base URL of the API, from the credential (without a trailing slash). */
	baseUrl(credentials: IDataObject): string;
	parseError: ProviderErrorParser;
}

/**
 * When a request may be sent again. `idempotent` requests (GETs, commands carrying a
 * dedupe key) are retried on 5xx, 408, a short 429 and a lost reply; `never` requests
 * (creating a call without a dedupe key) are sent exactly once, except a short 429 when the
 * request says `resendAfterRateLimit`.
 */
export type RetryPolicy = 'idempotent' | 'never';

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	retry?: RetryPolicy;
	/** For `never` requests: what to tell the user when no answer came back. */
	lostReplyHint?: string;
	/**
	 * For `never` requests that are harmless to repeat once refused: a 429 means nothing was
	 * done, so a short wait it asks for is waited out and the request sent again.
	 */
	resendAfterRateLimit?: boolean;
	timeoutMs?: number;
}

export interface ApiResponse<T> {
	status: number;
	body: T;
	headers: Record<string, unknown>;
}

const MAX_ATTEMPTS = 3;
const MAX_AUTO_WAIT_SECONDS = 5;

function isRetriableStatus(status: number): boolean {
	return status === 408 || status === 429 || status >= 500;
}

/**
 * The error for a request that threw instead of answering: a lost connection says whether the
 * request may have taken effect; anything else keeps n8n's node error (or becomes one).
 */
export function requestError(
	ctx: RequestContext,
	provider: Provider,
	error: unknown,
	options: { itemIndex?: number; mayHaveTakenEffect?: string },
): NodeApiError | NodeOperationError {
	if (isConnectionError(error)) return connectionApiError(ctx.getNode(), provider.name, error, options);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: options.itemIndex });
}

/**
 * One provider request through n8n's authenticated HTTP helper (proxies, credential
 * injection, execution cancel signal). HTTP errors are read from the provider's body
 * and turned into a NodeApiError naming the item; the API key never reaches a message.
 */
export async function apiRequest<T = IDataObject>(
	ctx: RequestContext,
	provider: Provider,
	request: ApiRequest,
): Promise<ApiResponse<T>> {
	const credentials = await ctx.getCredentials(provider.credentialType, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${provider.baseUrl(credentials)}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...request.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? 30000,
	};
	const retries = request.retry ?? (request.method === 'GET' ? 'idempotent' : 'never');
	for (let attempt = 1; ; attempt++) {
		let response: { statusCode: number; body: T; headers: Record<string, unknown> };
		try {
			response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, provider.credentialType, options);
		} catch (error) {
			if (isConnectionError(error) && retries === 'idempotent' && attempt < MAX_ATTEMPTS) {
				await cancellableSleep(250 * 2 ** (attempt - 1), cancelSignal(ctx));
				continue;
			}
			throw requestError(ctx, provider, error, {
				itemIndex: request.itemIndex,
				mayHaveTakenEffect: retries === 'never' ? request.lostReplyHint : undefined,
			});
		}
		const { statusCode: status, headers, body } = response;
		if (status < 400) return { status, body, headers };
		const resendable = retries === 'idempotent' ? isRetriableStatus(status) : status === 429 && request.resendAfterRateLimit === true;
		if (resendable && attempt < MAX_ATTEMPTS) {
			// The wait may be in a header or only in the provider's body (Pamela's details.retry_after).
			const askedSeconds = retryAfterFromHeaders(headers) ?? provider.parseError({ status, body, headers }).retryAfterSeconds;
			const delayMs = askedSeconds !== undefined ? askedSeconds * 1000 : 250 * 2 ** (attempt - 1);
			// A long wait is reported to the user (with the wait) rather than slept through.
			if (delayMs <= MAX_AUTO_WAIT_SECONDS * 1000) {
				await cancellableSleep(delayMs, cancelSignal(ctx));
				continue;
			}
		}
		throw providerApiError(ctx.getNode(), provider.name, { status, body, headers }, provider.parseError, request.itemIndex);
	}
}
