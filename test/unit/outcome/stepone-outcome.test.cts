// Stepone AI: the outcome from the call record (search_callinfo, contract §4) and/or the live
// stream's end ([DONE] / [TIMEOUT], §5), over every status the official client knows and the hang-up causes.
import { HANGUP_CAUSES, hangupCauseOf, isFinal, RECORD_STATUSES, steponeOutcome, type StreamResult } from '../../../nodes/SteponeAi/outcome.ts';
import { OUTCOME_STATUSES } from '../../../nodes/shared/outcome.ts';

const CALL = '8b6f3a52-58c4-4c1a-9a53-0f6f1c3a7e21';
const ENDED = '2026-11-21T10:00:07.000Z';
const dialogue = [
	{ role: 'assistant', content: '您好，我是人工智能助理小步，受张先生委托给您打电话。' },
	{ role: 'user', content: '你好，请问有什么事？' },
	{ role: 'assistant', content: '提醒您明天上午十点到店取货，请问方便吗？' },
	{ role: 'user', content: '方便的，谢谢提醒！😊' },
	{ role: 'assistant', content: '不客气，祝您生活愉快，再见。' },
];
const turns = [
	{ role: 'agent', text: '您好，我是人工智能助理小步，受张先生委托给您打电话。', at: null },
	{ role: 'callee', text: '你好，请问有什么事？', at: null },
	{ role: 'agent', text: '提醒您明天上午十点到店取货，请问方便吗？', at: null },
	{ role: 'callee', text: '方便的，谢谢提醒！😊', at: null },
	{ role: 'agent', text: '不客气，祝您生活愉快，再见。', at: null },
];

/** The simulator's search_callinfo `data` for an answered or an unanswered call. */
function record(answered: boolean, fields: Record<string, unknown> = {}) {
	return {
		call_id: CALL,
		phones: '13800138000',
		user_requirement: '提醒客户明天上午十点到店取货',
		status: answered ? 'completed' : 'no_answer',
		duration_seconds: answered ? 5 : 0,
		cost: answered ? 0.12 : 0,
		billed: answered,
		ended_at: ENDED,
		call_content: answered ? dialogue : [],
		provider_response: JSON.stringify({ hangup_cause: answered ? 'normal_clearing' : 'no_answer' }),
		...fields,
	};
}
const correlation = { patientId: 'p-17', row: 3 };

describe('from the record', () => {
	it('an answered call: completed, duration, cost in CNY, the dialogue, the input item as correlation', () => {
		const raw = record(true);
		expect(steponeOutcome({ callId: CALL, record: raw, correlation })).toEqual({
			provider: 'stepone',
			callId: CALL,
			status: 'completed',
			answered: true,
			startedAt: null,
			endedAt: ENDED,
			durationSeconds: 5,
			transcript: turns,
			summary: null,
			gathered: null,
			cost: { amount: 0.12, currency: 'CNY' },
			correlation,
			reason: 'normal_clearing',
			raw,
		});
	});

	it('an unanswered call: no_answer, 0 s, nothing said', () => {
		expect(steponeOutcome({ callId: CALL, record: record(false) })).toMatchObject({ status: 'no_answer', answered: false, durationSeconds: 0, transcript: [], cost: { amount: 0, currency: 'CNY' }, correlation: null, reason: 'no_answer' });
	});

	describe('every status of the official client terminal list (§4)', () => {
		it('covers the list', () => {
			expect(Object.keys(RECORD_STATUSES).sort()).toEqual(['busy', 'cancelled', 'canceled', 'complete', 'completed', 'declined', 'ended', 'failed', 'hangup', 'hung_up', 'no_answer', 'rejected', 'timeout', 'voicemail'].sort());
		});
		it.each([
			// status, with talk time, without talk time (no other sign)
			['completed', 'completed', 'no_answer'],
			['complete', 'completed', 'no_answer'],
			['ended', 'completed', 'no_answer'],
			['hung_up', 'completed', 'no_answer'],
			['hangup', 'completed', 'no_answer'],
			['failed', 'failed', 'failed'],
			['cancelled', 'cancelled', 'cancelled'],
			['canceled', 'cancelled', 'cancelled'],
			['no_answer', 'no_answer', 'no_answer'],
			['busy', 'busy', 'busy'],
			['declined', 'failed', 'failed'],
			['rejected', 'failed', 'failed'],
			['timeout', 'no_answer', 'no_answer'],
			['voicemail', 'voicemail', 'voicemail'],
			['COMPLETED', 'completed', 'no_answer'],
		])('%s → %s answered, %s unanswered', (status, talked, silent) => {
			const withTalk = steponeOutcome({ callId: CALL, record: record(true, { status, provider_response: undefined }) });
			const without = steponeOutcome({ callId: CALL, record: record(false, { status, provider_response: undefined }) });
			expect(withTalk.status).toBe(talked);
			expect(without.status).toBe(silent);
			expect(without.answered).toBe(false);
			expect(withTalk.answered).toBe(talked !== 'no_answer' && talked !== 'busy');
			expect(OUTCOME_STATUSES).toContain(withTalk.status);
		});
		it('call_status and state are read too', () => {
			expect(steponeOutcome({ callId: CALL, record: record(false, { status: undefined, call_status: 'busy' }) }).status).toBe('busy');
			expect(steponeOutcome({ callId: CALL, record: record(false, { status: undefined, state: 'voicemail' }) }).status).toBe('voicemail');
		});
	});

	describe('hang-up causes in provider_response, when the status says only that the call ended', () => {
		it.each([
			['normal_clearing', 'no_answer'],
			['user_busy', 'busy'],
			['USER_BUSY', 'busy'],
			['no_answer', 'no_answer'],
			['no_user_response', 'no_answer'],
			['timeout', 'no_answer'],
			['originator_cancel', 'no_answer'],
			['call_rejected', 'failed'],
			['unallocated_number', 'failed'],
			['not_found', 'failed'],
			['invalid_number_format', 'failed'],
			['number_changed', 'failed'],
			['something_else', 'no_answer'],
		])('unanswered, %s → %s', (cause, status) => {
			const outcome = steponeOutcome({ callId: CALL, record: record(false, { status: 'ended', provider_response: JSON.stringify({ hangup_cause: cause }) }) });
			expect(outcome.status).toBe(status);
			expect(outcome.reason).toBe(cause.toLowerCase());
		});
		it('covers the table', () => {
			expect(Object.keys(HANGUP_CAUSES).length).toBe(11);
		});
		it('an answered call stays completed whatever cause the carrier gives', () => {
			expect(steponeOutcome({ callId: CALL, record: record(true, { status: undefined, provider_response: JSON.stringify({ hangup_cause: 'no_answer' }) }) }).status).toBe('completed');
		});
		it('reads the cause from escaped JSON, an object, or not at all', () => {
			expect(hangupCauseOf({ provider_response: JSON.stringify(JSON.stringify({ hangup_cause: 'USER_BUSY' })) })).toBe('user_busy');
			expect(hangupCauseOf({ provider_response: { hangupCause: 'no_answer' } })).toBe('no_answer');
			expect(hangupCauseOf({ provider_response: 'not json' })).toBeUndefined();
			expect(hangupCauseOf({})).toBeUndefined();
		});
	});

	it('signs of an answer: billed, or a callee turn, even with no duration', () => {
		expect(steponeOutcome({ callId: CALL, record: record(false, { status: undefined, billed: true, provider_response: undefined }) })).toMatchObject({ status: 'completed', answered: true });
		expect(steponeOutcome({ callId: CALL, record: record(false, { status: undefined, duration_seconds: undefined, ended_at: ENDED, call_content: JSON.stringify(dialogue), provider_response: undefined }) })).toMatchObject({ status: 'completed', answered: true, transcript: turns, durationSeconds: null });
	});

	it('older field names: duration, end_time, start_time', () => {
		const outcome = steponeOutcome({ callId: CALL, record: { call_id: CALL, status: 'completed', duration: 42, start_time: '2026-11-21T09:59:00Z', end_time: '2026-11-21T09:59:42Z', call_content: dialogue } });
		expect(outcome).toMatchObject({ status: 'completed', durationSeconds: 42, startedAt: '2026-11-21T09:59:00Z', endedAt: '2026-11-21T09:59:42Z', cost: null });
	});
});

describe('from the stream, before a record exists', () => {
	const streamed: StreamResult = {
		status: 'completed',
		reason: 'the call ended ([DONE])',
		turns: dialogue.map((turn, i) => ({ role: turn.role, text: turn.content, time: `2026-11-21T10:00:0${i + 2}.000Z` })),
	};

	it('[DONE]: completed and answered, the streamed turns with their times', () => {
		const outcome = steponeOutcome({ callId: CALL, stream: streamed, correlation });
		expect(outcome).toMatchObject({ status: 'completed', answered: true, durationSeconds: null, cost: null, correlation, reason: 'the call ended ([DONE])' });
		expect(outcome.transcript).toEqual(turns.map((turn, i) => ({ ...turn, at: `2026-11-21T10:00:0${i + 2}.000Z` })));
		expect(outcome.raw).toEqual({ stream: { status: 'completed', reason: 'the call ended ([DONE])', turns: streamed.turns } });
	});

	it('[TIMEOUT]: no_answer, 0 s', () => {
		expect(steponeOutcome({ callId: CALL, stream: { status: 'not_answered', reason: 'not answered within 30 s ([TIMEOUT])', turns: [] } })).toMatchObject({ status: 'no_answer', answered: false, durationSeconds: 0 });
	});

	it.each([
		['connection_lost', 'the connection broke (ECONNRESET)'],
		['max_duration', 'the maximum duration of 660 s was reached'],
	] as const)('%s has not ended the call: timeout, with the turns so far', (status, reason) => {
		const outcome = steponeOutcome({ callId: CALL, stream: { status, reason, turns: streamed.turns.slice(0, 2) } });
		expect(outcome).toMatchObject({ status: 'timeout', answered: true, endedAt: null, reason: `the call had not ended when it was read: ${reason}` });
		expect(outcome.transcript).toHaveLength(2);
	});

	it('a finished record wins over the stream; its transcript is used, the stream fills in when it has none', () => {
		expect(steponeOutcome({ callId: CALL, record: record(true), stream: { ...streamed, turns: [] } }).transcript).toEqual(turns);
		const noContent = steponeOutcome({ callId: CALL, record: record(true, { call_content: [] }), stream: streamed });
		expect(noContent.transcript).toHaveLength(5);
		expect(noContent.status).toBe('completed');
	});

	it('a record that has not finished yet does not end the call; the stream may', () => {
		const pending = { call_id: CALL, phones: '13800138000', status: 'in_progress' };
		expect(steponeOutcome({ callId: CALL, record: pending }).status).toBe('timeout');
		expect(steponeOutcome({ callId: CALL, record: pending, stream: streamed }).status).toBe('completed');
	});
});

describe('isFinal', () => {
	it.each([
		['a finished record', { record: record(true) }, true],
		['an unanswered record', { record: record(false) }, true],
		['a record without duration or status', { record: { call_id: CALL, phones: '13800138000' } }, false],
		['[DONE]', { stream: { status: 'completed', reason: '', turns: [] } }, true],
		['[TIMEOUT]', { stream: { status: 'not_answered', reason: '', turns: [] } }, true],
		['a broken stream', { stream: { status: 'connection_lost', reason: '', turns: [] } }, false],
		['our time limit', { stream: { status: 'max_duration', reason: '', turns: [] } }, false],
		['nothing yet', {}, false],
	] as const)('%s: %s', (_name, input, final) => {
		expect(isFinal(input as never)).toBe(final);
	});
});
