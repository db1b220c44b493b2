// Telnyx: what interim webhooks said, carried in client_state, and the outcome of call.hangup
// or GET /v2/calls/{id}, over every hang-up cause, AMD result and gather status of the contract.
import { encodeClientState } from '../../../nodes/Telnyx/clientState.ts';
import { CLIENT_STATE_MAX_LENGTH, decodeCallState, encodeCallState, observe, type Observed } from '../../../nodes/Telnyx/observed.ts';
import { HANGUP_CAUSES, hangupStatus, isFinalCall, isFinalEvent, outcomeFromCall, outcomeFromHangup } from '../../../nodes/Telnyx/outcome.ts';
import { OUTCOME_STATUSES } from '../../../nodes/shared/outcome.ts';

const CALL = 'v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO';
const ANSWERED_AT = '2026-11-21T10:00:02.500000Z';
const ENDED_AT = '2026-11-21T10:01:05.250000Z';

/** A webhook as the simulator and Telnyx send it (contract §6.2, §6.3). */
function event(eventType: string, extra: Record<string, unknown> = {}, clientState = '', occurredAt = ENDED_AT) {
	return {
		data: {
			record_type: 'event',
			event_type: eventType,
			id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
			occurred_at: occurredAt,
			payload: {
				call_control_id: CALL,
				call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
				call_session_id: '428c31b6-abf3-3bc1-b7f4-5013ef9657c1',
				connection_id: '1494404757140276705',
				client_state: clientState,
				from: '+15550000001',
				to: '+15550000002',
				...extra,
			},
		},
		meta: { attempt: 1, delivered_to: 'http://127.0.0.1:5678/webhook/abc' },
	};
}

function state(user: unknown, observed: Observed): string {
	const result = encodeCallState(user, observed);
	if (!('clientState' in result)) throw new Error(result.reason);
	return result.clientState;
}

function hangup(cause: string, observed: Observed | undefined, extra: Record<string, unknown> = {}) {
	const clientState = observed ? state({ leadId: 42 }, observed) : '';
	return event('call.hangup', { state: 'hangup', hangup_cause: cause, hangup_source: 'callee', sip_hangup_cause: '200', start_time: ANSWERED_AT, call_quality_stats: null, ...extra }, clientState);
}

const answered: Observed = { a: Date.parse(ANSWERED_AT) };

describe('hangupStatus: every cause of contract §6.4', () => {
	const table: Array<[string, string, string]> = [
		// cause, not answered, answered
		['normal_clearing', 'failed', 'completed'],
		['time_limit', 'failed', 'completed'],
		['originator_cancel', 'cancelled', 'completed'],
		['user_busy', 'busy', 'busy'],
		['timeout', 'no_answer', 'no_answer'],
		['no_answer', 'no_answer', 'no_answer'],
		['call_rejected', 'failed', 'failed'],
		['not_found', 'failed', 'failed'],
		['unspecified', 'failed', 'completed'],
		['a_cause_newer_than_the_contract', 'failed', 'completed'],
	];
	it('covers every cause the contract lists', () => {
		expect(table.map(([cause]) => cause).filter((cause) => (HANGUP_CAUSES as readonly string[]).includes(cause)).sort()).toEqual([...HANGUP_CAUSES].sort());
	});
	it.each(table)('%s → %s unanswered, %s answered', (cause, unanswered, whenAnswered) => {
		expect(hangupStatus(cause, false)).toBe(unanswered);
		expect(hangupStatus(cause, true)).toBe(whenAnswered);
	});
	it('a machine turns an answered completed call into voicemail, a fax into failed; busy stays busy', () => {
		expect(hangupStatus('normal_clearing', true, 'voicemail')).toBe('voicemail');
		expect(hangupStatus('time_limit', true, 'voicemail')).toBe('voicemail');
		expect(hangupStatus('normal_clearing', true, 'fax')).toBe('failed');
		expect(hangupStatus('user_busy', false, 'voicemail')).toBe('busy');
	});
	it('only uses the outcome words', () => {
		for (const [cause] of table) for (const a of [true, false]) expect(OUTCOME_STATUSES).toContain(hangupStatus(cause, a));
	});
});

describe('outcomeFromHangup', () => {
	it('an answered call that the callee ended: completed, times, duration, correlation, AI conversation and fields', () => {
		const notes: Observed = {
			...answered,
			f: { name: 'Ada Lovelace', age: 36 },
			fs: 'valid',
			h: [['a', 'What is your full name?'], ['c', 'Ada Lovelace'], ['a', 'What is your age?'], ['c', '36']],
		};
		const body = hangup('normal_clearing', notes);
		expect(outcomeFromHangup(body)).toEqual({
			provider: 'telnyx',
			callId: CALL,
			status: 'completed',
			answered: true,
			startedAt: '2026-11-21T10:00:02.500Z',
			endedAt: ENDED_AT,
			durationSeconds: 63,
			transcript: [
				{ role: 'agent', text: 'What is your full name?', at: null },
				{ role: 'callee', text: 'Ada Lovelace', at: null },
				{ role: 'agent', text: 'What is your age?', at: null },
				{ role: 'callee', text: '36', at: null },
			],
			summary: null,
			gathered: { fields: { name: 'Ada Lovelace', age: 36 }, fieldsStatus: 'valid' },
			cost: null,
			correlation: { leadId: 42 },
			reason: 'normal_clearing, SIP 200, hung up by the callee',
			raw: body.data.payload,
		});
	});

	it.each([
		['user_busy', '486', 'busy'],
		['timeout', '480', 'no_answer'],
		['no_answer', '480', 'no_answer'],
		['call_rejected', '603', 'failed'],
		['not_found', '404', 'failed'],
		['originator_cancel', '487', 'cancelled'],
		['unspecified', 'unspecified', 'failed'],
	])('unanswered %s (SIP %s) → %s, 0 s, no start', (cause, sip, status) => {
		const outcome = outcomeFromHangup(hangup(cause, {}, { sip_hangup_cause: sip, hangup_source: 'unknown', start_time: ENDED_AT }));
		expect(outcome).toMatchObject({ status, answered: false, startedAt: null, endedAt: ENDED_AT, durationSeconds: 0, gathered: null, transcript: [] });
		expect(outcome.reason).toBe(sip === 'unspecified' ? cause : `${cause}, SIP ${sip}`);
	});

	it('time_limit: answered by implication even when the notes missed the answer', () => {
		expect(outcomeFromHangup(hangup('time_limit', {}, { sip_hangup_cause: 'unspecified', hangup_source: 'unknown' }))).toMatchObject({ status: 'completed', answered: true, startedAt: ANSWERED_AT, durationSeconds: 63 });
	});

	it('a call we hung up after the answer: normal_clearing by the caller, completed', () => {
		expect(outcomeFromHangup(hangup('normal_clearing', answered, { hangup_source: 'caller', sip_hangup_cause: '16' }))).toMatchObject({ status: 'completed', reason: 'normal_clearing, SIP 16, hung up by the caller' });
	});

	describe('every machine-detection result (contract §6.4), on an answered call ended normally', () => {
		it.each([
			['standard', 'human', undefined, 'completed'],
			['standard', 'machine', undefined, 'voicemail'],
			['standard', 'not_sure', undefined, 'completed'],
			['standard greeting', 'machine', 'beep_detected', 'voicemail'],
			['standard greeting', 'machine', 'ended', 'voicemail'],
			['standard greeting', 'not_sure', 'not_sure', 'completed'],
			['detect_beep (greeting only)', undefined, 'beep_detected', 'voicemail'],
			['premium', 'human_residence', undefined, 'completed'],
			['premium', 'human_business', undefined, 'completed'],
			['premium', 'machine', undefined, 'voicemail'],
			['premium', 'silence', undefined, 'completed'],
			['premium', 'fax_detected', undefined, 'failed'],
			['premium', 'not_sure', undefined, 'completed'],
			['premium greeting', 'machine', 'beep_detected', 'voicemail'],
			['premium greeting', 'machine', 'no_beep_detected', 'voicemail'],
		])('%s: %s / %s → %s', (_kind, m, g, status) => {
			const notes: Observed = { ...answered, ...(m ? { m } : {}), ...(g ? { g } : {}) };
			const outcome = outcomeFromHangup(hangup('normal_clearing', notes));
			expect(outcome.status).toBe(status);
			expect(outcome.answered).toBe(true);
			if (m) expect(outcome.reason).toContain(`machine detection: ${m}`);
		});
	});

	it.each(['valid', 'invalid', 'call_hangup', 'cancelled', 'cancelled_amd', 'timeout'])('gather status %s comes out with the digits', (status) => {
		const outcome = outcomeFromHangup(hangup('normal_clearing', { ...answered, d: status === 'valid' ? '1234' : '', ds: status }));
		expect(outcome.gathered).toEqual({ digits: status === 'valid' ? '1234' : '', digitsStatus: status });
	});

	it('client state written without notes (Place Call without Wait for Outcome) is the correlation, as the trigger decodes it', () => {
		const body = event('call.hangup', { hangup_cause: 'normal_clearing', hangup_source: 'callee', sip_hangup_cause: '200', start_time: ANSWERED_AT }, encodeClientState({ crmId: 'c-9' }));
		expect(outcomeFromHangup(body)).toMatchObject({ status: 'completed', answered: true, correlation: { crmId: 'c-9' } });
		const text = event('call.hangup', { hangup_cause: 'user_busy' }, encodeClientState('lead 7'));
		expect(outcomeFromHangup(text)).toMatchObject({ status: 'busy', correlation: { clientState: 'lead 7' } });
	});

	it('reads the unwrapped data too, and an empty payload safely', () => {
		expect(outcomeFromHangup(hangup('user_busy', {}).data as never).status).toBe('busy');
		expect(outcomeFromHangup({ data: { event_type: 'call.hangup', payload: {} } })).toMatchObject({ status: 'failed', callId: '', reason: 'unspecified' });
	});
});

describe('isFinalEvent / isFinalCall', () => {
	it('only call.hangup ends a call', () => {
		expect(isFinalEvent(hangup('normal_clearing', undefined))).toBe(true);
		for (const type of ['call.initiated', 'call.answered', 'call.machine.detection.ended', 'call.gather.ended', 'call.ai_gather.ended', 'call.conversation.ended', 'call.speak.ended']) {
			expect(isFinalEvent(event(type))).toBe(false);
		}
	});
	it('GET data is final when not alive', () => {
		expect(isFinalCall({ is_alive: false, end_time: ENDED_AT })).toBe(true);
		expect(isFinalCall({ is_alive: true })).toBe(false);
	});
});

describe('observe: folding interim events into the notes', () => {
	const fold = (events: Array<ReturnType<typeof event>>, from: Observed = {}) => events.reduce((notes, e) => observe(notes, e).observed, from);

	it('answered: the answer time, once; a duplicate changes nothing', () => {
		const answer = event('call.answered', { state: 'answered', start_time: ANSWERED_AT }, '', ANSWERED_AT);
		const first = observe({}, answer);
		expect(first).toEqual({ observed: { a: Date.parse(ANSWERED_AT) }, changed: true });
		expect(observe(first.observed, answer)).toEqual({ observed: first.observed, changed: false });
		expect(observe({}, event('call.answered', { start_time: 'garbage' }, '', 'garbage')).observed).toEqual({ a: 0 });
	});

	it.each([
		['call.machine.detection.ended', 'human', 'm'],
		['call.machine.detection.ended', 'machine', 'm'],
		['call.machine.detection.ended', 'not_sure', 'm'],
		['call.machine.premium.detection.ended', 'human_residence', 'm'],
		['call.machine.premium.detection.ended', 'human_business', 'm'],
		['call.machine.premium.detection.ended', 'machine', 'm'],
		['call.machine.premium.detection.ended', 'silence', 'm'],
		['call.machine.premium.detection.ended', 'fax_detected', 'm'],
		['call.machine.premium.detection.ended', 'not_sure', 'm'],
		['call.machine.greeting.ended', 'beep_detected', 'g'],
		['call.machine.greeting.ended', 'ended', 'g'],
		['call.machine.greeting.ended', 'not_sure', 'g'],
		['call.machine.premium.greeting.ended', 'beep_detected', 'g'],
		['call.machine.premium.greeting.ended', 'no_beep_detected', 'g'],
	])('%s %s → %s', (type, result, key) => {
		expect(observe({}, event(type, { result })).observed).toEqual({ [key]: result });
	});

	it('a late not_sure does not undo a definite detection (deliveries may come out of order)', () => {
		expect(fold([event('call.machine.detection.ended', { result: 'machine' }), event('call.machine.detection.ended', { result: 'not_sure' })])).toEqual({ m: 'machine' });
		expect(fold([event('call.machine.detection.ended', { result: 'not_sure' }), event('call.machine.detection.ended', { result: 'human' })])).toEqual({ m: 'human' });
	});

	it.each(['valid', 'invalid', 'call_hangup', 'cancelled', 'cancelled_amd', 'timeout'])('call.gather.ended %s: digits and status', (status) => {
		expect(observe({}, event('call.gather.ended', { digits: '42#', status, gather_id: 'g1' })).observed).toEqual({ d: '42#', ds: status });
	});

	it('call.dtmf.received is left to the gather (a duplicate delivery must not double a digit)', () => {
		expect(observe({}, event('call.dtmf.received', { digit: '4' }))).toEqual({ observed: {}, changed: false });
	});

	it.each(['completed', 'call_hangup', 'cancelled_amd'])('call.speak.ended %s', (status) => {
		expect(observe({}, event('call.speak.ended', { status })).observed).toEqual({ sp: status });
	});

	it('AI gather: partial results, longer histories, then the end wins over a late partial', () => {
		const history = [
			{ role: 'assistant', content: 'Hi! What is your name?' },
			{ role: 'user', content: 'Ada' },
		];
		const notes = fold([
			event('call.ai_gather.partial_results', { partial_results: { name: 'Ada' }, message_history: history }),
			event('call.ai_gather.message_history_updated', { message_history: [...history, { role: 'assistant', content: 'And your city?' }] }),
			event('call.ai_gather.message_history_updated', { message_history: history }),
			event('call.ai_gather.ended', {
				status: 'valid',
				result: { name: 'Ada', city: 'Paris' },
				message_history: [...history, { role: 'assistant', content: 'And your city?' }, { role: 'tool', content: 'lookup' }, { role: 'user', content: 'Paris' }],
			}),
			event('call.ai_gather.partial_results', { partial_results: { name: 'Ada' }, message_history: history }),
		]);
		expect(notes).toEqual({
			f: { name: 'Ada', city: 'Paris' },
			fs: 'valid',
			h: [['a', 'Hi! What is your name?'], ['c', 'Ada'], ['a', 'And your city?'], ['c', 'Paris']],
		});
	});

	it.each(['valid', 'invalid'])('call.ai_gather.ended %s', (status) => {
		expect(observe({}, event('call.ai_gather.ended', { status, result: {}, message_history: [] })).observed).toEqual({ f: {}, fs: status, h: [] });
	});

	it('events that say nothing about the outcome change nothing', () => {
		for (const type of ['call.initiated', 'call.hangup', 'call.playback.started', 'call.conversation.ended', 'call.recording.saved']) {
			expect(observe({ a: 1 }, event(type, { status: 'completed' }))).toEqual({ observed: { a: 1 }, changed: false });
		}
	});
});

describe('client_state: the user state and the notes together', () => {
	it.each([
		['an object', { leadId: 42, list: 'october' }, { leadId: 42, list: 'october' }],
		['JSON text (as the trigger decodes it)', '{"leadId":42}', { leadId: 42 }],
		['plain text', 'lead-42', 'lead-42'],
		['Chinese text', '客户 42', '客户 42'],
		['a number', 42, 42],
	])('round-trips %s', (_name, user, decoded) => {
		const notes: Observed = { a: 1795255202500, m: 'human', d: '1', ds: 'valid' };
		const encoded = state(user, notes);
		expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
		expect(decodeCallState(encoded)).toEqual({ user: decoded, observed: notes, tracked: true });
	});

	it('no user state: notes only', () => {
		expect(decodeCallState(state(undefined, {}))).toEqual({ user: undefined, observed: {}, tracked: true });
		expect(decodeCallState(state('', { sp: 'completed' }))).toEqual({ user: undefined, observed: { sp: 'completed' }, tracked: true });
	});

	it('client state we did not write is the user state alone', () => {
		expect(decodeCallState(encodeClientState({ aic: 1, u: 'x', other: true }))).toEqual({ user: { aic: 1, u: 'x', other: true }, observed: {}, tracked: false });
		expect(decodeCallState('aGF2ZSBhIG5pY2UgZGF5ID1d')).toEqual({ user: 'have a nice day =]', observed: {}, tracked: false });
		expect(decodeCallState('')).toEqual({ user: undefined, observed: {}, tracked: false });
		expect(decodeCallState(undefined)).toEqual({ user: undefined, observed: {}, tracked: false });
	});

	it('keeps only notes of the right types (client_state comes back from the wire)', () => {
		const forged = Buffer.from(JSON.stringify({ aic: 1, n: { a: 'yes', m: 5, d: '12', f: [1], h: [['a', 'hi'], ['x', 'no'], ['c', 3], 'bad'] } })).toString('base64');
		expect(decodeCallState(forged).observed).toEqual({ d: '12', h: [['a', 'hi']] });
	});

	it('stays compact: a typical lead-qualification call fits in a few hundred characters', () => {
		const notes: Observed = { a: 1795255202500, m: 'human', f: { name: 'Ada Lovelace', city: 'Paris', budget: 5000 }, fs: 'valid', sp: 'completed' };
		expect(state({ leadId: 'lead-000042' }, notes).length).toBeLessThan(250);
	});

	it('over the limit, the oldest AI turns go first, and everything else is kept', () => {
		const h: Array<[string, string]> = Array.from({ length: 200 }, (_, i) => [i % 2 ? 'c' : 'a', `turn ${i}: ${'words '.repeat(5)}`]);
		const encoded = state({ leadId: 42 }, { a: 1, f: { name: 'Ada' }, fs: 'valid', h });
		expect(encoded.length).toBeLessThanOrEqual(CLIENT_STATE_MAX_LENGTH);
		const back = decodeCallState(encoded).observed;
		expect(back).toMatchObject({ a: 1, f: { name: 'Ada' }, fs: 'valid' });
		expect(back.h!.length).toBeGreaterThan(10);
		expect(back.h!.at(-1)).toEqual(h.at(-1));
	});

	it('a user state too long on its own is refused with the reason', () => {
		const result = encodeCallState({ note: 'x'.repeat(5000) }, { a: 1 });
		expect(result).toEqual({ reason: expect.stringMatching(/^The Client State is too long: with what the call reports it takes \d+ of at most 4096 characters\. Shorten the Client State\.$/) });
		expect(encodeCallState('short', { h: [['a', 'x'.repeat(500)]] }, 200)).toMatchObject({ clientState: expect.any(String) });
	});
});

describe('outcomeFromCall (GET /v2/calls/{id}, contract §4)', () => {
	const get = (fields: Record<string, unknown>) => ({ record_type: 'call', call_control_id: CALL, call_leg_id: 'leg', call_session_id: 'sess', ...fields });

	it('a call still alive has not ended: timeout, with what is known', () => {
		const outcome = outcomeFromCall(get({ is_alive: true, start_time: ANSWERED_AT, client_state: state({ leadId: 1 }, { ...answered, d: '5', ds: 'valid' }) }));
		expect(outcome).toMatchObject({ status: 'timeout', answered: true, endedAt: null, durationSeconds: null, gathered: { digits: '5', digitsStatus: 'valid' }, correlation: { leadId: 1 } });
	});

	it('ended after an answer: completed with call_duration; voicemail when a machine answered', () => {
		const ended = { is_alive: false, start_time: ANSWERED_AT, end_time: ENDED_AT, call_duration: 63 };
		expect(outcomeFromCall(get({ ...ended, client_state: state({ leadId: 1 }, answered) }))).toMatchObject({
			status: 'completed',
			answered: true,
			startedAt: '2026-11-21T10:00:02.500Z',
			endedAt: ENDED_AT,
			durationSeconds: 63,
			correlation: { leadId: 1 },
		});
		expect(outcomeFromCall(get({ ...ended, client_state: state(undefined, { ...answered, m: 'machine' }) })).status).toBe('voicemail');
		expect(outcomeFromCall(get({ ...ended, client_state: state(undefined, { ...answered, m: 'fax_detected' }) })).status).toBe('failed');
	});

	it('ended without an answer: no_answer (GET has no cause to tell busy from unanswered)', () => {
		const outcome = outcomeFromCall(get({ is_alive: false, end_time: ENDED_AT, client_state: state({ leadId: 2 }, {}) }));
		expect(outcome).toMatchObject({ status: 'no_answer', answered: false, startedAt: null, durationSeconds: 0 });
		expect(outcome.reason).toContain('keeps no hang-up cause');
	});

	it('without our notes, start_time tells an answer (contract §7)', () => {
		expect(outcomeFromCall(get({ is_alive: false, start_time: ANSWERED_AT, end_time: ENDED_AT }))).toMatchObject({ status: 'completed', answered: true, durationSeconds: 63 });
		expect(outcomeFromCall(get({ is_alive: false, end_time: ENDED_AT }))).toMatchObject({ status: 'no_answer', answered: false });
	});
});
