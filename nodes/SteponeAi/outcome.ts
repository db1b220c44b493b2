import type { IDataObject } from 'n8n-workflow';

import { emptyOutcome, isoTime, type CallOutcome, type OutcomeStatus } from '../shared/outcome';
import { outcomeTurns, readTranscript, speakerOf, type TranscriptLine } from '../shared/transcript';
import { endedAtOf, isFinished, statusOf } from './resources/call/record';
import type { StreamEndStatus } from './stream/conversation';
import type { Turn } from './transcript';

/**
 * Record statuses: the official 1.0.14 client's terminal list (contract §4), which is the
 * client's guess, not a server enum. `generic` means "it ended" and says nothing of how.
 * - timeout: Stepone's own ring timeout (inferred), so no_answer; our `timeout` is kept for
 *   the workflow's Maximum Wait.
 * - declined, rejected: failed, as Telnyx's call_rejected (the reason keeps the word).
 */
export const RECORD_STATUSES: Record<string, OutcomeStatus | 'generic'> = {
	completed: 'generic',
	complete: 'generic',
	ended: 'generic',
	hung_up: 'generic',
	hangup: 'generic',
	failed: 'failed',
	cancelled: 'cancelled',
	canceled: 'cancelled',
	no_answer: 'no_answer',
	busy: 'busy',
	declined: 'failed',
	rejected: 'failed',
	timeout: 'no_answer',
	voicemail: 'voicemail',
};

/**
 * `hangup_cause` in `provider_response` (the upstream carrier's raw reply, contract §4: its
 * shape is undocumented; inferred from the simulator and common SIP/Q.850 cause names, any case).
 * originator_cancel is no_answer: Stepone has no cancel API, so it is Stepone giving up
 * ringing (its 30 s [TIMEOUT], §5).
 */
export const HANGUP_CAUSES: Record<string, OutcomeStatus | 'generic'> = {
	normal_clearing: 'generic',
	user_busy: 'busy',
	no_answer: 'no_answer',
	no_user_response: 'no_answer',
	timeout: 'no_answer',
	originator_cancel: 'no_answer',
	call_rejected: 'failed',
	unallocated_number: 'failed',
	not_found: 'failed',
	invalid_number_format: 'failed',
	number_changed: 'failed',
};

/** How the live stream ended (the reader's words): [DONE], [TIMEOUT], a broken line, our time limit. */
export interface StreamResult {
	status: StreamEndStatus;
	reason: string;
	turns: Turn[];
}

export interface SteponeOutcomeInput {
	callId: string;
	/** The `search_callinfo` record, once Stepone has one. */
	record?: IDataObject;
	/** What the live stream gave, when it was followed. */
	stream?: StreamResult;
	/** The correlation data of the input item that placed the call. */
	correlation?: IDataObject | null;
}

/** The `hangup_cause` inside `provider_response` (a JSON string, sometimes escaped twice, or an object). */
export function hangupCauseOf(record: IDataObject): string | undefined {
	let response: unknown = record.provider_response;
	for (let depth = 0; depth < 2 && typeof response === 'string'; depth++) {
		try {
			response = JSON.parse(response);
		} catch {
			return undefined;
		}
	}
	if (!response || typeof response !== 'object') return undefined;
	const cause = (response as IDataObject).hangup_cause ?? (response as IDataObject).hangupCause;
	return typeof cause === 'string' && cause ? cause.toLowerCase() : undefined;
}

/** A stream end that is the call's end: [DONE] (it ended) or [TIMEOUT] (nobody answered in 30 s). */
const streamFinal = (stream?: StreamResult): boolean => stream?.status === 'completed' || stream?.status === 'not_answered';

/** Whether the call has ended: a finished record, or a stream that ended with [DONE] or [TIMEOUT]. */
export function isFinal(input: Pick<SteponeOutcomeInput, 'record' | 'stream'>): boolean {
	return (!!input.record && isFinished(input.record)) || streamFinal(input.stream);
}

const numberOf = (value: unknown): number | null => {
	if (value === undefined || value === null || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
};

/** Talk time, billing or a callee turn: signs that somebody picked up. */
function answeredByRecord(record: IDataObject, lines: TranscriptLine[]): boolean {
	return (numberOf(record.duration_seconds ?? record.duration) ?? 0) > 0 || record.billed === true || lines.some((line) => speakerOf(line.role) === 'callee');
}

function statusFromRecord(record: IDataObject, answered: boolean): { status: OutcomeStatus; why: string | undefined } {
	const said = statusOf(record)?.toLowerCase();
	const cause = hangupCauseOf(record);
	const byStatus = said ? RECORD_STATUSES[said] : undefined;
	if (byStatus && byStatus !== 'generic') return { status: byStatus, why: cause ?? said };
	const byCause = cause ? HANGUP_CAUSES[cause] : undefined;
	if (byCause && byCause !== 'generic' && !answered) return { status: byCause, why: cause };
	// Inferred: a finished call with no talk time, no callee turn and no more specific word was not answered.
	return { status: answered ? 'completed' : 'no_answer', why: cause ?? said };
}

/**
 * The outcome from the call record and/or the live stream (contract §4, §5). A finished
 * record wins; before it exists, a stream that ended with [DONE] is a completed, answered
 * call and [TIMEOUT] an unanswered one; anything else has not ended (`timeout`).
 */
export function steponeOutcome(input: SteponeOutcomeInput): CallOutcome {
	const { record, stream } = input;
	const recordLines = record ? readTranscript(record.call_content) : [];
	const lines = recordLines.length ? recordLines : (stream?.turns ?? []).map((turn) => ({ role: turn.role, text: turn.text, at: turn.time }));
	const raw: IDataObject = record ?? { stream: { status: stream?.status ?? null, reason: stream?.reason ?? null, turns: stream?.turns ?? [] } };
	const base = { ...emptyOutcome('stepone', input.callId, raw), transcript: outcomeTurns(lines), correlation: input.correlation ?? null };

	if (record && isFinished(record)) {
		const picked = answeredByRecord(record, recordLines) || stream?.status === 'completed';
		const { status, why } = statusFromRecord(record, picked);
		const answered = picked && status !== 'no_answer' && status !== 'busy';
		const cost = numberOf(record.cost);
		return {
			...base,
			status,
			answered,
			startedAt: isoTime(record.started_at ?? record.start_time ?? record.startedAt),
			endedAt: isoTime(endedAtOf(record)),
			durationSeconds: numberOf(record.duration_seconds ?? record.duration) ?? (answered ? null : 0),
			// Charged in CNY (contract §4: printed with ¥).
			cost: cost === null ? null : { amount: cost, currency: 'CNY' },
			reason: why ?? null,
		};
	}
	if (streamFinal(stream)) {
		const answered = stream?.status === 'completed';
		return {
			...base,
			status: answered ? 'completed' : 'no_answer',
			answered,
			durationSeconds: answered ? null : 0,
			reason: stream?.reason ?? null,
		};
	}
	return {
		...base,
		status: 'timeout',
		// Turns come only once the call is connected (§5: keep-alives until then).
		answered: lines.some((line) => speakerOf(line.role) !== undefined),
		durationSeconds: null,
		reason: stream ? `the call had not ended when it was read: ${stream.reason}` : 'the call had not ended when it was read (no call record yet)',
	};
}
