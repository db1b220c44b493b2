// Place Call with Wait for Outcome, in n8n's engine against the simulator: every call ID of
// a batch request gets its outcome (live stream to [DONE]/[TIMEOUT], then the record) in the
// one shape, paired with its input item; past the Maximum Wait it is `timeout`; a record that
// never comes is reported pending; Stop ends every wait; an AI agent tool gets it inline.
import type { IDataObject, INode } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { CHINESE_DIALOGUE, DEFAULT_SCRIPT, type SteponeScript } from '../simulator/providers/stepone/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { credentialsFor, placeCall, REQUIREMENT } from './helpers.cts';

let simulator: RunningSimulator;
const STREAM = '/api/v1/callinfo/stream_chat_history';
const SEARCH = '/api/v1/callinfo/search_callinfo';

// A running clock 100x real time: the 0.05 s poll interval is 5 s simulated. End states do
// not depend on the machine's speed; tests about what happens meanwhile hold the clock.
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.stepone.reset();
	simulator.sim.requests.length = 0;
});
afterEach(() => simulator.sim.clock.release());

const OUTCOME_KEYS = [
	'provider', 'callId', 'status', 'answered', 'startedAt', 'endedAt', 'durationSeconds', 'transcript', 'summary', 'gathered', 'cost', 'correlation', 'reason', 'raw', 'phone', 'recordPending',
].sort();

const waiting = (phones: string, options: IDataObject = {}, extra: IDataObject = {}, node: Partial<INode> = {}) =>
	placeCall('Call', { phones, requirement: REQUIREMENT, waitForOutcome: true, ...extra, options: { pollIntervalSeconds: 0.05, ...options } }, node);

const requestsFor = (path: string, callId: unknown) => simulator.sim.requestsTo('POST', path).filter((r) => (r.body as IDataObject)?.call_id === callId).length;

const VOICEMAIL: SteponeTurn[] = [
	{ role: 'assistant', content: '您好，我是人工智能助理小步。' },
	{ role: 'user', content: '您拨打的用户暂时无法接听，请在提示音后留言。' },
];
type SteponeTurn = SteponeScript['turns'][number];

describe('Wait for Outcome', () => {
	it('every call ID of single and batch requests gets its outcome in the one shape, paired with its input item', async () => {
		const kinds: Array<{ kind: string; script: SteponeScript; expected: IDataObject }> = [
			{ kind: 'answered', script: DEFAULT_SCRIPT, expected: { status: 'completed', answered: true, durationSeconds: 5, cost: { amount: 0.12, currency: 'CNY' } } },
			{ kind: 'no answer', script: { ...DEFAULT_SCRIPT, answered: false }, expected: { status: 'no_answer', answered: false, durationSeconds: 0 } },
			{ kind: 'busy', script: { ...DEFAULT_SCRIPT, answered: false, recordStatus: 'busy', hangupCause: 'user_busy' }, expected: { status: 'busy', answered: false } },
			{ kind: 'voicemail', script: { ...DEFAULT_SCRIPT, turns: VOICEMAIL, recordStatus: 'voicemail' }, expected: { status: 'voicemail', answered: true } },
			{ kind: 'failed', script: { ...DEFAULT_SCRIPT, answered: false, recordStatus: 'failed', hangupCause: 'unallocated_number' }, expected: { status: 'failed', answered: false, reason: 'unallocated_number' } },
			// The stream breaks mid-call: the record still tells the outcome.
			{ kind: 'stream cut', script: { ...DEFAULT_SCRIPT, cutAfterTurns: 2 }, expected: { status: 'completed', answered: true } },
		];
		// 12 items: even rows call one number, odd rows three numbers in one request.
		let next = 0;
		const calls: Array<{ row: number; phone: string; kind: (typeof kinds)[number] }> = [];
		const input = Array.from({ length: 12 }, (_, row) => {
			const phones = Array.from({ length: row % 2 ? 3 : 1 }, () => {
				const phone = `1380000${String(1000 + next).padStart(4, '0')}`;
				const kind = kinds[next++ % kinds.length];
				simulator.stepone.scripts.set(phone, kind.script);
				calls.push({ row, phone, kind });
				return phone;
			});
			return { json: { row, phones: phones.join(',') } };
		});
		const result = await runWorkflow({ nodes: [waiting('={{ $json.phones }}', { concurrency: 12 })] }, { credentials: credentialsFor(simulator), input });
		expect(result.errors).toEqual({});
		const outcomes = result.outputs.Call;
		expect(outcomes).toHaveLength(calls.length);
		expect(outcomes.map((item) => item.pairedItem)).toEqual(calls.map(({ row }) => ({ item: row })));
		const perKind: Record<string, string[]> = {};
		outcomes.forEach(({ json: outcome }, index) => {
			const { row, phone, kind } = calls[index];
			expect(Object.keys(outcome).sort()).toEqual(OUTCOME_KEYS);
			expect(outcome).toMatchObject({ provider: 'stepone', phone, correlation: input[row].json, recordPending: false, ...kind.expected });
			expect(simulator.stepone.calls.get(String(outcome.callId))?.phone).toBe(phone);
			expect((outcome.raw as IDataObject).phones).toBe(phone);
			if (kind.kind === 'answered') {
				expect((outcome.transcript as IDataObject[]).map(({ role, text }) => ({ role: role === 'agent' ? 'assistant' : 'user', content: text }))).toEqual(CHINESE_DIALOGUE);
			}
			if (kind.kind === 'voicemail') expect(JSON.stringify(outcome.transcript)).toContain('留言');
			// Requests per outcome: one stream, plus the record reads.
			(perKind[kind.kind] ??= []).push(`${requestsFor(STREAM, outcome.callId)}+${requestsFor(SEARCH, outcome.callId)}`);
			expect(requestsFor(STREAM, outcome.callId)).toBe(1);
			expect(requestsFor(SEARCH, outcome.callId)).toBeGreaterThanOrEqual(1);
			expect(requestsFor(SEARCH, outcome.callId)).toBeLessThanOrEqual(30);
		});
		if (process.env.REPORT_POLLS) for (const [kind, counts] of Object.entries(perKind)) process.stdout.write(`stream+record requests, ${kind}: ${counts.join(' ')}\n`);
		// One initiate_call per item, never a second.
		expect(simulator.sim.requestsTo('POST', '/api/v1/callinfo/initiate_call')).toHaveLength(12);
		expect(simulator.stepone.openStreams).toBe(0);
	});

	it('ends with status timeout at the Maximum Wait, for each call of a batch request (held clock)', async () => {
		simulator.sim.clock.hold();
		const started = Date.now();
		const result = await runWorkflow(
			{ nodes: [waiting('13800002000,13800002001', {}, { maxWaitMinutes: 0.03 })] },
			{ credentials: credentialsFor(simulator), input: [{ json: { patient: 'p-17' } }] },
		);
		const elapsed = Date.now() - started;
		expect(result.errors).toEqual({});
		const outcomes = result.outputs.Call.map((item) => item.json);
		expect(result.outputs.Call.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(outcomes.map((o) => o.phone)).toEqual(['13800002000', '13800002001']);
		for (const outcome of outcomes) {
			expect(Object.keys(outcome).sort()).toEqual(OUTCOME_KEYS);
			expect(outcome).toMatchObject({ provider: 'stepone', status: 'timeout', answered: false, correlation: { patient: 'p-17' }, recordPending: false });
			expect(outcome.reason).toBe('The call had not ended when the Maximum Wait of 2 s ran out');
			expect(outcome.raw).toMatchObject({ stream: { status: 'max_duration' } });
		}
		// 1.8 s asked for; far less than 5x that means it did not overrun.
		expect(elapsed).toBeGreaterThanOrEqual(1750);
		expect(elapsed).toBeLessThan(9000);
		await simulator.sim.waitFor(() => simulator.stepone.openStreams === 0, () => 'A stream stayed open');
	});

	it('a timeout keeps what the stream had said: answered, with the turns so far (held clock)', async () => {
		simulator.sim.clock.hold();
		const run = runWorkflow({ nodes: [waiting('13800002100', {}, { maxWaitMinutes: 0.03 })] }, { credentials: credentialsFor(simulator) });
		await simulator.sim.waitForRequests('POST', STREAM, 1);
		// Ring (2 s) and two turns (1 s apart) of simulated time; then time stands still.
		await simulator.sim.clock.advance(DEFAULT_SCRIPT.ringMs + 2 * DEFAULT_SCRIPT.turnGapMs);
		const [outcome] = (await run).outputs.Call.map((item) => item.json);
		expect(outcome).toMatchObject({ status: 'timeout', answered: true, endedAt: null, durationSeconds: null, phone: '13800002100' });
		expect((outcome.transcript as IDataObject[]).map((turn) => turn.text)).toEqual(CHINESE_DIALOGUE.slice(0, 2).map((turn) => turn.content));
	});

	it('outputs a call that ended ([DONE]) from its stream with recordPending when the record does not come in time (held clock)', async () => {
		simulator.sim.clock.hold();
		const run = runWorkflow({ nodes: [waiting('13800003000')] }, { credentials: credentialsFor(simulator) });
		await simulator.sim.waitForRequests('POST', STREAM, 1);
		// Step to the call's end ([DONE]), never to the record (due 5 s of simulated time later).
		const call = [...simulator.stepone.calls.values()][0];
		await simulator.sim.clock.advance(call.endsAt - simulator.sim.clock.now());
		const result = await run;
		const [outcome] = result.outputs.Call.map((item) => item.json);
		expect(outcome).toMatchObject({ status: 'completed', answered: true, recordPending: true, reason: 'the call ended ([DONE])', cost: null });
		expect((outcome.transcript as IDataObject[]).map((turn) => turn.text)).toEqual(CHINESE_DIALOGUE.map((turn) => turn.content));
		// Read at the base interval through its grace of 12 intervals, not more.
		expect(requestsFor(SEARCH, outcome.callId)).toBeGreaterThanOrEqual(2);
		expect(requestsFor(SEARCH, outcome.callId)).toBeLessThanOrEqual(14);
	});

	it('Stop ends every wait at once', async () => {
		simulator.sim.clock.hold();
		const started = Date.now();
		const result = await runWorkflow(
			{ nodes: [waiting('={{ $json.phones }}')] },
			{
				credentials: credentialsFor(simulator),
				input: [{ json: { phones: '13800004000,13800004001' } }, { json: { phones: '13800004002' } }],
				onStarted: ({ cancel }) => void simulator.sim.waitForRequests('POST', STREAM, 1).then(cancel),
			},
		);
		expect(result.status).toBe('canceled');
		// Without Stop each call would wait its 10 minutes.
		expect(Date.now() - started).toBeLessThan(10000);
		await simulator.sim.waitFor(() => simulator.stepone.openStreams === 0, () => 'A stream stayed open after Stop');
	});

	it('as an AI agent tool it waits without being asked, and returns the outcome inline', async () => {
		// How n8n 2.x runs a node an agent asked for: the engine marks it as the agent's tool.
		const tool = placeCall('Call', { phones: '13800005000', requirement: REQUIREMENT, options: { pollIntervalSeconds: 0.05 } }, { rewireOutputLogTo: 'ai_tool' });
		const result = await runWorkflow({ nodes: [tool] }, { credentials: credentialsFor(simulator) });
		expect(result.errors).toEqual({});
		const [item] = result.run.data.resultData.runData.Call[0].data!.ai_tool[0]!;
		expect(item.json).toMatchObject({ provider: 'stepone', status: 'completed', answered: true, phone: '13800005000', recordPending: false });
		// What the model reads: the normalised outcome, not the record and stream again under `raw`.
		expect(item.json).not.toHaveProperty('raw');
	});
});
