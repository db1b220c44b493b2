// Call events (contract §5.1–5.2): flat signed bodies, one queue per call so they arrive in order.
import type { Simulator } from '../../core/server.cts';
import type { Delivery } from '../../core/webhooks.cts';
import { pamelaJson, pamelaSignature } from './signing.cts';
import { wireTranscript, type SimCall, type TranscriptLine, type TranscriptShape } from './state.cts';

export type CallEvent = 'call.queued' | 'call.started' | 'call.completed' | 'call.failed' | 'call.transcript_update';

export interface EventSettings {
	url?: string;
	secret: string;
	transcriptShape: TranscriptShape;
	/** Delays before each retry of a failed delivery (simulated ms); default two short ones. */
	retriesMs?: number[];
}

export class PamelaEvents {
	/** Every event the simulator emitted, sent or not (no URL configured). */
	readonly emitted: Array<{ event: CallEvent; callId: string; body: Record<string, unknown> }> = [];

	constructor(
		private readonly sim: Simulator,
		private readonly settings: () => EventSettings,
	) {}

	/** Sends one event; `entries` is the transcript it carries (new lines on updates, all on completion). */
	emit(call: SimCall, event: CallEvent, entries?: TranscriptLine[]): Promise<Delivery> | undefined {
		const { url, secret, transcriptShape, retriesMs } = this.settings();
		const body: Record<string, unknown> = {
			event,
			call_id: call.id,
			status: call.status,
			timestamp: new Date().toISOString(),
			...(entries ? { transcript: wireTranscript(entries, transcriptShape) } : {}),
		};
		this.emitted.push({ event, callId: call.id, body });
		if (!url) return undefined;
		return this.sim.webhooks.send({
			url,
			body: () => pamelaJson(body),
			sign: (text) => ({ 'x-pamela-signature': pamelaSignature(secret, text) }),
			// Retry schedule is not documented; two retries keep tests of a down receiver short.
			retriesMs: retriesMs ?? [1000, 5000],
			orderKey: call.id,
		});
	}
}
