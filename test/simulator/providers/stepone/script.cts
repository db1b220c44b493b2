// What happens on a simulated Stepone call: whether it is answered, what is said, and when.
export interface SteponeTurn {
	role: 'assistant' | 'user';
	content: string;
}

export interface SteponeScript {
	/** Whether the callee picks up; otherwise the stream sends [TIMEOUT] after 30 s. */
	answered: boolean;
	/** Simulated ms of ringing before the answer (keep-alives meanwhile). */
	ringMs: number;
	turns: SteponeTurn[];
	/** Simulated ms between turns. */
	turnGapMs: number;
	/** Cut the stream's connection after this many turns (a network failure). */
	cutAfterTurns?: number;
	/** The record's status and carrier hang-up cause instead of completed/no_answer (e.g. busy, voicemail). */
	recordStatus?: string;
	hangupCause?: string;
}

/** A short reminder call in Chinese: the user data that must round-trip intact. */
export const CHINESE_DIALOGUE: SteponeTurn[] = [
	{ role: 'assistant', content: '您好，我是人工智能助理小步，受张先生委托给您打电话。' },
	{ role: 'user', content: '你好，请问有什么事？' },
	{ role: 'assistant', content: '提醒您明天上午十点到店取货，请问方便吗？' },
	{ role: 'user', content: '方便的，谢谢提醒！😊' },
	{ role: 'assistant', content: '不客气，祝您生活愉快，再见。' },
];

export const DEFAULT_SCRIPT: SteponeScript = { answered: true, ringMs: 2000, turns: CHINESE_DIALOGUE, turnGapMs: 1000 };

/** Simulated ms from placing the call to its end (answered: last turn; unanswered: the 30 s timeout). */
export function scriptDurationMs(script: SteponeScript): number {
	return script.answered ? script.ringMs + script.turns.length * script.turnGapMs : 30000;
}
