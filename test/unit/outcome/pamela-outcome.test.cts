// Pamela: the outcome of a call object (GET /calls/{id}) or a final event, over every status of contract §4 and event of §5.
import { awaitingTranscript, isFinalEvent, isFinalStatus, outcomeFromCall, outcomeFromEvent, PAMELA_STATUSES } from '../../../nodes/Pamela/outcome.ts';

const CREATED = '2026-11-21T10:00:00.000Z';
const STARTED = '2026-11-21T10:00:04.000Z';
const ENDED = '2026-11-21T10:01:34.000Z';

/** The Pamela simulator's transcript of a call with a tool call (speaker/text or role/content on the wire). */
const lines = [
	{ speaker: 'agent', text: 'Hi, this is Pamela calling on behalf of Acme. Confirm the 3 pm appointment.', timestamp: STARTED },
	{ speaker: 'callee', text: 'Yes, that works.', timestamp: '2026-11-21T10:00:10.000Z' },
	{ speaker: 'tool', text: 'Booked', timestamp: '2026-11-21T10:00:11.000Z', tool_name: 'book', correlation_id: 'corr_1' },
	{ speaker: 'agent', text: 'I checked: Booked', timestamp: '2026-11-21T10:00:11.000Z' },
	{ speaker: 'system', text: 'Tool book timed out after 30000 ms', timestamp: '2026-11-21T10:00:12.000Z' },
	{ speaker: 'agent', text: 'Thank you, goodbye.', timestamp: '2026-11-21T10:01:30.000Z' },
];
const turns = [
	{ role: 'agent', text: 'Hi, this is Pamela calling on behalf of Acme. Confirm the 3 pm appointment.', at: STARTED },
	{ role: 'callee', text: 'Yes, that works.', at: '2026-11-21T10:00:10.000Z' },
	{ role: 'agent', text: 'I checked: Booked', at: '2026-11-21T10:00:11.000Z' },
	{ role: 'agent', text: 'Thank you, goodbye.', at: '2026-11-21T10:01:30.000Z' },
];

/** GET /calls/{id} as the simulator sends it (contract §4 plus its inferred fields). */
function call(fields: Record<string, unknown>) {
	return { id: 'call_0007', call_session_id: 'sess_0007', to: '+14155550123', task: 'Confirm the 3 pm appointment', created_at: CREATED, metadata: { crmId: 'c-17', attempt: 2 }, transcript: [], ...fields };
}

describe('isFinalStatus and PAMELA_STATUSES', () => {
	it.each([
		['queued', false],
		['ringing', false],
		['in_progress', false],
		['completed', true],
		['failed', true],
		['cancelled', true],
		['unknown_new_status', false],
		[undefined, false],
	])('%s final: %s', (status, final) => {
		expect(isFinalStatus(status)).toBe(final);
	});
	it('covers the contract statuses', () => {
		expect([...PAMELA_STATUSES]).toEqual(['queued', 'ringing', 'in_progress', 'completed', 'failed', 'cancelled']);
	});
});

describe('outcomeFromCall', () => {
	it('completed: answered, times, duration, spoken turns only, summary, metadata as correlation', () => {
		const raw = call({ status: 'completed', started_at: STARTED, ended_at: ENDED, duration_seconds: 90, summary: 'The agent finished the task. Task: Confirm the 3 pm appointment', transcript: lines });
		expect(outcomeFromCall(raw)).toEqual({
			provider: 'pamela',
			callId: 'call_0007',
			status: 'completed',
			answered: true,
			startedAt: STARTED,
			endedAt: ENDED,
			durationSeconds: 90,
			transcript: turns,
			summary: 'The agent finished the task. Task: Confirm the 3 pm appointment',
			gathered: null,
			cost: null,
			correlation: { crmId: 'c-17', attempt: 2 },
			reason: null,
			raw,
		});
	});

	it('reads the role/content wire shape the same way', () => {
		const roleContent = lines.map(({ speaker, text, ...rest }) => ({ role: speaker, content: text, ...rest }));
		expect(outcomeFromCall(call({ status: 'completed', started_at: STARTED, transcript: roleContent })).transcript).toEqual(turns);
	});

	it.each([
		['busy', 'The line was busy. Task: Confirm the 3 pm appointment'],
		['no answer', 'Nobody answered. Task: Confirm the 3 pm appointment'],
		['rejected', 'The call was rejected. Task: Confirm the 3 pm appointment'],
	])('failed (%s): stays failed, the summary is the reason (Pamela gives no structured cause)', (_kind, summary) => {
		expect(outcomeFromCall(call({ status: 'failed', ended_at: ENDED, summary }))).toMatchObject({
			status: 'failed',
			answered: false,
			startedAt: null,
			endedAt: ENDED,
			durationSeconds: 0,
			transcript: [],
			summary,
			reason: summary,
		});
	});

	it('failed after connecting: answered, with its duration', () => {
		expect(outcomeFromCall(call({ status: 'failed', started_at: STARTED, ended_at: ENDED, summary: 'Lost' }))).toMatchObject({ status: 'failed', answered: true, durationSeconds: 90 });
	});

	it('cancelled: not answered, the summary says so', () => {
		expect(outcomeFromCall(call({ status: 'cancelled', ended_at: ENDED, summary: 'The call was cancelled. Task: x' }))).toMatchObject({ status: 'cancelled', answered: false, durationSeconds: 0, reason: 'The call was cancelled. Task: x' });
	});

	it('a voicemail greeting is still completed: Pamela reports no machine detection', () => {
		const raw = call({ status: 'completed', started_at: STARTED, ended_at: ENDED, duration_seconds: 3, transcript: [{ speaker: 'callee', text: 'Please leave a message after the tone.' }] });
		expect(outcomeFromCall(raw).status).toBe('completed');
	});

	it.each([
		['queued', false],
		['ringing', false],
		['in_progress', true],
	])('%s has not ended: timeout, answered %s', (status, answered) => {
		const outcome = outcomeFromCall(call({ status, ...(answered ? { started_at: STARTED } : {}) }));
		expect(outcome).toMatchObject({ status: 'timeout', answered, endedAt: null, durationSeconds: null, reason: null });
	});

	it('without metadata or id fields: correlation null, call_id read', () => {
		expect(outcomeFromCall({ call_id: 'call_x', status: 'completed' })).toMatchObject({ callId: 'call_x', correlation: null, answered: true, durationSeconds: null });
	});

	it('awaitingTranscript: completed and still empty (filled in a few seconds later, §4)', () => {
		expect(awaitingTranscript(call({ status: 'completed', transcript: [] }))).toBe(true);
		expect(awaitingTranscript(call({ status: 'completed', transcript: undefined }))).toBe(true);
		expect(awaitingTranscript(call({ status: 'completed', transcript: lines }))).toBe(false);
		expect(awaitingTranscript(call({ status: 'failed', transcript: [] }))).toBe(false);
	});
});

describe('outcomeFromEvent (webhooks, §5)', () => {
	const event = (name: string, status: string, extra: Record<string, unknown> = {}) => ({ event: name, call_id: 'call_0007', status, timestamp: ENDED, ...extra });

	it.each([
		['call.queued', 'queued', false],
		['call.started', 'in_progress', false],
		['call.transcript_update', 'in_progress', false],
		['call.completed', 'completed', true],
		['call.failed', 'failed', true],
		['call.failed', 'cancelled', true],
	])('%s (%s) final: %s', (name, status, final) => {
		expect(isFinalEvent(event(name, status))).toBe(final);
	});

	it('call.completed: completed, answered, the whole transcript, the event time as the end', () => {
		const body = event('call.completed', 'completed', { transcript: lines });
		expect(outcomeFromEvent(body)).toEqual({
			provider: 'pamela',
			callId: 'call_0007',
			status: 'completed',
			answered: true,
			startedAt: null,
			endedAt: ENDED,
			durationSeconds: null,
			transcript: turns,
			summary: null,
			gathered: null,
			cost: null,
			correlation: null,
			reason: null,
			raw: body,
		});
	});

	it('call.failed with status failed: failed, not answered', () => {
		expect(outcomeFromEvent(event('call.failed', 'failed'))).toMatchObject({ status: 'failed', answered: false, durationSeconds: 0, endedAt: ENDED });
	});

	it('call.failed with status cancelled (the simulator cancel): cancelled', () => {
		expect(outcomeFromEvent(event('call.failed', 'cancelled'))).toMatchObject({ status: 'cancelled', answered: false });
	});

	it('reads metadata, summary and times when an event carries them', () => {
		const body = event('call.completed', 'completed', { metadata: { crmId: 'c-1' }, summary: 'Done', started_at: STARTED, ended_at: ENDED, duration_seconds: 90 });
		expect(outcomeFromEvent(body)).toMatchObject({ correlation: { crmId: 'c-1' }, summary: 'Done', startedAt: STARTED, durationSeconds: 90 });
	});

	it.each(['call.queued', 'call.started', 'call.transcript_update'])('%s has not ended: timeout', (name) => {
		expect(outcomeFromEvent(event(name, 'in_progress', { transcript: [lines[1]] }))).toMatchObject({ status: 'timeout', endedAt: null, durationSeconds: null, transcript: [turns[1]] });
	});
});
