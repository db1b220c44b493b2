// Stepone AI simulator (contract: shared/contracts/stepone.md). Routes live by concern in
// calls, records, stream, agents and catalog; this class holds the state they share.
import { Callees } from '../../core/callees.cts';
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';
import { createAgent, listAgents, type SteponeAgent } from './agents.cts';
import { initiateCall, type SteponeCall } from './calls.cts';
import { engineList, SteponeCatalog, ttsList } from './catalog.cts';
import { searchCallInfo } from './records.cts';
import type { SteponeScript } from './script.cts';
import { streamChatHistory } from './stream.cts';

export const STEPONE_TEST_KEY = 'sk_simulator_0123456789';
export const STEPONE_SKILL_VERSION = '1.0.0';
const PREFIX = '/api/v1/callinfo';

export class SteponeSimulator {
	readonly apiKeys = new Set([STEPONE_TEST_KEY]);
	/** The X-Skill-Version the server accepts; anything else gets 426. */
	skillVersion = STEPONE_SKILL_VERSION;
	balance = 8.5;
	/** Calls by id. */
	readonly calls = new Map<string, SteponeCall>();
	/** What happens when a given 11-digit number is called (default: answered, Chinese dialogue). */
	readonly scripts = new Map<string, SteponeScript>();
	/** Generic callee scripts (the playground's control API); the dialogue follows the requirement (dialogue.cts). */
	readonly callees = new Callees();
	readonly agents = new Map<number, SteponeAgent>();
	readonly catalog = new SteponeCatalog();
	/** Simulated ms between the end of a call and its record appearing (Infinity: never). */
	recordDelayMs = 5000;
	/** Where initiate_call puts the ids: `data.call_ids` (recommended) or a top-level `call_id`. */
	replyShape: 'nested' | 'top-level-call-id' = 'nested';
	/** Write each SSE event in two network chunks cut inside a Chinese character. */
	splitUtf8 = false;
	/**
	 * Answer a repeated Idempotency-Key with the first request's call IDs and place nothing.
	 * Off by default: Stepone does not promise it (contract §3); a server that does it is modelled.
	 */
	dedupeIdempotencyKeys = false;
	/** Call IDs by Idempotency-Key, for the mode above. */
	readonly callsByKey = new Map<string, string[]>();
	/** SSE connections currently open (to check that clients close them). */
	openStreams = 0;

	constructor(readonly sim: Simulator) {
		sim.route('GET', `${PREFIX}/skill_version`, () => ({ status: 200, body: { skill_version: this.skillVersion } }));
		sim.route('GET', `${PREFIX}/balance`, (req) => this.authorised(req) ?? { status: 200, body: { success: true, data: { balance: this.balance, currency: 'CNY' } } });
		sim.route('POST', `${PREFIX}/initiate_call`, (req) => initiateCall(this, req));
		sim.route('POST', `${PREFIX}/search_callinfo`, (req) => searchCallInfo(this, req));
		sim.route('POST', `${PREFIX}/stream_chat_history`, (req, res) => streamChatHistory(this, req, res));
		sim.route('GET', `${PREFIX}/engine_list`, (req) => engineList(this, req));
		sim.route('GET', `${PREFIX}/tts_list`, (req) => ttsList(this, req));
		sim.route('GET', `${PREFIX}/agents`, (req) => listAgents(this, req));
		sim.route('POST', `${PREFIX}/agents`, (req) => createAgent(this, req));
	}

	credentials(overrides: Record<string, string> = {}) {
		return { apiKey: STEPONE_TEST_KEY, baseUrl: this.sim.baseUrl, skillVersion: STEPONE_SKILL_VERSION, ...overrides };
	}

	/** Forgets calls, scripts, agents and settings changed by a test. */
	reset(): void {
		this.calls.clear();
		this.scripts.clear();
		this.callees.clear();
		this.agents.clear();
		this.recordDelayMs = 5000;
		this.replyShape = 'nested';
		this.splitUtf8 = false;
		this.dedupeIdempotencyKeys = false;
		this.callsByKey.clear();
		this.skillVersion = STEPONE_SKILL_VERSION;
	}

	/** A missing or different X-Skill-Version gets 426 (contract §1, §8). */
	versionChecked(req: SimRequest): SimResponse | undefined {
		const version = req.headers['x-skill-version'];
		if (version === this.skillVersion) return undefined;
		return {
			status: 426,
			body: { success: false, message: `skill version mismatch, please update (server ${this.skillVersion}, client ${version ?? 'none'})` },
		};
	}

	/** Version first (426), then key (401), as the contract orders the checks (§8). */
	authorised(req: SimRequest): SimResponse | undefined {
		const outdated = this.versionChecked(req);
		if (outdated) return outdated;
		const key = req.headers['x-api-key'];
		if (typeof key !== 'string' || !this.apiKeys.has(key)) return { status: 401, body: { success: false, message: 'invalid api key' } };
		return undefined;
	}
}

export type { SteponeScript, SteponeTurn } from './script.cts';
export { CHINESE_DIALOGUE, DEFAULT_SCRIPT } from './script.cts';
