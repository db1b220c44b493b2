// Scripted callees: what the person (or machine) at a number does when called.
export type Answer = 'answer' | 'busy' | 'no-answer' | 'reject' | 'voicemail';

export interface CalleeScript {
	answer: Answer;
	/** Simulated ms of ringing before the outcome. */
	ringMs?: number;
	/** DTMF digits pressed when a gather starts. */
	digits?: string;
	/** Words spoken, one entry per turn (speech gathers, AI conversations). */
	says?: string[];
	/** Field values given to an AI gather, by field name. */
	fields?: Record<string, unknown>;
	/** Simulated ms the callee talks before hanging up by itself (after answering). */
	hangUpAfterMs?: number;
	/** Without `says`: answer about the call's task or requirement (the playground's callees) instead of silence. */
	followTask?: boolean;
}

/** An unscripted number: answers at once; Telnyx AI Gather answers are made up from the schema (followTask). */
const DEFAULT: CalleeScript = { answer: 'answer', ringMs: 200, says: ['Hello?'], followTask: true };

export class Callees {
	private readonly scripts = new Map<string, CalleeScript>();

	set(number: string, script: CalleeScript): void {
		this.scripts.set(number, script);
	}

	get(number: string): CalleeScript {
		return this.scripts.get(number) ?? DEFAULT;
	}

	/** The script set for `number`, if any (unscripted numbers follow the call's task where a provider can). */
	scripted(number: string): CalleeScript | undefined {
		return this.scripts.get(number);
	}

	clear(): void {
		this.scripts.clear();
	}
}
