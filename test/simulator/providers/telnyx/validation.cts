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
