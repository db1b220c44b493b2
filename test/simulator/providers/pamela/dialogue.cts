// What an unscripted Pamela callee says: a reply about the call's task, so a playground call
// reads like the task it was given ("Remind Ana of the dental appointment…" → a reply about
// the dental appointment), not a fixed "Hello?".
import type { PamelaCalleeScript } from './lifecycle.cts';

/** The thing the task is about: "Remind Ana of X and ask them to confirm" → "X". */
export function taskSubject(task: string): string {
	const sentence = (task.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? '').replace(/[.!?]+$/, '').trim();
	const about = /\b(?:of|about|regarding|that|whether|if)\s+(.+)$/i.exec(sentence);
	const subject = (about ? about[1] : sentence)
		.replace(/\s+and\s+(?:ask|check|see|confirm|get|make sure|find out)\b.*$/i, '')
		.replace(/\b(?:their|his|her)\b/gi, 'my')
		.trim();
	return subject || 'that';
}

/** One callee turn answering the task's subject. */
export function calleeReply(task: string): string {
	return `Yes, that's fine: ${taskSubject(task)}. Got it, thank you for calling.`;
}

/** The callee of a call: its script, and a line about the task where it gives none. */
export function calleeFor(script: PamelaCalleeScript | undefined, task: string): PamelaCalleeScript {
	if (!script) return { answer: 'answer', ringMs: 200, says: [calleeReply(task)] };
	return script.says === undefined && script.followTask ? { ...script, says: [calleeReply(task)] } : script;
}
