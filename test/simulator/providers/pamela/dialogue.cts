// What an unscripted Pamela callee says: a reply about the call's task, so a playground call
// reads like the task it was given ("Remind Ana of the dental appointment…" → a reply about
// the dental appointment), not a fixed "Hello?".
import type { PamelaCalleeScript } from './lifecycle.cts';
import { phoneMenuFor } from './phoneMenu.cts';

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

/** The department's answer behind a phone menu: it checks, then answers the task's question. */
export function departmentReply(task: string): string {
	return `One moment, let me check... Yes, ${taskSubject(task)}. Anything else I can help with?`;
}

/**
 * The callee of a call: its script, and a line about the task where it gives none. A callee
 * that follows the task also meets a phone menu first when the task mentions one (its own
 * lines, if scripted, are then the department's).
 */
export function calleeFor(script: PamelaCalleeScript | undefined, task: string): PamelaCalleeScript {
	const menu = !script || script.followTask ? phoneMenuFor(task) : undefined;
	const reply = menu ? departmentReply(task) : calleeReply(task);
	if (!script) return { answer: 'answer', ringMs: 200, says: [reply], ...(menu ? { menu } : {}) };
	if (!script.followTask) return script;
	const chosen = script.menu ?? menu;
	return { ...script, says: script.says ?? [reply], ...(chosen ? { menu: chosen } : {}) };
}
