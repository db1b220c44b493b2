// The Stepone callee for a meeting notice that asks for attendance (examples/stepone-meeting-notice.json):
// the agent announces the meeting and asks, the unscripted callee says yes, a scripted one may say no.
import { dialogueFor, meetingNoticeOf, scriptFor } from '../../simulator/providers/stepone/dialogue.cts';

const NOTICE = '通知张伟：周三下午三点在三楼会议室召开项目评审会。请对方确认能否参加，语气礼貌、简洁。';

describe('Stepone meeting-notice dialogue', () => {
	it('announces the meeting to the callee, asks whether they can attend, and the unscripted callee confirms', () => {
		expect(meetingNoticeOf(NOTICE)).toBe('通知您，周三下午三点在三楼会议室召开项目评审会');
		expect(dialogueFor(NOTICE)).toEqual([
			{ role: 'assistant', content: '您好，我是人工智能助理小步，受人委托给您打电话。' },
			{ role: 'user', content: '你好，请问有什么事？' },
			{ role: 'assistant', content: '通知您，周三下午三点在三楼会议室召开项目评审会，请问您能参加吗？' },
			{ role: 'user', content: '可以，我会准时参加。' },
			{ role: 'assistant', content: '好的，我会转告会议组织人，再见。' },
		]);
	});

	it('speaks a scripted refusal and says goodbye without thanking for a yes', () => {
		const turns = dialogueFor(NOTICE, ['喂，你好。', '不好意思，周三我出差，参加不了。']);
		expect(turns.map((t) => t.content)).toEqual([
			'您好，我是人工智能助理小步，受人委托给您打电话。',
			'喂，你好。',
			'通知您，周三下午三点在三楼会议室召开项目评审会，请问您能参加吗？',
			'不好意思，周三我出差，参加不了。',
			'好的，我会转告会议组织人，再见。',
		]);
	});

	it('leaves a meeting notice that asks nothing as it was, and a busy callee busy', () => {
		expect(dialogueFor('通知客户周五下午三点开会，语气正式。')[2].content).toBe('通知您周五下午三点开会，请问方便吗？');
		expect(scriptFor({ answer: 'busy' }, NOTICE)).toMatchObject({ answered: false, turns: [], recordStatus: 'busy' });
	});
});
