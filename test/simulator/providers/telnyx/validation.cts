// Request checks with Telnyx's 422 bodies (contract §2): each returns a response or undefined.
import type { SimResponse } from '../../core/server.cts';
import { telnyxError } from './errors.cts';

type Body = Record<string, unknown>;
export type Check = SimResponse | undefined;

const E164 = /^\+[1-9]\d{6,14}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function invalid(code: string, title: string, field: string, detail: string): SimResponse {
	return telnyxError(422, code, title, detail, `/${field}`);
}

export function required(body: Body, ...fields: string[]): Check {
	for (const field of fields) {
		const value = body[field];
		if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
			return invalid('10004', 'Missing required parameter', field, `The '${field}' parameter is required.`);
		}
	}
	return undefined;
}

export function e164(body: Body, field: string, allowSip = false): Check {
	const values = Array.isArray(body[field]) ? (body[field] as unknown[]) : [body[field]];
	for (const value of values) {
		if (typeof value === 'string' && (E164.test(value.split(',')[0]) || (allowSip && /^sips?:/.test(value)))) continue;
		return invalid('10016', 'Phone number must be +E164', field, `The '${field}' parameter must be a phone number in +E.164 format.`);
	}
	return undefined;
}

export function oneOf(body: Body, field: string, allowed: readonly unknown[]): Check {
	if (body[field] === undefined || allowed.includes(body[field])) return undefined;
	return invalid('10032', 'Invalid enumerated value', field, `The '${field}' parameter must be one of: ${allowed.join(', ')}.`);
}

export function range(body: Body, field: string, min: number, max: number): Check {
	const value = body[field];
	if (value === undefined) return undefined;
	if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return undefined;
	return invalid('10033', 'Value outside of range', field, `The '${field}' parameter must be an integer between ${min} and ${max}.`);
}

export function maxLength(body: Body, field: string, max: number): Check {
	const value = body[field];
	if (value === undefined || (typeof value === 'string' && value.length <= max)) return undefined;
	return invalid('10033', 'Value outside of range', field, `The '${field}' parameter must be text of at most ${max} characters.`);
}

export function base64(body: Body, field: string): Check {
	const value = body[field];
	if (value === undefined || (typeof value === 'string' && BASE64.test(value))) return undefined;
	return invalid('10015', 'Invalid value', field, `The '${field}' parameter must be valid base64.`);
}

export function notBoth(body: Body, a: string, b: string): Check {
	if (body[a] === undefined || body[b] === undefined) return undefined;
	return invalid('10015', 'Invalid value', b, `'${a}' and '${b}' cannot be used together.`);
}

export function boolean(body: Body, field: string): Check {
	if (body[field] === undefined || typeof body[field] === 'boolean') return undefined;
	return invalid('10015', 'Invalid value', field, `The '${field}' parameter must be true or false.`);
}

/** The first failing check, in the order given. */
export function firstFailure(...checks: Check[]): Check {
	return checks.find((check) => check !== undefined);
}

/** `[{name, value}]` headers; sip_headers take only User-to-User (SDK calls.d.ts CustomSipHeader, SipHeader). */
export function headers(body: Body, field: 'custom_headers' | 'sip_headers'): Check {
	const value = body[field];
	if (value === undefined) return undefined;
	const ok =
		Array.isArray(value) &&
		value.every((h) => h && typeof h === 'object' && typeof (h as Body).name === 'string' && (h as Body).name !== '' && typeof (h as Body).value === 'string') &&
		(field === 'custom_headers' || value.every((h) => (h as Body).name === 'User-to-User'));
	if (ok) return undefined;
	const detail = field === 'sip_headers' ? "'sip_headers' entries need name 'User-to-User' and a string value." : "'custom_headers' entries need a name and a string value.";
	return invalid('10015', 'Invalid value', field, detail);
}

/** At most 5 retries per event, 60 s in all (SDK `webhook_retries_policies`). */
export function retryPolicies(body: Body): Check {
	const policies = body.webhook_retries_policies;
	if (policies === undefined) return undefined;
	for (const policy of Object.values((policies ?? {}) as Record<string, { retries_ms?: unknown }>)) {
		const retries = policy?.retries_ms;
		const ok = Array.isArray(retries) && retries.length <= 5 && retries.every((ms) => Number.isInteger(ms) && ms >= 0) && retries.reduce((a: number, b: number) => a + b, 0) <= 60000;
		if (!ok) return invalid('10033', 'Value outside of range', 'webhook_retries_policies', 'retries_ms allows at most 5 retries and 60000 ms in all.');
	}
	return undefined;
}

/**
 * The fields Dial, Answer and Transfer share (SDK calls.d.ts CallDialParams, actions.d.ts
 * ActionAnswerParams, ActionTransferParams): headers, recording from answer, transcription, webhooks.
 */
export function legOptions(body: Body): Check[] {
	const name = body.record_custom_file_name;
	return [
		headers(body, 'custom_headers'),
		headers(body, 'sip_headers'),
		oneOf(body, 'record', ['record-from-answer']),
		oneOf(body, 'record_channels', ['single', 'dual']),
		oneOf(body, 'record_format', ['wav', 'mp3']),
		oneOf(body, 'record_track', ['both', 'inbound', 'outbound']),
		oneOf(body, 'record_trim', ['trim-silence']),
		range(body, 'record_max_length', 0, 43200),
		range(body, 'record_timeout_secs', 0, 43200),
		name !== undefined && !(typeof name === 'string' && name.length >= 1 && name.length <= 40)
			? invalid('10033', 'Value outside of range', 'record_custom_file_name', "'record_custom_file_name' must be 1 to 40 characters.")
			: undefined,
		boolean(body, 'transcription'),
		body.transcription_config !== undefined && (typeof body.transcription_config !== 'object' || body.transcription_config === null || Array.isArray(body.transcription_config))
			? invalid('10015', 'Invalid value', 'transcription_config', "'transcription_config' must be an object.")
			: undefined,
		oneOf(body, 'webhook_url_method', ['POST', 'GET']),
		oneOf(body, 'webhook_urls_method', ['POST', 'GET']),
		retryPolicies(body),
	];
}
