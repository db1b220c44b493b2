// Telnyx Call Control simulator (contract: shared/contracts/telnyx.md). Routes live in
// calls.cts and commands.cts, the call's life in lifecycle.cts, webhooks in webhooks.cts.
import { randomUUID } from 'node:crypto';

import { Callees, type CalleeScript } from '../../core/callees.cts';
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';
import { registerCallRoutes } from './calls.cts';
import { registerCommandRoutes } from './commands.cts';
import { DialLimit } from './dialLimit.cts';
import { TelnyxIvr, type InboundCall } from './ivr.cts';
import { telnyxError } from './errors.cts';
import { TelnyxLifecycle } from './lifecycle.cts';
import { TelnyxSigner } from './signing.cts';
import type { SimCall } from './state.cts';
import { TelnyxWebhooks, type Connection } from './webhooks.cts';

export { telnyxError };
export type { SimCall };

export const TELNYX_TEST_KEY = 'KEY0123456789ABCDEF_simulator';
/** A Call Control application that exists in the simulator; its webhooks go to a sink route. */
export const TELNYX_CONNECTION_ID = '1494404757140276705';
export const TELNYX_SINK_PATH = '/_telnyx/webhook-sink';

export class TelnyxSimulator {
	readonly apiKeys = new Set([TELNYX_TEST_KEY]);
	/** Signs webhooks with tweetnacl; its public key goes in the credential. */
	readonly signer = new TelnyxSigner();
	readonly publicKeyBase64 = this.signer.publicKeyBase64;
	readonly connections = new Map<string, Connection>();
	readonly calls = new Map<string, SimCall>();
	readonly callees = new Callees();
	readonly webhooks: TelnyxWebhooks;
	readonly lifecycle: TelnyxLifecycle;
	/** Dial limit: 150 dials per rolling 5 s by default (contract §8), on the simulator clock. */
	readonly dialLimit: DialLimit;
	/** Answer, Reject, Transfer, Bridge, media commands and inbound calls (ivr.cts). */
	readonly ivr: TelnyxIvr;

	constructor(readonly sim: Simulator) {
		this.dialLimit = new DialLimit(() => sim.clock.now());
		this.webhooks = new TelnyxWebhooks(sim, this.signer, this.connections);
		this.lifecycle = new TelnyxLifecycle(sim, this.webhooks);
		this.ivr = new TelnyxIvr(this);
		sim.route('GET', '/v2/balance', (req) => this.authorised(req) ?? this.balance());
		sim.route('POST', TELNYX_SINK_PATH, () => ({ status: 200, body: { ok: true } }));
		registerCallRoutes(this);
		registerCommandRoutes(this);
		require('./applications.cts').registerApplicationRoutes(this); // Call Control applications (applications.cts)
		require('./phoneNumbers.cts').registerPhoneNumberRoutes(this, TELNYX_CONNECTION_ID); // the account's numbers (phoneNumbers.cts)
		require('./assistants.cts').registerAssistantRoutes(this); // stored AI assistants (assistants.cts)
		// The default application's URL is the sink, known only once the server listens.
		this.connections.set(TELNYX_CONNECTION_ID, { get webhookUrl() { return `${sim.baseUrl}${TELNYX_SINK_PATH}`; } });
	}

	get baseUrl(): string {
		return `${this.sim.baseUrl}/v2`;
	}

	/** Values for the `telnyxApi` credential pointing at this simulator. */
	credentials(overrides: Record<string, string> = {}) {
		return { apiKey: TELNYX_TEST_KEY, publicKey: this.publicKeyBase64, baseUrl: this.baseUrl, ...overrides };
	}

	/** Scripts what the person at `number` does when called (answer, digits, AI fields…). */
	callee(number: string, script: CalleeScript): void {
		this.callees.set(number, script);
	}

	/** Someone calls your number `to`: call.initiated (incoming) goes to the application's webhook URL; then Answer works on it. */
	inboundCall(call: InboundCall): SimCall {
		return this.ivr.inboundCall(call);
	}

	/** Sets the dial rate limit and forgets earlier dials (tests). */
	limitDials(limit = 150, windowMs = 5000): void {
		this.dialLimit.set(limit, windowMs);
	}

	/** Adds or changes a Call Control application. */
	connection(id: string, connection: Connection): void {
		this.connections.set(id, connection);
	}

	/** The calls dialled to a number, oldest first. */
	callsTo(number: string): SimCall[] {
		return [...this.calls.values()].filter((call) => call.to === number);
	}

	/** Event types emitted for a call, in order. */
	eventTypes(callControlId: string): string[] {
		return this.webhooks.events.filter((event) => event.callControlId === callControlId).map((event) => event.eventType);
	}

	/**
	 * Resolves once the call has emitted an event of this type: on a held clock by stepping
	 * simulated time to it, on a running clock by waiting up to `timeoutMs` of real time.
	 */
	async waitForEvent(callControlId: string, eventType: string, timeoutMs = 20000): Promise<void> {
		const seen = () => this.eventTypes(callControlId).includes(eventType);
		const explain = () => `No ${eventType} for ${callControlId} (got ${this.eventTypes(callControlId).join(', ')})`;
		await this.sim.waitFor(seen, explain, timeoutMs);
	}

	/** A 401 response when the Bearer key is missing or unknown, else undefined. */
	authorised(req: SimRequest): SimResponse | undefined {
		const match = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
		if (match && this.apiKeys.has(match[1])) return undefined;
		return telnyxError(401, '10009', 'Authentication failed', 'The API key provided is invalid or missing.');
	}

	/** A new leg for one Dial target, started on its scripted life. */
	createCall(dial: Record<string, unknown>, to: string, sessionId: string): SimCall {
		const policies = (dial.webhook_retries_policies ?? {}) as Record<string, { retries_ms: number[] }>;
		const call: SimCall = {
			callControlId: `v3:${randomUUID().replace(/-/g, '')}`,
			callLegId: randomUUID(),
			callSessionId: sessionId,
			connectionId: String(dial.connection_id),
			from: String(dial.from),
			to,
			clientState: typeof dial.client_state === 'string' ? dial.client_state : '',
			webhookUrl: typeof dial.webhook_url === 'string' && dial.webhook_url ? dial.webhook_url : undefined,
			webhookUrls: (dial.webhook_urls ?? {}) as Record<string, string[]>,
			retriesMs: Object.fromEntries(Object.entries(policies).map(([event, policy]) => [event, policy.retries_ms])),
			dial,
			script: this.callees.get(to),
			state: 'ringing',
			recordingId: dial.record === 'record-from-answer' ? randomUUID() : undefined,
			timers: [],
			commands: new Map(),
			executed: [],
		};
		this.calls.set(call.callControlId, call);
		this.lifecycle.start(call);
		return call;
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
