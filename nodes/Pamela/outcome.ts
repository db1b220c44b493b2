import type { IDataObject } from 'n8n-workflow';

import { emptyOutcome, isoTime, secondsBetween, type CallOutcome, type OutcomeStatus } from '../shared/outcome';
import { outcomeTurns, readTranscript } from '../shared/transcript';

/** Call statuses of contract §4; the last three are final. */
export const PAMELA_STATUSES = ['queued', 'ringing', 'in_progress', 'completed', 'failed', 'cancelled'] as const;

/**
 * Pamela's final statuses as outcome statuses. Pamela gives no structured failure reason and
 * no answering-machine signal (contract §4, §7: AMD not documented), so `failed` stays
 * `failed` (its summary says why, e.g. busy or nobody answered, in words) and nothing maps to
 * `busy`, `no_answer` or `voicemail`. A status that is not final maps to `timeout`: the only
 * reason to read an outcome from it is that the workflow's Maximum Wait ran out.
 */
const STATUS: Record<string, OutcomeStatus> = { completed: 'completed', failed: 'failed', cancelled: 'cancelled' };

/** Whether a call status is final (completed, failed, cancelled). */
export function isFinalStatus(status: unknown): boolean {
	return typeof status === 'string' && status in STATUS;
}

/** Whether a webhook is a call's last event: `call.completed` or `call.failed` (no `call.cancelled` exists, §5.1). */
export function isFinalEvent(body: IDataObject): boolean {
	return body.event === 'call.completed' || body.event === 'call.failed';
}

/** A completed call whose transcript Pamela has not filled in yet (it lags completion by a few seconds, §4). */
export function awaitingTranscript(call: IDataObject): boolean {
	return call.status === 'completed' && readTranscript(call.transcript).length === 0;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const object = (value: unknown): IDataObject | null =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : null;

function outcome(callId: unknown, status: OutcomeStatus, answered: boolean, fields: IDataObject, raw: IDataObject): CallOutcome {
	const startedAt = isoTime(fields.started_at);
	const endedAt = isoTime(fields.ended_at);
	const reported = typeof fields.duration_seconds === 'number' ? fields.duration_seconds : null;
	const final = status !== 'timeout';
	const summary = text(fields.summary);
	return {
		...emptyOutcome('pamela', String(callId ?? ''), raw),
		status,
		answered,
		startedAt,
		endedAt: final ? endedAt : null,
		durationSeconds: reported ?? (final && !answered ? 0 : final ? secondsBetween(startedAt, endedAt) : null),
		transcript: outcomeTurns(readTranscript(fields.transcript)),
		summary,
		// Billing is per connected minute, read with Usage (§7); a call reports no cost of its own.
		cost: null,
		correlation: object(fields.metadata),
		// Pamela's only words on why a call did not complete are its summary.
		reason: status === 'failed' || status === 'cancelled' ? summary : null,
	};
}

/**
 * The outcome from a call object (`GET /calls/{id}`, contract §4). `started_at` is set only
 * once the call connected (§4, billing), so it tells whether it was answered; `completed`
 * without it still counts as answered (inferred: completed follows in_progress).
 */
export function outcomeFromCall(call: IDataObject): CallOutcome {
	const status = STATUS[String(call.status)] ?? 'timeout';
	const answered = !!call.started_at || call.status === 'completed' || call.status === 'in_progress';
	return outcome(call.id ?? call.call_id, status, answered, call, call);
}

/**
 * The outcome from a call event (contract §5.2): `call.completed` is completed and answered;
 * `call.failed` is failed, or cancelled when its status says so (the simulator's cancel, §5.1
 * inferred). Events carry no start time, summary or metadata in the contract; they are read
 * when present. The event's timestamp is taken as the end (inferred).
 */
export function outcomeFromEvent(body: IDataObject): CallOutcome {
	let status: OutcomeStatus = 'timeout';
	if (body.event === 'call.completed') status = 'completed';
	if (body.event === 'call.failed') status = body.status === 'cancelled' ? 'cancelled' : 'failed';
	// Inferred: a failed call's event does not say whether it had connected; without started_at it had not.
	const answered = ['call.completed', 'call.started', 'call.transcript_update'].includes(String(body.event)) || !!body.started_at;
	const fields: IDataObject = { ...body, ended_at: body.ended_at ?? (isFinalEvent(body) ? body.timestamp : undefined) };
	return outcome(body.call_id ?? body.id, status, answered, fields, body);
}
