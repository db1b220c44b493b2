import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { credentialBaseUrl } from '../shared/baseUrl';
import { describeBody, retryAfterFromHeaders, type HttpFailure, type ProviderErrorDetail } from '../shared/errors';
import { apiRequest, type ApiRequest, type Provider, type RequestContext } from '../shared/transport';

interface TelnyxErrorEntry {
	code?: unknown;
	title?: unknown;
	detail?: unknown;
	source?: { pointer?: unknown; parameter?: unknown };
}

/** What the user can do about each Telnyx error code (contract §2). */
const HINTS: Record<string, string> = {
	'10009': 'Telnyx refused the API key: copy a v2 key (starting with KEY) into the Telnyx credential.',
	'10004': 'A required field is empty: fill it in and run again.',
	'10015': 'Check the Connection (a Call Control application with a webhook URL: pick it from the list) and the field named above.',
	'10016': 'Phone numbers must be in E.164 format, e.g. +14155550123.',
	'10032': 'One field has a value Telnyx does not know: pick one of the listed options.',
	'10033': 'One number is outside the range Telnyx allows: check the limits in the field description.',
	'90015': 'The Call Control ID is unknown or garbled: use the ID from Place Call or from a Telnyx Trigger event.',
	'90018': 'The call has already ended (hung up), so it cannot take commands any more. Check for call.hangup before sending commands.',
	'90034': 'The call is not answered yet: wait for the call.answered event (Telnyx Trigger) before sending this command.',
	'90061': 'An AI assistant or AI gather is already running on this call: stop it first, or wait for it to end.',
	'90040': 'Telnyx could not download the audio file: check that the URL is public and points to an MP3 or WAV file.',
	'90103': 'Telnyx limits how many calls an account can start per second (30 on average over 5 s). Set Place Call\'s "Dial Rate Limit" to your account\'s limit.',
	'10011': 'Too many requests to Telnyx: slow down.',
};

const MEDIA_ENCRYPTION_HINT = 'Media encryption (SRTP/DTLS) is not available for phone numbers: remove it for PSTN calls.';

/** Reads Telnyx's `{errors: [{code, title, detail, source}]}` body into a message with its fix. */
export function parseTelnyxError(failure: HttpFailure): ProviderErrorDetail {
	const body = (failure.body ?? {}) as { errors?: TelnyxErrorEntry[] };
	const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
	if (!first) return { message: describeBody(failure.body) || 'No error details were returned' };
	const code = typeof first.code === 'string' || typeof first.code === 'number' ? String(first.code) : undefined;
	const title = typeof first.title === 'string' ? first.title : 'Error';
	const detail = typeof first.detail === 'string' && first.detail !== title ? `: ${first.detail}` : '';
	const pointer = first.source?.pointer ?? first.source?.parameter;
	const field = typeof pointer === 'string' && pointer ? ` (field ${pointer.replace(/^\//, '')})` : '';
	const rateLimited = failure.status === 429 || code === '90103';
	// 10011 means "too many requests" on a 429 and "no media encryption to PSTN" on a 422.
	const hint = code === '10011' && failure.status !== 429 ? MEDIA_ENCRYPTION_HINT : code ? HINTS[code] : undefined;
	return {
		code,
		message: `${title}${detail}${field}`,
		hint,
		retryAfterSeconds: rateLimited ? retryAfterFromHeaders(failure.headers) : undefined,
	};
}

export const telnyx: Provider = {
	name: 'Telnyx',
	credentialType: 'telnyxApi',
	baseUrl: (credentials) => credentialBaseUrl(credentials.baseUrl, { credential: 'Telnyx', defaultUrl: 'https://api.telnyx.com/v2' }),
	parseError: parseTelnyxError,
};

/** A Telnyx request; returns the body's `data`. */
export async function telnyxRequest<T = IDataObject>(ctx: RequestContext, request: ApiRequest): Promise<T> {
	const response = await apiRequest<{ data?: T }>(ctx, telnyx, request);
	return (response.body?.data ?? response.body) as T;
}

/**
 * Telnyx ignores a repeated `command_id` for 60 s (contract §5, §8). Each attempt is cut at
 * 15 s and no copy goes out later than 45 s after the first one that may have arrived, so
 * every copy lands inside the window and a command (or a dial) is carried out once.
 */
export const COMMAND_ID_RESENDS = { timeoutMs: 15000, resendWindowMs: 45000 } as const;

/** A new command ID unless the user gave one (to dedupe across executions). */
export function commandIdFor(given: unknown): string {
	return typeof given === 'string' && given.trim() !== '' ? given.trim() : randomUUID();
}

/**
 * Sends one call command. The body carries a `command_id`, so Telnyx ignores a second copy
 * of it for 60 s: a 5xx, 408 or lost reply is resent with the same body (same command_id)
 * inside that window, and the command is carried out once.
 */
export async function callCommand(
	ctx: IExecuteFunctions,
	itemIndex: number,
	callControlId: string,
	action: string,
	body: IDataObject,
): Promise<IDataObject> {
	const commandId = commandIdFor(body.command_id);
	const data = await telnyxRequest<IDataObject>(ctx, {
		method: 'POST',
		path: `/calls/${encodeURIComponent(callControlId)}/actions/${action}`,
		body: { ...body, command_id: commandId },
		itemIndex,
		retry: 'idempotent',
		...COMMAND_ID_RESENDS,
	});
	return {
		callControlId,
		command: action,
		commandId,
		result: data?.result ?? 'ok',
		...(data?.conversation_id ? { conversationId: data.conversation_id } : {}),
		// Answer with Record on returns the recording's ID (SDK ActionAnswerResponse).
		...(data?.recording_id ? { recordingId: data.recording_id } : {}),
	};
}
