// Pamela B2B API simulator (contract: shared/contracts/pamela.md). Routes live under
// /api/b2b/v1; calls run on the simulator clock, send signed events to `webhookUrl` and
// invoke tools at `toolUrl`.
import { Callees } from '../../core/callees.cts';
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';
import { PamelaCalls } from './calls.cts';
import { pamelaError } from './errors.cts';
import { calleeFor } from './dialogue.cts';
import { CallLifecycle, type PamelaCalleeScript, type Timings } from './lifecycle.cts';
import { pamelaJson, pamelaSignature } from './signing.cts';
import { FINAL, type CallStatus, type TranscriptShape } from './state.cts';
import { PamelaTools } from './tools.cts';
import { usage } from './usage.cts';
import { PamelaEvents } from './webhooks.cts';

export { pamelaError } from './errors.cts';
export type { PamelaCalleeScript } from './lifecycle.cts';

export const PAMELA_TEST_KEY = 'pk_live_simulator_0123456789';
export const PAMELA_WEBHOOK_SECRET = 'whsec_simulator_secret';
export const PAMELA_PREFIX = '/api/b2b/v1';

export class PamelaSimulator {
	readonly apiKeys = new Set([PAMELA_TEST_KEY]);
	webhookSecret = PAMELA_WEBHOOK_SECRET;
	/** Keys whose subscription has lapsed: 403 with 7008. */
	readonly expiredKeys = new Set<string>();
	/** Keys of partners without a subscription: 403 with 1005. */
	readonly unsubscribedKeys = new Set<string>();
	/** Where call events go (the project's webhook URL in the portal); none: events are only recorded. */
	webhookUrl?: string;
	/** Retry schedule of call events (simulated ms); undefined: the short default of webhooks.cts. */
	webhookRetriesMs?: number[];
	/** Where tool invocations go. */
	toolUrl?: string;
	transcriptShape: TranscriptShape = 'speaker-text';
	readonly timings: Timings = { queueMs: 300, turnMs: 1000, transcriptDelayMs: 3000 };
	readonly callees = new Callees();
	readonly unsupportedCountries = new Set(['KP']);
	readonly countriesWithoutNumber = new Set(['NZ']);
	readonly events: PamelaEvents;
	readonly tools: PamelaTools;
	readonly calls: PamelaCalls;

	constructor(readonly sim: Simulator) {
		this.events = new PamelaEvents(sim, () => ({ url: this.webhookUrl, secret: this.webhookSecret, transcriptShape: this.transcriptShape, retriesMs: this.webhookRetriesMs }));
		this.tools = new PamelaTools(sim, () => ({ url: this.toolUrl, secret: this.webhookSecret }));
		const lifecycle = new CallLifecycle(sim.clock, this.events, this.tools, this.timings);
		this.calls = new PamelaCalls(lifecycle, {
			unsupportedCountries: this.unsupportedCountries,
			countriesWithoutNumber: this.countriesWithoutNumber,
			transcriptShape: () => this.transcriptShape,
			callee: (number, task) => calleeFor(this.callees.scripted(number) as PamelaCalleeScript | undefined, task),
			now: () => sim.clock.now(),
		});
		const route = (method: string, path: string, handler: (req: SimRequest) => SimResponse) =>
			sim.route(method, `${PAMELA_PREFIX}${path}`, (req) => this.authorised(req) ?? handler(req));
		route('POST', '/calls', (req) => this.calls.create(req));
		route('GET', '/calls', (req) => this.calls.list(req));
		route('GET', '/calls/:id', (req) => this.calls.get(req));
		route('POST', '/calls/:id/cancel', (req) => this.calls.cancel(req));
		route('POST', '/calls/:id/hangup', (req) => this.calls.hangup(req));
		route('POST', '/tools', (req) => this.tools.register(req));
		route('GET', '/tools', () => this.tools.list());
		route('DELETE', '/tools/:id', (req) => this.tools.remove(req.params.id));
		route('GET', '/usage', (req) => usage(req, this.calls.calls.values()));
	}

	credentials(overrides: Record<string, string> = {}) {
		return { apiKey: PAMELA_TEST_KEY, webhookSecret: this.webhookSecret, baseUrl: this.sim.baseUrl, ...overrides };
	}

	authorised(req: SimRequest): SimResponse | undefined {
		const match = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
		if (!match) return pamelaError(401, 1001, 'API key required');
		if (this.expiredKeys.has(match[1])) return pamelaError(403, 7008, 'Subscription expired', { grace_period_ended: true });
		if (this.unsubscribedKeys.has(match[1])) return pamelaError(403, 1005, 'Subscription required');
		if (!this.apiKeys.has(match[1])) return pamelaError(401, 1002, 'Invalid API key');
		return undefined;
	}

	/** Scripts what the person at `number` does: answer, ring time, what they say, tools the agent calls. */
	callee(number: string, script: PamelaCalleeScript): void {
		this.callees.set(number, script);
	}

	/** A body and headers as Pamela would send them, for tests that post to a trigger directly. */
	signed(payload: unknown, secret = this.webhookSecret): { body: string; headers: Record<string, string> } {
		const body = pamelaJson(payload);
		return { body, headers: { 'content-type': 'application/json', 'x-pamela-signature': pamelaSignature(secret, body) } };
	}

	/** Resolves once the call reaches one of `statuses` (on a held clock, by stepping simulated time to it). */
	async waitForStatus(callId: string, statuses: CallStatus[] = FINAL, timeoutMs = 20000): Promise<CallStatus> {
		const status = () => this.calls.calls.get(callId)?.status;
		await this.sim.waitFor(
			() => statuses.includes(status() as CallStatus),
			() => `Call ${callId} is ${status() ?? 'unknown'}, not ${statuses.join('|')}`,
			timeoutMs,
		);
		return status()!;
	}

	/** Resolves once the transcript shows on GET /calls/{id} (it lags completion). */
	async waitForTranscript(callId: string, timeoutMs = 20000): Promise<void> {
		await this.waitForStatus(callId, FINAL, timeoutMs);
		const ready = () => this.sim.clock.now() >= (this.calls.calls.get(callId)?.transcriptReadyAt ?? 0);
		await this.sim.waitFor(ready, () => `The transcript of ${callId} is not ready`, timeoutMs);
	}
}
