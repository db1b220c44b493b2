// The one transcript reader shared by Pamela and Stepone, and the spoken turns an outcome keeps.
import { outcomeTurns, readTranscript, readTranscriptEntry, speakerOf, transcriptText } from '../../../nodes/shared/transcript.ts';
import { normaliseCall, normaliseTranscript } from '../../../nodes/Pamela/transcript.ts';
import { parseStreamEvent, turnsFromRecord } from '../../../nodes/SteponeAi/transcript.ts';

const T1 = '2026-11-21T10:00:01.000Z';
const T2 = '2026-11-21T10:00:03.000Z';

describe('readTranscriptEntry', () => {
	it.each([
		['speaker/text/timestamp (Pamela simulator)', { speaker: 'agent', text: 'Hi', timestamp: T1 }, { role: 'agent', text: 'Hi', at: T1 }],
		['role/content (Pamela role-content shape, Stepone)', { role: 'user', content: '你好', timestamp: T1 }, { role: 'user', text: '你好', at: T1 }],
		['message + time', { role: 'assistant', message: 'Bye', time: T2 }, { role: 'assistant', text: 'Bye', at: T2 }],
		['created_at', { speaker: 'callee', text: 'Yes', created_at: T2 }, { role: 'callee', text: 'Yes', at: T2 }],
		['createdAt', { role: 'user', content: 'Ok', createdAt: T2 }, { role: 'user', text: 'Ok', at: T2 }],
		['epoch seconds become ISO', { role: 'user', content: 'x', time: 1795255201 }, { role: 'user', text: 'x', at: '2026-11-21T10:00:01.000Z' }],
		['epoch milliseconds become ISO', { role: 'user', content: 'x', time: 1795255201000 }, { role: 'user', text: 'x', at: '2026-11-21T10:00:01.000Z' }],
		['speaker wins over role', { speaker: 'callee', role: 'user', text: 'a' }, { role: 'callee', text: 'a', at: null }],
		['text wins over content', { role: 'agent', text: 'spoken', content: 'other' }, { role: 'agent', text: 'spoken', at: null }],
		['number text', { role: 'user', content: 42 }, { role: 'user', text: '42', at: null }],
		['structured content as JSON', { role: 'tool', content: { ok: true } }, { role: 'tool', text: '{"ok":true}', at: null }],
		['no role, no text', {}, { role: 'unknown', text: '', at: null }],
		['empty time is no time', { role: 'user', content: 'a', timestamp: '' }, { role: 'user', text: 'a', at: null }],
		['plain string', 'Hello there', { role: 'unknown', text: 'Hello there', at: null }],
	])('%s', (_name, raw, expected) => {
		expect(readTranscriptEntry(raw)).toEqual(expected);
	});
});

describe('readTranscript', () => {
	it('reads a list, skipping entries that are neither objects nor text', () => {
		expect(readTranscript([{ speaker: 'agent', text: 'Hi' }, null, 7, 'hm'])).toEqual([
			{ role: 'agent', text: 'Hi', at: null },
			{ role: 'unknown', text: 'hm', at: null },
		]);
	});
	it('reads a JSON string of a list (Stepone call_content sometimes comes so)', () => {
		expect(readTranscript(JSON.stringify([{ role: 'assistant', content: '您好' }]))).toEqual([{ role: 'assistant', text: '您好', at: null }]);
	});
	it.each([
		['missing', undefined, []],
		['null', null, []],
		['empty string', '  ', []],
		['an object', { speaker: 'agent' }, []],
		['JSON of an object', '{"a":1}', []],
		['JSON null', 'null', []],
	])('%s: no lines', (_name, raw, expected) => {
		expect(readTranscript(raw)).toEqual(expected);
	});
	it('plain text is one line of an unknown speaker', () => {
		expect(readTranscript('The agent left a message')).toEqual([{ role: 'unknown', text: 'The agent left a message', at: null }]);
	});
});

describe('speakerOf and outcomeTurns', () => {
	it.each([
		['agent', 'agent'],
		['assistant', 'agent'],
		['Assistant', 'agent'],
		['ai', 'agent'],
		['bot', 'agent'],
		['model', 'agent'],
		['callee', 'callee'],
		['user', 'callee'],
		['human', 'callee'],
		['customer', 'callee'],
		['contact', 'callee'],
		['tool', undefined],
		['system', undefined],
		['function', undefined],
		['unknown', undefined],
	])('%s → %s', (role, expected) => {
		expect(speakerOf(role)).toBe(expected);
	});

	it('keeps spoken turns in order and drops tool and system lines (the Pamela simulator tool-call transcript)', () => {
		const raw = [
			{ speaker: 'agent', text: 'Hi, this is Pamela calling. Check order 42', timestamp: T1 },
			{ speaker: 'callee', text: 'Sure, one moment', timestamp: T1 },
			{ speaker: 'tool', text: 'Order 42 ships tomorrow', timestamp: T2, tool_name: 'lookup_order', correlation_id: 'c1' },
			{ speaker: 'agent', text: 'I checked: Order 42 ships tomorrow', timestamp: T2 },
			{ speaker: 'system', text: 'Tool lookup_order timed out after 30000 ms', timestamp: T2 },
		];
		expect(outcomeTurns(readTranscript(raw))).toEqual([
			{ role: 'agent', text: 'Hi, this is Pamela calling. Check order 42', at: T1 },
			{ role: 'callee', text: 'Sure, one moment', at: T1 },
			{ role: 'agent', text: 'I checked: Order 42 ships tomorrow', at: T2 },
		]);
	});

	it('maps Stepone assistant/user turns', () => {
		expect(outcomeTurns(readTranscript([{ role: 'assistant', content: '您好' }, { role: 'user', content: '你好 😊' }]))).toEqual([
			{ role: 'agent', text: '您好', at: null },
			{ role: 'callee', text: '你好 😊', at: null },
		]);
	});
});

describe('transcriptText', () => {
	it('one "role: text" line per turn', () => {
		expect(transcriptText([{ role: 'assistant', text: 'a' }, { role: 'user', text: 'b' }])).toBe('assistant: a\nuser: b');
		expect(transcriptText([])).toBe('');
	});
});

describe('what the operations output stays as it was', () => {
	it('Pamela: speaker/text/timestamp, from either wire shape', () => {
		const expected = [
			{ speaker: 'agent', text: 'Hi', timestamp: T1 },
			{ speaker: 'callee', text: 'Yes', timestamp: T2 },
		];
		expect(normaliseTranscript([{ speaker: 'agent', text: 'Hi', timestamp: T1 }, { speaker: 'callee', text: 'Yes', timestamp: T2 }])).toEqual(expected);
		expect(normaliseTranscript([{ role: 'agent', content: 'Hi', timestamp: T1 }, { role: 'callee', content: 'Yes', timestamp: T2 }])).toEqual(expected);
		expect(normaliseTranscript(undefined)).toEqual([]);
	});
	it('Pamela: a completed call without a transcript yet is pending', () => {
		const call = normaliseCall({ id: 'call_0001', status: 'completed', transcript: [] });
		expect(call).toMatchObject({ id: 'call_0001', transcript: [], transcriptPending: true, final: true });
	});
	it('Stepone: role/text/time turns from a record', () => {
		expect(turnsFromRecord([{ role: 'assistant', content: '您好' }, { role: 'user', content: '你好' }])).toEqual([
			{ role: 'assistant', text: '您好', time: null },
			{ role: 'user', text: '你好', time: null },
		]);
		expect(turnsFromRecord('not json')).toEqual([{ role: 'unknown', text: 'not json', time: null }]);
		expect(turnsFromRecord(undefined)).toEqual([]);
	});
	it('Stepone: stream events', () => {
		expect(parseStreamEvent('{"role":"assistant","content":"您好"}')).toEqual({ kind: 'turn', role: 'assistant', text: '您好' });
		expect(parseStreamEvent('{"role":"system","content":"[DONE]"}')).toEqual({ kind: 'done' });
		expect(parseStreamEvent('{"role":"system","content":"[TIMEOUT]"}')).toEqual({ kind: 'timeout' });
		expect(parseStreamEvent('{"role":"system","content":"hold on"}')).toEqual({ kind: 'system', text: 'hold on' });
		expect(parseStreamEvent('nope')).toEqual({ kind: 'unparseable', raw: 'nope' });
	});
});
