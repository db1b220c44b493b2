// Builds Telnyx webhook envelopes (contract §6.2, §6.3) and delivers them signed, in order
// per call, to the call's URL or per-event URLs, retrying on the call's policy.
import { randomUUID } from 'node:crypto';

import type { Simulator } from '../../core/server.cts';
import type { TelnyxSigner } from './signing.cts';
import { isoMicro, type SimCall } from './state.cts';

export interface SentEvent {
	callControlId: string;
	eventType: string;
	id: string;
	payload: Record<string, unknown>;
	urls: string[];
}

export interface Connection {
	webhookUrl?: string;
	failoverUrl?: string;
}

export class TelnyxWebhooks {
	/** Every event emitted, before delivery, in order. */
	readonly events: SentEvent[] = [];
	/** Off: events are recorded but not delivered (tests that measure only placing calls). */
	deliver = true;
	/** Retry delays (simulated ms) when a call sets no policy: inferred, the contract gives none. */
	defaultRetriesMs = [1000, 5000];

	constructor(
		private readonly sim: Simulator,
		private readonly signer: TelnyxSigner,
		private readonly connections: Map<string, Connection>,
	) {}

	private commonPayload(call: SimCall): Record<string, unknown> {
		return {
			call_control_id: call.callControlId,
			call_leg_id: call.callLegId,
			call_session_id: call.callSessionId,
			connection_id: call.connectionId,
			client_state: call.clientState,
			from: call.from,
			to: call.to,
		};
	}

	private urlsFor(call: SimCall, eventType: string): string[] {
		const perEvent = call.webhookUrls[eventType];
		if (perEvent?.length) return perEvent;
		const url = call.webhookUrl ?? this.connections.get(call.connectionId)?.webhookUrl;
		return url ? [url] : [];
	}

	emit(call: SimCall, eventType: string, extra: Record<string, unknown> = {}, data: Record<string, unknown> = {}): SentEvent {
		const id = randomUUID();
		const payload = { ...this.commonPayload(call), ...extra };
		const occurredAt = isoMicro(this.sim.clock.now());
		const urls = this.urlsFor(call, eventType);
		const event = { callControlId: call.callControlId, eventType, id, payload, urls };
		this.events.push(event);
		const failover = this.connections.get(call.connectionId)?.failoverUrl;
		for (const url of this.deliver ? urls : []) {
			const job = (target: string) => ({
				url: target,
				body: (attempt: number) =>
					JSON.stringify({
						data: { record_type: 'event', event_type: eventType, id, occurred_at: occurredAt, ...data, payload },
						meta: { attempt, delivered_to: target },
					}),
				sign: (body: string) => this.signer.sign(body),
				retriesMs: call.retriesMs[eventType] ?? this.defaultRetriesMs,
				orderKey: call.callControlId,
			});
			void this.sim.webhooks.send(job(url)).then((delivery) => {
				// No delivery at all when the simulator stopped before the first attempt.
				const ok = delivery?.status !== undefined && delivery.status >= 200 && delivery.status < 300;
				if (!ok && failover) void this.sim.webhooks.send({ ...job(failover), retriesMs: [] });
			});
		}
		return event;
	}
}
