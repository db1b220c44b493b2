import type { KeyObject } from 'node:crypto';

import { headerValue } from '../../shared/headers';
import { parseEd25519PublicKey, verifyEd25519Webhook, type SignatureResult } from '../../shared/signatures';

/** Parsed keys by their base64 text, so each event does not re-import the same key. */
const keys = new Map<string, KeyObject>();

/** The credential's public key as a KeyObject; throws a message fit for the user when unusable. */
export function publicKeyFrom(base64: unknown): KeyObject {
	const text = typeof base64 === 'string' ? base64.trim() : '';
	if (!text) {
		throw new Error(
			'The Telnyx credential has no Webhook Public Key, so events cannot be verified. Copy it from the Telnyx portal (Account Settings → Keys & Credentials → Public Key) into the credential.',
		);
	}
	let key = keys.get(text);
	if (!key) {
		key = parseEd25519PublicKey(text);
		if (keys.size > 50) keys.clear();
		keys.set(text, key);
	}
	return key;
}

/** Checks Telnyx's Ed25519 signature over `${telnyx-timestamp}|${rawBody}` (contract §6.6). */
export function verifyTelnyxRequest(publicKey: KeyObject, headers: Record<string, unknown>, rawBody: string | Buffer): SignatureResult {
	return verifyEd25519Webhook({
		publicKey,
		signature: headerValue(headers, 'telnyx-signature-ed25519'),
		timestamp: headerValue(headers, 'telnyx-timestamp'),
		rawBody,
	});
}
