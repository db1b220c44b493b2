import type { IDataObject } from 'n8n-workflow';

/**
 * Telnyx echoes `client_state` in every later webhook but only accepts base64, so the node
 * encodes what the user gives (a JSON object or plain text) and the trigger decodes it back.
 */
export function encodeClientState(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return Buffer.from(text, 'utf8').toString('base64');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The client state as sent: parsed JSON when it is JSON, otherwise the text; undefined when empty. */
export function decodeClientState(encoded: unknown): IDataObject | string | number | boolean | null | undefined {
	if (typeof encoded !== 'string' || encoded === '') return undefined;
	if (!BASE64.test(encoded)) return encoded;
	const text = Buffer.from(encoded, 'base64').toString('utf8');
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return text;
	}
}
