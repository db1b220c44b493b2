// stream_chat_history: keep-alive comments every 0.5 s until the answer, then the turns as
// `data:` JSON, then [DONE]; [TIMEOUT] after 30 s without an answer. Times are simulated,
// measured from when the call was placed, so a stream opened late replays what was said.
import type { ServerResponse } from 'node:http';

import type { Clock } from '../../core/clock.cts';
import { SseStream } from '../../core/sse.cts';
import type { SimRequest, SimResponse } from '../../core/server.cts';
import type { SteponeSimulator } from './index.cts';

/** Waits until simulated time `at`, so a held clock holds the stream too. */
async function until(clock: Clock, at: number, sse: SseStream): Promise<void> {
	if (!sse.closed && at > clock.now()) await clock.until(at);
}

/** Waits for the socket to take more when its buffer is full, so a long stream stays bounded. */
async function drained(res: ServerResponse, sse: SseStream): Promise<void> {
	if (!res.writableNeedDrain || sse.closed) return;
	await new Promise<void>((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/**
 * Breaks the connection mid-response (no end of the chunked body), after the turns already
 * written have gone out, so a test knows exactly what the client could have received.
 */
function cut(res: ServerResponse, sse: SseStream): void {
	sse.closed = true;
	res.socket?.end();
}

/** Writes one event in two pieces cut inside a multi-byte character (a split network chunk). */
async function writeSplit(clock: Clock, res: ServerResponse, payload: unknown): Promise<void> {
	const bytes = Buffer.from(`data: ${JSON.stringify(payload)}\n\n`, 'utf8');
	const firstWide = bytes.findIndex((byte) => byte >= 0x80);
	const cut = firstWide < 0 ? bytes.length >> 1 : firstWide + 1;
	res.write(bytes.subarray(0, cut));
	await clock.sleep(5);
	res.write(bytes.subarray(cut));
}

export async function streamChatHistory(api: SteponeSimulator, req: SimRequest, res: ServerResponse): Promise<SimResponse | void> {
	const denied = api.authorised(req);
	if (denied) return denied;
	const callId = (req.body as { call_id?: unknown } | undefined)?.call_id;
	const call = typeof callId === 'string' ? api.calls.get(callId) : undefined;
	if (!call) return { status: 200, body: { success: false, message: `call ${String(callId)} not found` } };
	const { script } = call;
	const sse = new SseStream(res);
	// Send the headers now, as a real SSE server does, not with the first event.
	res.flushHeaders();
	api.openStreams++;
	res.on('close', () => api.openStreams--);

	const keepAlive = api.sim.clock.every(500, () => sse.comment('keep-alive'));
	try {
		if (!script.answered) {
			await until(api.sim.clock, call.placedAt + 30000, sse);
			sse.data({ role: 'system', content: '[TIMEOUT]' });
			return sse.end();
		}
		await until(api.sim.clock, call.placedAt + script.ringMs, sse);
	} finally {
		api.sim.clock.cancel(keepAlive);
	}
	const answeredAt = call.placedAt + script.ringMs;
	for (let index = 0; index < script.turns.length && !sse.closed; index++) {
		await until(api.sim.clock, answeredAt + (index + 1) * script.turnGapMs, sse);
		if (index === script.cutAfterTurns) return cut(res, sse);
		if (api.splitUtf8) await writeSplit(api.sim.clock, res, script.turns[index]);
		else sse.data(script.turns[index]);
		await drained(res, sse);
	}
	if (script.cutAfterTurns !== undefined && script.cutAfterTurns >= script.turns.length) return cut(res, sse);
	sse.data({ role: 'system', content: '[DONE]' });
	sse.end();
}
