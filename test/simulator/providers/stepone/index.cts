// Stepone AI simulator (contract: shared/contracts/stepone.md).
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';

export const STEPONE_TEST_KEY = 'sk_simulator_0123456789';
export const STEPONE_SKILL_VERSION = '1.0.0';

export class SteponeSimulator {
	readonly apiKeys = new Set([STEPONE_TEST_KEY]);
	/** The X-Skill-Version the server accepts; anything else gets 426. */
	skillVersion = STEPONE_SKILL_VERSION;
	balance = 8.5;

	constructor(readonly sim: Simulator) {
		sim.route('GET', '/api/v1/callinfo/skill_version', () => ({ status: 200, body: { skill_version: this.skillVersion } }));
		sim.route('GET', '/api/v1/callinfo/balance', (req) => this.authorised(req) ?? { status: 200, body: { success: true, data: { balance: this.balance, currency: 'CNY' } } });
	}

	credentials(overrides: Record<string, string> = {}) {
		return { apiKey: STEPONE_TEST_KEY, baseUrl: this.sim.baseUrl, skillVersion: STEPONE_SKILL_VERSION, ...overrides };
	}

	/** Version first (426), then key (401), as the contract orders the checks (§8). */
	authorised(req: SimRequest): SimResponse | undefined {
		const version = req.headers['x-skill-version'];
		if (version !== this.skillVersion) {
			return {
				status: 426,
				body: { success: false, message: `skill version mismatch, please update (server ${this.skillVersion}, client ${version ?? 'none'})` },
			};
		}
		const key = req.headers['x-api-key'];
		if (typeof key !== 'string' || !this.apiKeys.has(key)) return { status: 401, body: { success: false, message: 'invalid api key' } };
		return undefined;
	}
}
