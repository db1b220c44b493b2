import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The exact bytes n8n received, or undefined when it kept none. A signature is only checked
 * over these bytes: a body re-serialised from the parsed JSON may not be what was signed, so
 * a trigger that gets no raw body refuses the request (fails closed).
 */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw) && raw.length > 0) return raw;
	if (typeof raw === 'string' && raw !== '') return Buffer.from(raw, 'utf8');
	return undefined;
}
