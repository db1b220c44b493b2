// A Stepone call's dialogue where no turns are scripted: built from the call's requirement
// (a meeting notice is spoken as a meeting notice; one that asks whether the callee will
// attend gets the question and, unscripted, a yes), with the callee's scripted lines where
// given. The original parcel pick-up dialogue (CHINESE_DIALOGUE) stays for its own
// requirement and for agent calls, which tests compare turn by turn.
import type { CalleeScript } from '../../core/callees.cts';
import { CHINESE_DIALOGUE, DEFAULT_SCRIPT, type SteponeScript, type SteponeTurn } from './script.cts';

const GREETING = '您好，我是人工智能助理小步，受人委托给您打电话。';
const CALLEE_LINES = ['你好，请问有什么事？', '好的，我知道了，谢谢提醒！'];
const NOTED = '好的，我记下了。';
const GOODBYE = '不客气，祝您生活愉快，再见。';
/** A requirement asking the callee to confirm attendance (e.g. 请对方确认能否参加). */
const ATTENDANCE = /(?:能否|是否|可否|能不能).{0,4}(?:参加|出席|参会|到场)|确认.{0,6}(?:参加|出席|参会|到场)/;
const ATTEND_ASK = '请问您能参加吗？';
const ATTEND_LINES = ['你好，请问有什么事？', '可以，我会准时参加。'];
// Neutral, so it also follows a scripted "no".
const ATTEND_GOODBYE = '好的，我会转告会议组织人，再见。';

/** What the agent says the call is about: the requirement addressed to the callee, without tone instructions. */
export function noticeOf(requirement: string): string {
	const core = requirement
		.split(/[，,。；;]\s*(?:语气|请用|用.{0,4}语气)/)[0]
		.replace(/客户|用户|顾客|对方/g, '您')
		.replace(/[\s。.！!，,；;]+$/, '')
		.trim();
	if (!core) return '我来跟您确认一件事';
	return /[\u4e00-\u9fff]/.test(core) ? core : `关于“${core}”，我来跟您确认一下`;
}

/** An attendance question's notice: addressed to the callee ("通知张伟：" → "通知您，"), without the instruction to confirm. */
export function meetingNoticeOf(requirement: string): string {
	return noticeOf(requirement)
		.replace(/^(通知|提醒)[^：:，,。]{1,12}[：:]\s*/, '$1您，')
		.replace(/[。，,；;]?\s*请您?(?:确认|回复|告知)[^。，,；;]*$/, '');
}

/** The turns of a call: greeting, then each callee line followed by the agent's answer, then goodbye. */
export function dialogueFor(requirement: string | undefined, says?: string[]): SteponeTurn[] {
	const parcel = requirement === undefined || requirement.includes('到店取货');
	if (!says && parcel) return CHINESE_DIALOGUE;
	const attendance = requirement !== undefined && ATTENDANCE.test(requirement);
	const notice = attendance ? `${meetingNoticeOf(requirement)}，${ATTEND_ASK}` : `${noticeOf(requirement ?? '')}，请问方便吗？`;
	const lines = says && says.length ? says : attendance ? ATTEND_LINES : CALLEE_LINES;
	const goodbye = attendance ? ATTEND_GOODBYE : GOODBYE;
	const turns: SteponeTurn[] = [{ role: 'assistant', content: GREETING }];
	lines.forEach((line, i) => {
		turns.push({ role: 'user', content: line });
		const last = i === lines.length - 1;
		turns.push({ role: 'assistant', content: i === 0 ? notice : last ? goodbye : NOTED });
	});
	if (turns[turns.length - 1].content !== goodbye) turns.push({ role: 'assistant', content: goodbye });
	return turns;
}

const VOICEMAIL_GREETING = '您拨打的用户暂时无法接听，请在提示音后留言。';

/** A script from a generic callee script (the playground's control API) for this requirement. */
export function scriptFor(callee: CalleeScript | undefined, requirement: string | undefined): SteponeScript {
	const ringMs = callee?.ringMs ?? DEFAULT_SCRIPT.ringMs;
	switch (callee?.answer) {
		case 'busy':
			return { ...DEFAULT_SCRIPT, ringMs, answered: false, turns: [], recordStatus: 'busy', hangupCause: 'user_busy' };
		case 'no-answer':
			return { ...DEFAULT_SCRIPT, ringMs, answered: false, turns: [] };
		case 'reject':
			return { ...DEFAULT_SCRIPT, ringMs, answered: false, turns: [], recordStatus: 'rejected', hangupCause: 'call_rejected' };
		case 'voicemail':
			return { ...DEFAULT_SCRIPT, ringMs, turns: [{ role: 'user', content: VOICEMAIL_GREETING }, { role: 'assistant', content: `${noticeOf(requirement ?? '')}。` }], recordStatus: 'voicemail' };
		default: {
			const turns = dialogueFor(requirement, callee?.says);
			// Hanging up early: only the turns said before then.
			const kept = callee?.hangUpAfterMs === undefined ? turns : turns.slice(0, Math.max(1, Math.floor(callee.hangUpAfterMs / DEFAULT_SCRIPT.turnGapMs)));
			return { ...DEFAULT_SCRIPT, ringMs, turns: kept };
		}
	}
}
