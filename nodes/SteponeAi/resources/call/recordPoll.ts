import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { attempt, PollBackoff, pollFailure, type Deadline } from '../../../shared/outcomeWait';
import { cancellableSleep } from '../../../shared/wait';
import { steponeRawRequest } from '../../transport';
import { isFinished, recordOf } from './record';

export interface RecordPoll {
	/** The last record Stepone had, finished or not; undefined when it had none yet. */
	record?: IDataObject;
	/** `search_callinfo` requests sent. */
	requests: number;
}

/**
 * Reads a call's record (`search_callinfo`) until it is finished or `until` passes: at the
 * base interval (`steady`, for a record that is due soon because the call has ended; the
 * first read after one interval) or at once and then backing off (a call that may still run). Stepone
 * writes the record some time after the end ("needs patience", contract §4). A lost read
 * (5xx, network) is tried again later; a 4xx fails the item, naming the call.
 */
export async function pollRecord(
	ctx: IExecuteFunctions,
	itemIndex: number,
	callId: string,
	options: { until: Deadline; pollMs: number; steady: boolean },
): Promise<RecordPoll> {
	const signal = ctx.getExecutionCancelSignal();
	const backoff = new PollBackoff(options.pollMs);
	const result: RecordPoll = { requests: 0 };
	// A call that has just ended has no record yet: the first read waits one interval.
	if (options.steady) await cancellableSleep(Math.min(options.pollMs, options.until.left()), signal);
	for (;;) {
		result.requests++;
		// A read: safe to retry on 5xx and lost replies (the shared transport does so).
		const read = await attempt(
			async () =>
				await steponeRawRequest<IDataObject>(ctx, { method: 'POST', path: '/api/v1/callinfo/search_callinfo', body: { call_id: callId }, itemIndex, retry: 'idempotent' }),
		);
		if (read.ok) {
			result.record = recordOf(read.value.body) ?? result.record;
			if (result.record && isFinished(result.record)) return result;
		} else {
			pollFailure(ctx, itemIndex, read.error, `call ${callId} was placed, but reading its record failed, so its outcome is unknown. Check it later with Get Call Record; do not place it again.`);
		}
		if (options.until.passed) return result;
		const delay = options.steady ? options.pollMs : backoff.next();
		await cancellableSleep(Math.min(delay, options.until.left()), signal);
	}
}
