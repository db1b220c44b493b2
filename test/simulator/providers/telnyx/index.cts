// Telnyx Call Control simulator (contract: shared/contracts/telnyx.md).
import { generateKeyPairSync } from 'node:crypto';
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';

export const TELNYX_TEST_KEY = 'KEY0123456789ABCDEF_simulator';

/** Telnyx error body: `errors[]` with string codes (contract §2). */
export function telnyxError(status: number, code: string, title: string, detail?: string): SimResponse {
	return {
		status,
		body: { errors: [{ code, title, ...(detail ? { detail } : {}), meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` } }] },
	};
}

export class TelnyxSimulator {
	readonly apiKeys = new Set([TELNYX_TEST_KEY]);
	/** Ed25519 key pair the simulator signs webhooks with; the public key goes in the credential. */
	readonly signingKeys = generateKeyPairSync('ed25519');
	readonly publicKeyBase64 = this.signingKeys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');

	constructor(readonly sim: Simulator) {
		sim.route('GET', '/v2/balance', (req) => this.authorised(req) ?? this.balance());
	}

	get baseUrl(): string {
		return `${this.sim.baseUrl}/v2`;
	}

	/** Values for the `telnyxApi` credential pointing at this simulator. */
	credentials(overrides: Record<string, string> = {}) {
		return { apiKey: TELNYX_TEST_KEY, publicKey: this.publicKeyBase64, baseUrl: this.baseUrl, ...overrides };
	}

	/** A 401 response when the Bearer key is missing or unknown, else undefined. */
	authorised(req: SimRequest): SimResponse | undefined {
		const match = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
		if (match && this.apiKeys.has(match[1])) return undefined;
		return telnyxError(401, '10009', 'Authentication failed', 'The API key provided is invalid or missing.');
	}

	private balance(): SimResponse {
		return {
			status: 200,
			body: {
				data: { record_type: 'balance', balance: '300.00', credit_limit: '100.00', available_credit: '400.00', pending: '0.00', currency: 'USD' },
			},
		};
	}
}
