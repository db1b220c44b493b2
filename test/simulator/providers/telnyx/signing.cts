// Telnyx webhook signatures (contract §6.6): Ed25519 over `${timestamp}|${body}`, made with
// tweetnacl so the simulator does not share code with the verifier it tests.
import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';

export class TelnyxSigner {
	private readonly keys: nacl.SignKeyPair;
	/** Raw 32-byte public key, base64: what the Telnyx portal shows. */
	readonly publicKeyBase64: string;
	/** Shifts the signing time, to produce stale or future timestamps in tests. */
	skewSeconds = 0;

	constructor(seed: Uint8Array = randomBytes(32)) {
		this.keys = nacl.sign.keyPair.fromSeed(seed);
		this.publicKeyBase64 = Buffer.from(this.keys.publicKey).toString('base64');
	}

	/** The two headers Telnyx sends with a body. */
	sign(body: string, timestamp = Math.floor(Date.now() / 1000) + this.skewSeconds): Record<string, string> {
		const message = Buffer.from(`${timestamp}|${body}`, 'utf8');
		const signature = nacl.sign.detached(new Uint8Array(message), this.keys.secretKey);
		return { 'telnyx-signature-ed25519': Buffer.from(signature).toString('base64'), 'telnyx-timestamp': String(timestamp) };
	}
}
