import type { Turn } from '../transcript';
import { parseStreamEvent } from '../transcript';
import { cancellableSleep, ExecutionStoppedError } from '../../shared/wait';
import type { StreamBody } from './openStream';
import { untilAborted } from './abortable';
import { readSseData } from './sse';

/** Why the stream ended: the call ended, nobody answered, the line broke, or our time limit. */
export type StreamEndStatus = 'completed' | 'not_answered' | 'connection_lost' | 'max_duration';

export interface StreamEnd {
	status: StreamEndStatus;
	reason: string;
	turns: number;
	/** `data:` payloads that were not JSON; skipped rather than guessed at. */
	unparseableEvents: number;
}

export interface FollowOptions {
	maxDurationMs: number;
	/** The execution's cancel signal: a stopped execution stops reading at once. */
	cancelSignal: AbortSignal | undefined;
	/** Gets each turn as it arrives; the reader itself keeps none of them. */
	onTurn: (turn: Turn) => void;
}

function describeCause(error: unknown): string {
	const code = (error as { code?: string })?.code;
	return code ? `the connection broke (${code})` : `the connection broke (${(error as Error)?.message || 'no reason given'})`;
}

/**
 * Reads a conversation stream until `[DONE]`, `[TIMEOUT]`, a broken connection or the time
 * limit, handing each turn to `onTurn` and returning why it ended. Keep-alive comments are
 * skipped by the SSE reader. Only the execution being stopped throws.
 */
export async function followConversation(body: StreamBody, options: FollowOptions): Promise<StreamEnd> {
	// Aborted by the time limit or by the execution being stopped; ends the read at once.
	const stop = new AbortController();
	let limitReached = false;
	void cancellableSleep(options.maxDurationMs, stop.signal).then(
		() => {
			limitReached = true;
			stop.abort();
		},
		() => undefined,
	);
	const onCancel = () => stop.abort();
	if (options.cancelSignal?.aborted) stop.abort();
	options.cancelSignal?.addEventListener('abort', onCancel, { once: true });
	const end: StreamEnd = { status: 'connection_lost', reason: '', turns: 0, unparseableEvents: 0 };
	const seconds = Math.round(options.maxDurationMs / 1000);
	let broken: unknown;
	try {
		for await (const data of readSseData(untilAborted(body, stop.signal))) {
			const event = parseStreamEvent(data);
			if (event.kind === 'done') return { ...end, status: 'completed', reason: 'the call ended ([DONE])' };
			if (event.kind === 'timeout') return { ...end, status: 'not_answered', reason: 'not answered within 30 s ([TIMEOUT])' };
			if (event.kind === 'unparseable') {
				end.unparseableEvents++;
				continue;
			}
			const role = event.kind === 'system' ? 'system' : event.role;
			options.onTurn({ role, text: event.text, time: new Date().toISOString() });
			end.turns++;
		}
	} catch (error) {
		// A broken line is an outcome to report with the turns so far, not a failure.
		broken = error ?? new Error('stream error');
	} finally {
		stop.abort();
		options.cancelSignal?.removeEventListener('abort', onCancel);
		body.destroy();
	}
	if (options.cancelSignal?.aborted) throw new ExecutionStoppedError();
	if (limitReached) return { ...end, status: 'max_duration', reason: `the maximum duration of ${seconds} s was reached` };
	if (broken !== undefined) return { ...end, reason: describeCause(broken) };
	return { ...end, reason: 'the connection closed before the call ended ([DONE] never came)' };
}
