import type { IDataObject } from 'n8n-workflow';

import { emptyOutcome, isoTime, secondsBetween, type CallOutcome, type OutcomeStatus, type OutcomeTurn } from '../shared/outcome';
import { decodeCallState, eventData, type CallState, type Observed } from './observed';

/**
 * `call.hangup` causes (contract §6.4) and what they mean for the outcome. `answered` is
 * what the notes say, or what the cause itself implies.
 * - normal_clearing, time_limit: a connected call ended (by either side, or at time_limit_secs);
 *   both imply an answer (inferred: a call hung up while ringing ends originator_cancel, §7.6 and SIP CANCEL).
 * - originator_cancel: we ended it while it rang: cancelled (completed if the notes saw an answer).
 * - timeout, no_answer: the ring timeout ran out (§3 timeout_secs): no_answer.
 * - user_busy: busy.
 * - call_rejected: failed, not busy: it is also how an account's channel limit may surface
 *   (§8, inferred), so it does not reliably mean the callee declined; the cause stays in `reason`.
 * - not_found: failed (the number does not exist).
 * - unspecified, and causes newer than the contract: completed if answered, otherwise failed.
 */
export const HANGUP_CAUSES = ['call_rejected', 'normal_clearing', 'originator_cancel', 'timeout', 'time_limit', 'user_busy', 'not_found', 'no_answer', 'unspecified'] as const;

const ANSWERED_CAUSES = new Set(['normal_clearing', 'time_limit']);

/** Machine-detection results that mean a machine answered (§6.4): voicemail, or a fax. */
function machineOf(observed: Observed): 'voicemail' | 'fax' | undefined {
	if (observed.m === 'fax_detected') return 'fax';
	// A greeting (beep) event goes out only once a machine was detected (§7.3).
	if (observed.m === 'machine' || observed.g === 'beep_detected') return 'voicemail';
	return undefined;
}

/** The outcome status for a hang-up cause, whether the call was answered, and what answered it. */
export function hangupStatus(cause: string, answered: boolean, machine?: 'voicemail' | 'fax'): OutcomeStatus {
	let status: OutcomeStatus;
	if (cause === 'user_busy') status = 'busy';
	else if (cause === 'timeout' || cause === 'no_answer') status = 'no_answer';
	else if (cause === 'call_rejected' || cause === 'not_found') status = 'failed';
	else if (cause === 'originator_cancel' && !answered) status = 'cancelled';
	else status = answered ? 'completed' : 'failed';
	if (status !== 'completed') return status;
	// Inferred: a fax is not a conversation and not a voicemail box, so the call did not reach its goal.
	if (machine === 'fax') return 'failed';
	return machine === 'voicemail' ? 'voicemail' : 'completed';
}

/** The AI conversation and what was gathered, from the notes. */
function fromNotes(observed: Observed): { transcript: OutcomeTurn[]; gathered: IDataObject | null } {
	const transcript = (observed.h ?? []).map(([who, text]): OutcomeTurn => ({ role: who === 'a' ? 'agent' : 'callee', text, at: null }));
	const gathered: IDataObject = {};
	if (observed.d !== undefined) gathered.digits = observed.d;
	if (observed.ds !== undefined) gathered.digitsStatus = observed.ds;
	if (observed.f !== undefined) gathered.fields = observed.f;
	if (observed.fs !== undefined) gathered.fieldsStatus = observed.fs;
	return { transcript, gathered: Object.keys(gathered).length ? gathered : null };
}

/** The user's client state as correlation data: an object as it is, text or a number as `{clientState}`. */
function correlationOf(state: CallState): IDataObject | null {
	const { user } = state;
	if (user === undefined || user === null || user === '') return null;
	return typeof user === 'object' && !Array.isArray(user) ? (user as IDataObject) : { clientState: user as string };
}

function answeredAt(observed: Observed, fallback: unknown): string | null {
	return observed.a ? new Date(observed.a).toISOString() : isoTime(fallback);
}

function detection(observed: Observed): string {
	const parts = [observed.m && `machine detection: ${observed.m}`, observed.g && `greeting: ${observed.g}`].filter(Boolean);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Whether a webhook is the call's last word: `call.hangup` (contract §7). */
export function isFinalEvent(body: IDataObject): boolean {
	return eventData(body).event_type === 'call.hangup';
}

/** Whether `GET /v2/calls/{id}` data is of an ended call. Only for GET: Dial's reply is always `is_alive: false` (§3). */
export function isFinalCall(call: IDataObject): boolean {
	return call.is_alive === false;
}

/**
 * The outcome from a `call.hangup` webhook (the envelope or its `data`), with what earlier
 * events said read from the call's `client_state`.
 */
export function outcomeFromHangup(body: IDataObject): CallOutcome {
	const data = eventData(body);
	const payload = (data.payload ?? {}) as IDataObject;
	const state = decodeCallState(payload.client_state);
	const { observed } = state;
	const cause = typeof payload.hangup_cause === 'string' && payload.hangup_cause ? payload.hangup_cause : 'unspecified';
	const answered = observed.a !== undefined || ANSWERED_CAUSES.has(cause);
	const machine = answered ? machineOf(observed) : undefined;
	const startedAt = answered ? answeredAt(observed, payload.start_time) : null;
	// The hang-up event carries no end_time in the contract; the event's own time is the end (inferred).
	const endedAt = isoTime(payload.end_time) ?? isoTime(data.occurred_at);
	const sip = typeof payload.sip_hangup_cause === 'string' && payload.sip_hangup_cause !== 'unspecified' ? `, SIP ${payload.sip_hangup_cause}` : '';
	const source = payload.hangup_source === 'caller' || payload.hangup_source === 'callee' ? `, hung up by the ${payload.hangup_source}` : '';
	return {
		...emptyOutcome('telnyx', String(payload.call_control_id ?? ''), payload),
		status: hangupStatus(cause, answered, machine),
		answered,
		startedAt,
		endedAt,
		durationSeconds: answered ? secondsBetween(startedAt, endedAt) : 0,
		...fromNotes(observed),
		correlation: correlationOf(state),
		reason: `${cause}${sip}${source}${detection(observed)}`,
	};
}

/**
 * The outcome from `GET /v2/calls/{id}` data (contract §4), for the calls of a batch whose
 * hang-up reached us earlier. GET gives liveness and times only, no hang-up cause, so an
 * ended call that was never answered is `no_answer`: inferred, busy and rejected cannot be
 * told apart there. A call still alive maps to `timeout` (it has not ended when read).
 */
export function outcomeFromCall(call: IDataObject): CallOutcome {
	const state = decodeCallState(call.client_state);
	const { observed } = state;
	// Without our notes, start_time is the sign of an answer (§7.2, inferred: it is set on answer).
	const answered = observed.a !== undefined || (!state.tracked && !!call.start_time);
	const ended = isFinalCall(call);
	const startedAt = answered ? answeredAt(observed, call.start_time) : null;
	const endedAt = ended ? isoTime(call.end_time) : null;
	const duration = typeof call.call_duration === 'number' ? call.call_duration : secondsBetween(startedAt, endedAt);
	let status: OutcomeStatus = 'timeout';
	if (ended) status = answered ? hangupStatus('normal_clearing', true, machineOf(observed)) : 'no_answer';
	return {
		...emptyOutcome('telnyx', String(call.call_control_id ?? ''), call),
		status,
		answered,
		startedAt,
		endedAt,
		durationSeconds: ended ? (answered ? duration : 0) : null,
		...fromNotes(observed),
		correlation: correlationOf(state),
		reason: ended
			? `${answered ? 'ended after an answer' : 'ended without an answer'}${detection(observed)}; GET /calls keeps no hang-up cause`
			: 'the call had not ended when it was read (is_alive: true)',
	};
}
