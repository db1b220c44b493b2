import {
	NodeApiError,
	NodeOperationError,
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
	requestFailedError,
	retryAfterFromHeaders,
	type ProviderErrorParser,
} from './errors';
import { ResendPlan, type ResendDecision, type RetryPolicy } from './resend';
import { secretsOf } from './secrets';
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

export type { RetryPolicy };

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	retry?: RetryPolicy;
	/** What to tell the user when the request may have taken effect but was not resent. */
	lostReplyHint?: string;
	/**
	 * A 429 means nothing was done, so every request now waits it out and is sent again
	 * (within `rateLimitWaitMs`); this flag, from before that, changes nothing.
	 */
	resendAfterRateLimit?: boolean;
	/** Per attempt (default 30 s). */
	timeoutMs?: number;
	/** Longest total wait for 429s before the item fails (the user's "Maximum Rate-Limit Wait"); default 5 s. */
	rateLimitWaitMs?: number;
	/** For a dedupe key valid only for a while: no resend later than this after the first send that may have taken effect. */
	resendWindowMs?: number;
	/** Runs before every send, resends included (e.g. a dial pacer); its result is called once that send has its answer. */
	beforeSend?: () => Promise<(() => void) | void>;
}

export interface ApiResponse<T> {
	status: number;
	body: T;
	headers: Record<string, unknown>;
}

const MAX_ATTEMPTS = 3;
/** A 5xx asking for a longer wait is reported, not slept through; also the default 429 budget. */
const MAX_AUTO_WAIT_SECONDS = 5;

/** Answers after which the request may have been carried out (a 429 was not). */
function isUncertainStatus(status: number): boolean {
	return status === 408 || status >= 500;
}

/**
 * The error for a request that threw instead of answering: a lost connection says whether the
 * request may have taken effect; n8n refusing before sending (e.g. no credential) keeps its
 * message; anything else (a TLS certificate, a proxy…) becomes ours, without n8n's error,
 * which carries the request's headers.
 */
export function requestError(
	ctx: RequestContext,
	provider: Provider,
	error: unknown,
	options: { itemIndex?: number; mayHaveTakenEffect?: string },
): NodeApiError | NodeOperationError {
	if (isConnectionError(error)) return connectionApiError(ctx.getNode(), provider.name, error, options);
	if (error instanceof NodeOperationError) return error;
	return requestFailedError(ctx.getNode(), provider.name, error, options);
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
	const plan = new ResendPlan(
		{
			policy: retries,
			maxAttempts: MAX_ATTEMPTS,
			maxUncertainWaitMs: MAX_AUTO_WAIT_SECONDS * 1000,
			windowMs: request.resendWindowMs,
			rateLimitBudgetMs: request.rateLimitWaitMs ?? MAX_AUTO_WAIT_SECONDS * 1000,
		},
		() => Date.now(),
	);
	const signal = cancelSignal(ctx);
	/** The error of the last send that may have taken effect, thrown when it cannot be resent. */
	let lastUncertain: (() => NodeApiError | NodeOperationError) | undefined;
	for (;;) {
		const release = await request.beforeSend?.();
		if (!plan.beforeSend()) {
			release?.();
			throw lastUncertain!();
		}
		let response: { statusCode: number; body: T; headers: Record<string, unknown> } | undefined;
		let thrown: unknown;
		try {
			response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, provider.credentialType, options);
		} catch (error) {
			thrown = error;
		}
		release?.();
		if (!response) {
			if (!isConnectionError(thrown)) throw requestError(ctx, provider, thrown, { itemIndex: request.itemIndex, mayHaveTakenEffect: request.lostReplyHint });
			const error = thrown;
			lastUncertain = () => requestError(ctx, provider, error, { itemIndex: request.itemIndex, mayHaveTakenEffect: request.lostReplyHint });
			const decision = plan.afterUncertain();
			if (!decision.resend) throw lastUncertain();
			await cancellableSleep(decision.waitMs, signal);
			continue;
		}
		const { statusCode: status, headers, body } = response;
		if (status < 400) return { status, body, headers };
		const failure = { status, body, headers };
		const failed = () => providerApiError(ctx.getNode(), provider.name, failure, provider.parseError, request.itemIndex, secretsOf(credentials));
		if (status !== 429 && !isUncertainStatus(status)) throw failed();
		// The wait may be in a header or only in the provider's body (Pamela's details.retry_after).
		const askedSeconds = retryAfterFromHeaders(headers) ?? provider.parseError(failure).retryAfterSeconds;
		const askedMs = askedSeconds !== undefined ? askedSeconds * 1000 : undefined;
		if (status === 429) {
			const decision = plan.afterRateLimit(askedMs);
			if (!decision.resend) throw rateLimitError(failed(), decision, plan.rateLimitWaitedMs, request, lastUncertain);
			await cancellableSleep(decision.waitMs, signal);
			continue;
		}
		lastUncertain = failed;
		const decision = plan.afterUncertain(askedMs);
		if (!decision.resend) throw failed();
		await cancellableSleep(decision.waitMs, signal);
	}
}

/** A 429 that is not waited out says why: the user's maximum, or an earlier copy that may have worked. */
function rateLimitError(
	error: NodeApiError,
	decision: ResendDecision,
	waitedMs: number,
	request: ApiRequest,
	lastUncertain: (() => NodeApiError | NodeOperationError) | undefined,
): NodeApiError | NodeOperationError {
	if (decision.resend) return error;
	const seconds = (ms: number) => Math.ceil(ms / 1000);
	if (decision.reason === 'window' && lastUncertain) return lastUncertain();
	if (decision.reason === 'budget' && request.rateLimitWaitMs !== undefined) {
		const waited = waitedMs > 0 ? `After ${seconds(waitedMs)} s of waiting for rate limits, a` : 'A';
		error.description =
			`${error.description ?? ''} ${waited} wait of ${seconds(decision.waitMs ?? 0)} s more would pass the Maximum Rate-Limit Wait ` +
			`(${seconds(request.rateLimitWaitMs)} s), so the item was not sent again: raise "Maximum Rate-Limit Wait" or lower "Concurrency".`;
		error.description = error.description.trim();
	}
	return error;
}
