import type { IDataObject } from 'n8n-workflow';

/**
 * How a call ended, the same words for every provider. `timeout` is ours: the workflow's
 * Maximum Wait ran out before the provider reported an end.
 */
export type OutcomeStatus = 'completed' | 'no_answer' | 'busy' | 'failed' | 'voicemail' | 'cancelled' | 'timeout';

export const OUTCOME_STATUSES: readonly OutcomeStatus[] = [
	'completed',
	'no_answer',
	'busy',
	'failed',
	'voicemail',
	'cancelled',
	'timeout',
];

/** One spoken turn. Tool and system lines of a provider's transcript stay in `raw`. */
export interface OutcomeTurn extends IDataObject {
	role: 'agent' | 'callee';
	text: string;
	/** ISO 8601 when the provider says when it was said, otherwise null. */
	at: string | null;
}

/**
 * A finished call in one shape for Pamela, Telnyx and Stepone AI, with the provider's own
 * data beside it in `raw`. Fields a provider does not report are null, never guessed.
 */
export interface CallOutcome extends IDataObject {
	provider: 'pamela' | 'telnyx' | 'stepone';
	callId: string;
	status: OutcomeStatus;
	answered: boolean;
	startedAt: string | null;
	endedAt: string | null;
	durationSeconds: number | null;
	transcript: OutcomeTurn[];
	summary: string | null;
	/** DTMF digits (`digits`) and AI-gathered fields (`fields`) where the workflow asked for them. */
	gathered: IDataObject | null;
	/** What the provider charged, where it reports it: `{ amount, currency }`. */
	cost: IDataObject | null;
	/** The correlation data given at Place Call (Telnyx client state, Pamela metadata, the Stepone input item's). */
	correlation: IDataObject | null;
	/** Why the call ended in the provider's words (hang-up cause, failure summary), when it says. */
	reason: string | null;
	raw: IDataObject;
}

/** A call's outcome with every field the provider did not report left null, to fill in per provider. */
export function emptyOutcome(provider: CallOutcome['provider'], callId: string, raw: IDataObject): CallOutcome {
	return {
		provider,
		callId,
		status: 'failed',
		answered: false,
		startedAt: null,
		endedAt: null,
		durationSeconds: null,
		transcript: [],
		summary: null,
		gathered: null,
		cost: null,
		correlation: null,
		reason: null,
		raw,
	};
}

/**
 * The outcome of a call whose end did not come within the workflow's Maximum Wait: status
 * `timeout`, with what was known so far (answered, transcript, correlation…) kept.
 */
export function timeoutOutcome(known: CallOutcome, maxWaitSeconds: number): CallOutcome {
	return {
		...known,
		status: 'timeout',
		endedAt: null,
		durationSeconds: null,
		reason: `The call had not ended when the Maximum Wait of ${maxWaitSeconds} s ran out`,
	};
}

/** Seconds between two ISO times, or null when either is missing or unreadable. */
export function secondsBetween(from: string | null, to: string | null): number | null {
	if (!from || !to) return null;
	const ms = Date.parse(to) - Date.parse(from);
	return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 1000) : null;
}

/** An ISO 8601 time from what a provider sent (ISO text, or epoch seconds or milliseconds), else null. */
export function isoTime(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number') return Number.isFinite(value) ? new Date(value < 1e12 ? value * 1000 : value).toISOString() : null;
	return String(value);
}
