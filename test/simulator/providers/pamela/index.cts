// Pamela B2B API simulator (contract: shared/contracts/pamela.md).
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';

export const PAMELA_TEST_KEY = 'pk_live_simulator_0123456789';
export const PAMELA_WEBHOOK_SECRET = 'whsec_simulator_secret';
export const PAMELA_PREFIX = '/api/b2b/v1';

/** Pamela error body, shape 1 of the contract: `detail.error_code`. */
export function pamelaError(status: number, errorCode: number, message: string, details: Record<string, unknown> = {}): SimResponse {
	return { status, body: { detail: { error_code: errorCode, message, details } } };
}

export class PamelaSimulator {
	readonly apiKeys = new Set([PAMELA_TEST_KEY]);
	webhookSecret = PAMELA_WEBHOOK_SECRET;
	/** Keys whose subscription has lapsed: 403 with 7008. */
	readonly expiredKeys = new Set<string>();

	constructor(readonly sim: Simulator) {
		sim.route('GET', `${PAMELA_PREFIX}/calls`, (req) => this.authorised(req) ?? { status: 200, body: { items: [], total: 0, limit: Number(req.query.get('limit') ?? 50), offset: 0 } });
	}

	credentials(overrides: Record<string, string> = {}) {
		return { apiKey: PAMELA_TEST_KEY, webhookSecret: this.webhookSecret, baseUrl: this.sim.baseUrl, ...overrides };
	}

	authorised(req: SimRequest): SimResponse | undefined {
		const match = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
		if (!match) return pamelaError(401, 1001, 'API key required');
		if (this.expiredKeys.has(match[1])) return pamelaError(403, 7008, 'Subscription expired', { grace_period_ended: true });
		if (!this.apiKeys.has(match[1])) return pamelaError(401, 1002, 'Invalid API key');
		return undefined;
	}
}
