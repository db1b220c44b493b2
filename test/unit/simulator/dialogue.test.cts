// Callees that follow the call's task (Pamela) or requirement (Stepone) when given no lines.
import { calleeFor, calleeReply, taskSubject } from '../../simulator/providers/pamela/dialogue.cts';
import { dialogueFor, noticeOf, scriptFor } from '../../simulator/providers/stepone/dialogue.cts';
import { CHINESE_DIALOGUE, DEFAULT_SCRIPT } from '../../simulator/providers/stepone/index.cts';

describe('Pamela callee dialogue', () => {
	it.each([
		['Remind Ana of the dental appointment tomorrow at 10 and ask them to confirm', 'the dental appointment tomorrow at 10'],
		['Ask the pharmacy whether my prescription is ready. Be polite.', 'my prescription is ready'],
		['Tell Bo about their parcel at the front desk', 'my parcel at the front desk'],
		['Book a table for two', 'Book a table for two'],
	])('%s → %s', (task, subject) => {
		expect(taskSubject(task)).toBe(subject);
	});

	it('answers about the task when no lines are scripted, keeps scripted lines and silent scripts', () => {
		expect(calleeFor(undefined, 'Remind Ana of the dental appointment').says).toEqual([calleeReply('Remind Ana of the dental appointment')]);
		expect(calleeFor({ answer: 'answer', says: ['Hello?'] }, 'x').says).toEqual(['Hello?']);
		expect(calleeFor({ answer: 'answer' }, 'x').says).toBeUndefined();
		expect(calleeFor({ answer: 'answer', followTask: true }, 'Remind Bo of the meeting').says).toEqual(["Yes, that's fine: the meeting. Got it, thank you for calling."]);
	});
});

describe('Stepone dialogue from the requirement', () => {
	it('keeps the parcel pick-up dialogue for its requirement and for agent calls', () => {
		expect(dialogueFor('提醒客户明天上午十点到店取货，语气礼貌。')).toBe(CHINESE_DIALOGUE);
		expect(dialogueFor(undefined)).toBe(CHINESE_DIALOGUE);
	});

	it('speaks the requirement to the callee, without tone instructions, in as many turns as the parcel dialogue', () => {
		expect(noticeOf('通知客户周五下午三点开会，语气正式。')).toBe('通知您周五下午三点开会');
		const turns = dialogueFor('通知客户周五下午三点开会，语气正式。');
		expect(turns).toHaveLength(CHINESE_DIALOGUE.length);
		expect(turns.map((t) => t.role)).toEqual(CHINESE_DIALOGUE.map((t) => t.role));
		expect(turns[2].content).toBe('通知您周五下午三点开会，请问方便吗？');
		expect(noticeOf('meeting on Friday')).toBe('关于“meeting on Friday”，我来跟您确认一下');
	});

	it('uses scripted callee lines and maps busy, no answer, reject and voicemail to the record', () => {
		const turns = dialogueFor('通知客户开会', ['好的', '几楼？', '明白了']);
		expect(turns.filter((t) => t.role === 'user').map((t) => t.content)).toEqual(['好的', '几楼？', '明白了']);
		expect(turns[turns.length - 1]).toEqual({ role: 'assistant', content: '不客气，祝您生活愉快，再见。' });
		expect(scriptFor({ answer: 'busy' }, '通知客户开会')).toMatchObject({ answered: false, recordStatus: 'busy', hangupCause: 'user_busy' });
		expect(scriptFor({ answer: 'no-answer', ringMs: 100 }, 'x')).toMatchObject({ answered: false, ringMs: 100 });
		expect(scriptFor({ answer: 'reject' }, 'x')).toMatchObject({ answered: false, hangupCause: 'call_rejected' });
		expect(scriptFor({ answer: 'voicemail' }, '通知客户开会')).toMatchObject({ answered: true, recordStatus: 'voicemail' });
		expect(scriptFor(undefined, '提醒客户明天上午十点到店取货')).toEqual(DEFAULT_SCRIPT);
	});
});
