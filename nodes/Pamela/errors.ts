import type { IDataObject } from 'n8n-workflow';

import { describeBody, retryAfterFromHeaders, type HttpFailure, type ProviderErrorDetail } from '../shared/errors';

interface PamelaErrorFields {
	code?: string;
	message?: string;
	details: IDataObject;
}

const asObject = (value: unknown): IDataObject | undefined =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

const codeText = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

/** `{error_code, message, details}` or `{error: {code, message, details}}`: the two object forms. */
function readErrorObject(source: IDataObject | undefined): PamelaErrorFields | undefined {
	if (!source) return undefined;
	if (source.error_code !== undefined) {
		return { code: codeText(source.error_code), message: source.message as string | undefined, details: asObject(source.details) ?? {} };
	}
	const nested = asObject(source.error);
	if (nested) {
		return { code: codeText(nested.code), message: nested.message as string | undefined, details: asObject(nested.details) ?? {} };
	}
	return undefined;
}

/**
 * Reads the four error body shapes the Python SDK accepts, in its order (contract §6):
 * detail.error_code, detail.error.{code}, detail as a string, then the top-level forms.
 */
export function readPamelaErrorBody(body: unknown): PamelaErrorFields {
	const root = asObject(body);
	const detail = root?.detail;
	const fromDetail = readErrorObject(asObject(detail));
	if (fromDetail) return fromDetail;
	if (typeof detail === 'string' && detail) return { message: detail, details: {} };
	const fromRoot = readErrorObject(root);
	if (fromRoot) return fromRoot;
	if (typeof root?.message === 'string') return { message: root.message, details: {} };
	return { details: {} };
}

/** What each documented code means for the user, and what to do about it (contract §6, PYR). */
const HINTS: Record<string, { meaning: string; hint: string }> = {
	'1001': { meaning: 'API key required', hint: 'Enter the API key (pk_live_…) in the Pamela credential.' },
	'1002': {
		meaning: 'Invalid API key',
		hint: 'Check the API key in the Pamela credential: it must be an active key starting with pk_live_, created in the Pamela partner portal.',
	},
	'1003': { meaning: 'API key expired', hint: 'Create a new API key in the Pamela partner portal and put it in the credential.' },
	'1005': {
		meaning: 'Subscription required',
		hint: 'The Pamela API needs an active subscription: start one in the Pamela partner portal (Billing), then run again.',
	},
	'7008': {
		meaning: 'Subscription expired',
		hint: 'The payment grace period is over: renew the subscription in the Pamela partner portal (Billing), then run again.',
	},
	'2001': { meaning: 'Validation error', hint: 'Check the fields named in the message.' },
	'2002': {
		meaning: 'Invalid phone number',
		hint: 'Enter the "To" number in E.164 format: + then country code and number, e.g. +14155550123.',
	},
	'6001': { meaning: 'Rate limit exceeded', hint: 'Pamela is limiting the request rate: slow down, e.g. add a Wait node between calls.' },
	'6002': { meaning: 'Quota exceeded', hint: 'The call quota of the partner or project is used up: raise it in the Pamela partner portal or wait.' },
	'7001': { meaning: 'Partner not found', hint: 'The API key belongs to no partner account: check the key in the credential.' },
	'7002': { meaning: 'Project not found', hint: 'The API key\'s project no longer exists: create a key for an existing project.' },
	'7003': { meaning: 'Call not found', hint: 'Check the Call ID: use the "id" returned by Call > Place Call or Call > Get Many, for a call of this API key\'s project.' },
	'7004': {
		meaning: 'No phone number for this country',
		hint: 'Pamela has no outgoing number for the country of the call: set "Country" to a supported one (e.g. US, GB, CA) or leave it empty.',
	},
	'7005': {
		meaning: 'Unsupported country',
		hint: 'Pamela does not call this country: check the "To" number and the "Country" field (ISO code such as US, GB, CA).',
	},
};

function retryAfterFromDetails(details: IDataObject): number | undefined {
	const value = Number(details.retry_after ?? details.retryAfter);
	return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}

/** Pamela's error body reduced to code, message, hint and the wait a 429 asks for. */
export function parsePamelaError(failure: HttpFailure): ProviderErrorDetail {
	const { code, message, details } = readPamelaErrorBody(failure.body);
	const known = code ? HINTS[code] : undefined;
	const text = message || known?.meaning || describeBody(failure.body) || `Request failed with status ${failure.status}`;
	const extra = code === '2001' && Object.keys(details).length ? ` (${describeBody(details)})` : '';
	const retryAfterSeconds =
		failure.status === 429 || code === '6001' || code === '6002'
			? (retryAfterFromDetails(details) ?? retryAfterFromHeaders(failure.headers))
			: undefined;
	return { code, message: `${text}${extra}`, hint: known?.hint, retryAfterSeconds };
}
