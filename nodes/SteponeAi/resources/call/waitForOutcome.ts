import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { timeoutOutcome, type CallOutcome } from '../../../shared/outcome';
import { attempt, Deadline, type WaitSettings } from '../../../shared/outcomeWait';
import { ExecutionStoppedError } from '../../../shared/wait';
import { steponeOutcome, type StreamResult } from '../../outcome';
import { followConversation } from '../../stream/conversation';
import { openConversationStream } from '../../stream/openStream';
import type { Turn } from '../../transcript';
import { isFinished } from './record';
import { pollRecord } from './recordPoll';

/** One call of an `initiate_call` request, with its number when the IDs could be matched to numbers. */
export interface PlacedCall {
	callId: string;
	phone: string | null;
}

/** What Wait for Outcome outputs per call: the one outcome shape, its number, and whether the record was still missing. */
export type SteponeOutcomeItem = CallOutcome & { phone: string | null; recordPending: boolean };

/** Polls at the base interval for this many intervals after [DONE]/[TIMEOUT] for the record to appear. */
const RECORD_GRACE_POLLS = 12;

/** Follows the live stream to [DONE]/[TIMEOUT], the deadline or a broken line; undefined when it could not be opened. */
async function listen(ctx: IExecuteFunctions, itemIndex: number, callId: string, deadline: Deadline): Promise<StreamResult | undefined> {
	const turns: Turn[] = [];
	const heard = await attempt(async () => {
		const body = await openConversationStream(ctx, callId, itemIndex, Math.max(1000, deadline.left()));
		return await followConversation(body, { maxDurationMs: Math.max(1, deadline.left()), cancelSignal: ctx.getExecutionCancelSignal(), onTurn: (turn) => turns.push(turn) });
	});
	if (heard.ok) return { status: heard.value.status, reason: heard.value.reason, turns };
	if (heard.error instanceof ExecutionStoppedError || ctx.getExecutionCancelSignal()?.aborted) throw new ExecutionStoppedError();
	// No stream (it could not be opened): the record alone tells how the call went.
	return undefined;
}

async function outcomeOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	call: PlacedCall,
	correlation: IDataObject | null,
	deadline: Deadline,
	settings: WaitSettings,
): Promise<SteponeOutcomeItem> {
	const stream = await listen(ctx, itemIndex, call.callId, deadline);
	// After [DONE]/[TIMEOUT] the record is due soon; otherwise the call may still be running.
	const ended = stream?.status === 'completed' || stream?.status === 'not_answered';
	const grace = new Deadline(Math.min(deadline.left(), RECORD_GRACE_POLLS * settings.pollMs));
	const { record } = await pollRecord(ctx, itemIndex, call.callId, { until: ended ? grace : deadline, pollMs: settings.pollMs, steady: ended });
	const outcome = steponeOutcome({ callId: call.callId, record, stream, correlation });
	if (outcome.status === 'timeout') return { ...timeoutOutcome(outcome, Math.round(settings.maxWaitMs / 1000)), phone: call.phone, recordPending: false };
	return { ...outcome, phone: call.phone, recordPending: !record || !isFinished(record) };
}

/**
 * Waits for the outcome of every call one `initiate_call` returned, all at once: the live
 * stream to its end, then the call record with its patient retry (contract §4, §5). One
 * outcome per call ID, in the order of the IDs; the input item is each one's correlation.
 * Past the Maximum Wait an outcome is `timeout` with what was received; Stop ends every
 * wait at once (the first failure is thrown once all have settled).
 */
export async function waitForSteponeOutcomes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	calls: PlacedCall[],
	settings: WaitSettings,
): Promise<SteponeOutcomeItem[]> {
	const deadline = new Deadline(settings.maxWaitMs);
	const input = ctx.getInputData()[itemIndex]?.json;
	const correlation = input && Object.keys(input).length > 0 ? input : null;
	const settled = await Promise.allSettled(calls.map(async (call) => await outcomeOf(ctx, itemIndex, call, correlation, deadline, settings)));
	const outcomes: SteponeOutcomeItem[] = [];
	for (const result of settled) {
		if (result.status === 'rejected') throw result.reason;
		outcomes.push(result.value);
	}
	return outcomes;
}
