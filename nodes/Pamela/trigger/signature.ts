import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { sortedCompactJson, verifyHmacSha256Hex, type SignatureResult } from '../../shared/signatures';

export const SIGNATURE_HEADER = 'x-pamela-signature';

/**
 * Checks X-Pamela-Signature: HMAC-SHA256 hex of the raw body with the webhook secret
 * (contract §5.4). A sender that re-serialised the body signs its sorted compact JSON,
 * with or without \u escapes (Python's json.dumps), so those forms are accepted too.
 */
export async function verifyPamelaSignature(ctx: IWebhookFunctions): Promise<SignatureResult> {
	const credentials = await ctx.getCredentials('pamelaApi');
	const secret = String(credentials.webhookSecret ?? '');
	const header = ctx.getHeaderData() as IDataObject;
	const signature = header[SIGNATURE_HEADER];
	const body = ctx.getBodyData();
	const rawBody = (ctx.getRequestObject() as { rawBody?: Buffer }).rawBody ?? JSON.stringify(body);
	return verifyHmacSha256Hex(secret, typeof signature === 'string' ? signature : undefined, rawBody, [
		sortedCompactJson(body),
		sortedCompactJson(body, true),
	]);
}
