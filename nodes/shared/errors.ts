import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { headerValue } from './headers';
import { hideSecrets } from './secrets';

/** What a provider's error body says, reduced to what a user needs to act on it. */
export interface ProviderErrorDetail {
	/** The provider's own error code (kept as text: Telnyx codes are strings of digits). */
	code?: string;
	/** The provider's message, or ours when it sent none. */
	message: string;
	/** What the user can do about it. */
	hint?: string;
	/** Seconds to wait before trying again, from the body or the headers. */
	retryAfterSeconds?: number;
}

export interface HttpFailure {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/** Reads a provider's error body (each provider has its own shape and codes). */
export type ProviderErrorParser = (failure: HttpFailure) => ProviderErrorDetail;

/** The wait a 429 asks for, from `Retry-After`, `retry-after-ms` or `x-ratelimit-reset` headers. */
export function retryAfterFromHeaders(headers: Record<string, unknown>): number | undefined {
	const header = (name: string) => headerValue(headers, name);
	const ms = Number(header('retry-after-ms'));
	if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
	const retryAfter = header('retry-after');
	if (retryAfter !== undefined && retryAfter !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
		const date = Date.parse(String(retryAfter));
		if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
	}
	const reset = Number(header('x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) return Math.ceil(reset);
	return undefined;
}

/** Text fit for a message: a string as is, anything else as short JSON. */
export function describeBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The provider's message as a description quotes it: short, on one line. */
function quoted(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** The fix for a status the provider's code did not explain; every status class gets one. */
function genericHint(status: number, provider: string, providerMessage: string): string {
	const detail = quoted(providerMessage);
	if (status === 401) return 'Check the API key in the credential.';
	if (status === 403) return 'The API key is valid but not allowed to do this: check the account and its plan.';
	if (status === 404) return 'Check the ID: the resource does not exist or has expired.';
	if (status === 429) return 'Too many requests: wait and run again, or add a Wait node between calls.';
	if (status >= 500) return 'The provider had a problem on its side; try again in a moment.';
	if (status === 400 || status === 422) {
		return `${provider} refused a value: check the fields named in ${provider}'s message and correct them, then run again: ${detail}`;
	}
	if (status === 409) {
		return `The request conflicts with the current state of the call or resource (e.g. it has already ended or changed): check its state with a Get operation, then run again only if it still applies: ${detail}`;
	}
	if (status === 408) return `${provider} timed out waiting for the request: try again in a moment.`;
	if (status === 402) return `${provider} wants payment for this: check the account's balance or plan: ${detail}`;
	if (status >= 400) {
		return `${provider} refused the request: check the item's fields and the credential's Base URL (it must point at ${provider}'s API), then run again: ${detail}`;
	}
	return `${provider} reported a failure: check the fields or IDs its message names, then run again: ${detail}`;
}

/**
 * Builds the error n8n shows for a failed provider request. The message names the provider,
 * its code and message; the description names the item and the fix. Only the status and
 * the response body are kept: request headers (the API key) never reach the error, and the
 * credential's secrets are hidden where the body quotes them.
 */
export function providerApiError(
	node: INode,
	provider: string,
	failure: HttpFailure,
	parse: ProviderErrorParser,
	itemIndex?: number,
	secrets: readonly string[] = [],
): NodeApiError {
	// A provider may quote the key it refused: the error must not show it (message, description, body).
	failure = { ...failure, body: hideSecrets(failure.body, secrets) };
	const detail = parse(failure);
	const code = detail.code ? ` ${detail.code}` : '';
	const wait =
		detail.retryAfterSeconds !== undefined ? ` Wait ${detail.retryAfterSeconds} s before trying again.` : '';
	const hint = detail.hint ?? genericHint(failure.status, provider, detail.message);
	const where = itemIndex === undefined ? '' : `Item ${itemIndex}: `;
	const description = `${where}${hint}${wait}`.trim();
	const body = (typeof failure.body === 'object' && failure.body !== null ? failure.body : { body: describeBody(failure.body) }) as JsonObject;
	const message = `${provider} error${code} (HTTP ${failure.status}): ${detail.message}`;
	const error = new NodeApiError(node, body, { message, description, httpCode: String(failure.status), itemIndex });
	// NodeApiError swaps a message naming a Node error code (ECONNREFUSED, ETIMEDOUT…) for generic text; keep ours.
	error.message = message;
	return error;
}

/** Network-level failures: no HTTP answer came back. */
export function isConnectionError(error: unknown): boolean {
	const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
	return ['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE'].includes(
		code ?? '',
	) || /socket hang up|network|timeout/i.test(String((error as Error)?.message ?? ''));
}

/** The error for a request that got no answer, saying whether it may have taken effect. */
export function connectionApiError(
	node: INode,
	provider: string,
	error: unknown,
	options: { itemIndex?: number; mayHaveTakenEffect?: string },
): NodeApiError {
	const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code ?? 'no answer';
	const where = options.itemIndex === undefined ? '' : `Item ${options.itemIndex}: `;
	const description = options.mayHaveTakenEffect
		? `${where}${options.mayHaveTakenEffect}`
		: `${where}Check the credential's base URL and your network, then run again.`;
	const message = `The connection to ${provider} was lost before it answered (${code})`;
	const apiError = new NodeApiError(node, { code } as JsonObject, { message, description, itemIndex: options.itemIndex });
	// Without this, ECONNRESET/ETIMEDOUT/… get n8n's generic text ("you can retry immediately"), losing the provider.
	apiError.message = message;
	return apiError;
}

/** The first `code` and the innermost message along an error's `cause` chain (n8n wraps the client's error). */
function innermost(error: unknown): { code?: string; reason?: string } {
	let code: string | undefined;
	let reason: string | undefined;
	let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (!code && typeof current.code === 'string' && current.code) code = current.code;
		if (typeof current.message === 'string' && current.message) reason = current.message;
		current = current.cause as typeof current;
	}
	// A proxy URL in the reason may carry its user and password.
	return { code, reason: reason === undefined ? undefined : quoted(reason.replace(/\/\/[^/\s@]+@/g, '//…@')) };
}

/** Certificate and TLS failures happen before the request is sent. */
const TLS_FAILURE = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i;

/**
 * The error for a request that threw without an HTTP answer and without a known network code
 * (an untrusted TLS certificate, a proxy refusing, a malformed reply…). It is built afresh from
 * the code and the reason only: n8n's own error carries the request (`config.headers`, the
 * API key), so nothing of it is kept.
 */
export function requestFailedError(
	node: INode,
	provider: string,
	error: unknown,
	options: { itemIndex?: number; mayHaveTakenEffect?: string },
): NodeApiError {
	const { code, reason } = innermost(error);
	const what = [code, reason].filter(Boolean).join(': ') || 'no reason given';
	const where = options.itemIndex === undefined ? '' : `Item ${options.itemIndex}: `;
	const beforeSending = TLS_FAILURE.test(`${code ?? ''} ${reason ?? ''}`);
	const uncertain = options.mayHaveTakenEffect && !beforeSending ? ` It is not known whether the request reached ${provider}: ${options.mayHaveTakenEffect}` : '';
	const description =
		`${where}Check the ${provider} credential's Base URL, the proxy settings (HTTP_PROXY / HTTPS_PROXY) and the server's TLS certificate ` +
		`(n8n trusts only certificates from a known authority; add a private one with NODE_EXTRA_CA_CERTS), then run again.${uncertain}`;
	const message = `The request to ${provider} failed before an answer came (${what})`;
	const apiError = new NodeApiError(node, (code ? { code } : {}) as JsonObject, { message, description, itemIndex: options.itemIndex });
	apiError.message = message;
	return apiError;
}
