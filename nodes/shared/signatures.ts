import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/** Why a webhook was refused; never holds the secret or the expected signature. */
export type SignatureResult = { valid: true } | { valid: false; reason: string };

const ok: SignatureResult = { valid: true };
const fail = (reason: string): SignatureResult => ({ valid: false, reason });

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** HMAC-SHA256 of `body` with `secret`, as lowercase hex. */
export function hmacSha256Hex(secret: string, body: string | Buffer): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Timing-safe check of a hex HMAC-SHA256 signature over the exact bytes received.
 * `alternatives` are other serialisations of the same body that a sender may have signed.
 */
export function verifyHmacSha256Hex(
	secret: string,
	signature: string | undefined,
	body: string | Buffer,
	alternatives: Array<string | Buffer> = [],
): SignatureResult {
	if (!secret) return fail('no webhook secret is configured');
	if (!signature) return fail('the signature header is missing');
	const given = signature.trim().replace(/^sha256=/i, '');
	if (!HEX_SHA256.test(given)) return fail('the signature is not a 64-character hex string');
	const givenBytes = Buffer.from(given.toLowerCase(), 'hex');
	for (const candidate of [body, ...alternatives]) {
		const expected = createHmac('sha256', secret).update(candidate).digest();
		if (timingSafeEqual(expected, givenBytes)) return ok;
	}
	return fail('the signature does not match the body');
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// DER prefix of an SPKI-wrapped raw Ed25519 public key (RFC 8410).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function decodeStrictBase64(value: string, bytes: number): Buffer | undefined {
	if (!STRICT_BASE64.test(value)) return undefined;
	const decoded = Buffer.from(value, 'base64');
	return decoded.length === bytes ? decoded : undefined;
}

/** Parses a base64 raw 32-byte Ed25519 public key (as Telnyx shows it) into a KeyObject. */
export function parseEd25519PublicKey(base64Key: string): KeyObject {
	const raw = decodeStrictBase64(String(base64Key ?? '').trim(), 32);
	if (!raw) {
		throw new Error('The public key must be the base64 text of a 32-byte Ed25519 key, as shown in the Telnyx portal');
	}
	return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export interface Ed25519Check {
	publicKey: KeyObject;
	signature: string | undefined;
	timestamp: string | undefined;
	rawBody: string | Buffer;
	toleranceSeconds?: number;
	nowSeconds?: number;
}

/**
 * Telnyx webhook check: Ed25519 over `${timestamp}|${rawBody}`, the Unix-seconds timestamp
 * within ±300 s of now (past or future), as the official SDK verifies it.
 */
export function verifyEd25519Webhook(check: Ed25519Check): SignatureResult {
	const { publicKey, signature, timestamp, rawBody } = check;
	const tolerance = check.toleranceSeconds ?? 300;
	if (!signature) return fail('the telnyx-signature-ed25519 header is missing');
	if (!timestamp) return fail('the telnyx-timestamp header is missing');
	if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(Number(timestamp))) {
		return fail('the timestamp is not a whole number of seconds');
	}
	const now = check.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (Math.abs(now - Number(timestamp)) > tolerance) {
		return fail(`the timestamp is more than ${tolerance} s from now`);
	}
	const sig = decodeStrictBase64(signature.trim(), 64);
	if (!sig) return fail('the signature is not base64 of 64 bytes');
	const message = Buffer.concat([Buffer.from(`${timestamp}|`), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)]);
	return verify(null, message, publicKey, sig) ? ok : fail('the signature does not match the body');
}

/**
 * JSON with keys sorted at every level and no spaces: the form Pamela's Python SDK
 * re-serialises a parsed body to before hashing it (contract §5.4). `asciiOnly` escapes
 * non-ASCII as \uXXXX, as Python's json.dumps does by default.
 */
export function sortedCompactJson(value: unknown, asciiOnly = false): string {
	const text = serialiseSorted(value);
	return asciiOnly ? text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

function serialiseSorted(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((entry) => serialiseSorted(entry)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const entries = Object.keys(record)
			.sort()
			.filter((key) => record[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${serialiseSorted(record[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
