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
