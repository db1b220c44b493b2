import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { canonicalFallbackRefusal } from '../../shared/canonicalJson';
import { rawBodyOf } from '../../shared/rawBody';
import { sortedCompactJson, verifyHmacSha256Hex, type SignatureResult } from '../../shared/signatures';

export const SIGNATURE_HEADER = 'x-pamela-signature';

/**
 * Checks X-Pamela-Signature: HMAC-SHA256 hex of the raw body with the webhook secret
 * (contract §5.4). Without the raw body nothing is checked and the request is refused. A
 * sender that re-serialised the body signs its sorted compact JSON, with or without \u
 * escapes (Python's json.dumps); that form is tried only for a body that keeps its meaning
 * in it (nodes/shared/canonicalJson.ts), so no other bytes can pass under its signature.
 */
export async function verifyPamelaSignature(ctx: IWebhookFunctions): Promise<SignatureResult> {
	const raw = rawBodyOf(ctx);
	if (!raw) return { valid: false, reason: 'n8n passed no raw body, so the signature cannot be checked' };
	const credentials = await ctx.getCredentials('pamelaApi');
	const secret = String(credentials.webhookSecret ?? '');
	const header = ctx.getHeaderData() as IDataObject;
	const signature = typeof header[SIGNATURE_HEADER] === 'string' ? (header[SIGNATURE_HEADER] as string) : undefined;
	const exact = verifyHmacSha256Hex(secret, signature, raw);
	if (exact.valid) return exact;
	const text = raw.toString('utf8');
	const refusal = canonicalFallbackRefusal(text);
	if (refusal) return { valid: false, reason: `${exact.reason}, and ${refusal}` };
	const parsed = JSON.parse(text) as unknown;
	return verifyHmacSha256Hex(secret, signature, sortedCompactJson(parsed), [sortedCompactJson(parsed, true)]);
}
