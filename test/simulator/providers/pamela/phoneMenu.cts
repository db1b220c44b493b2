// A phone menu (IVR) in front of the callee, for calls whose task says to get through one
// ("navigate the phone menu to the refills department and ask whether…"): the menu reads its
// options, the agent presses the department's key, the department picks up and the agent asks.
// Only transcript lines come of it (contract §4: {speaker, text, timestamp}); ASCII only, so
// every verifier signs the same bytes (§5.4).
import type { PhoneMenu } from './lifecycle.cts';

const MENU = /\b(?:phone|voice|automated|call)\s+menu\b|\bIVR\b|\bphone\s+tree\b|\bnavigate\b[^.]*\bmenu\b/i;
/** "…menu to (reach) the X department and ask…" → X. */
const TARGET = /\b(?:menu|IVR|tree)\b[^.]*?\b(?:to|for)\s+(?:(?:reach|get\s+to|speak\s+to|talk\s+to)\s+)?(?:the\s+|a\s+)?(.+?)(?:\s+(?:department|desk|team|line|counter))?(?=\s*(?:[,.;!?]|\band\b|$))/i;
/** "…menu … and ask whether X" → "ask whether X": what the agent says once a person answers. */
const REQUEST = /\b(?:menu|IVR|tree)\b[^.]*?\band\s+(.+?)[.!?]?$/i;
const KEY = '2';

const firstSentence = (task: string) => (task.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? '').trim();
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The menu a call meets, if its task mentions one; undefined otherwise. */
export function phoneMenuFor(task: string): PhoneMenu | undefined {
	if (!MENU.test(task)) return undefined;
	const sentence = firstSentence(task);
	const department = (TARGET.exec(sentence)?.[1] ?? '').trim() || 'customer service';
	const request = REQUEST.exec(sentence)?.[1];
	return {
		department,
		prompt: `Thank you for calling. For opening hours and directions, press 1. For ${department}, press ${KEY}. For billing, press 3. For anything else, press 0.`,
		choice: `[Pressed ${KEY} for ${department}]`,
		greeting: `${capital(department)}, this is Sam speaking. How can I help you?`,
		request: request ? `I'm calling to ${request}.` : undefined,
	};
}
