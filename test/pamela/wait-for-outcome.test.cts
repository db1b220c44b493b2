// Place Call with Wait for Outcome, in n8n's engine against the simulator: a mixed batch comes
// out in the one outcome shape paired with its inputs; a call that never ends comes out as
// `timeout` at the Maximum Wait; a transcript that never shows is reported pending; Stop ends
// every wait at once; an AI agent running the node as a tool gets the outcome inline.
import { ExecutionLifecycleHooks, SupplyDataContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { HarnessCredentialsHelper } from '../harness/credentials-helper.cts';
import { additionalDataFor, buildWorkflow, runWorkflow } from '../harness/engine.cts';
import { loadPackage } from '../harness/package.cts';
import { pamelaError, type PamelaCalleeScript } from '../simulator/providers/pamela/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CALLS_PATH, jsonOf, pamelaNode, placeCall, runPamela } from './helpers.cts';

let simulator: RunningSimulator;

// A running clock 100x real time: the poll interval of 0.05 s real is 5 s simulated, Pamela's
// default, so GETs per outcome below are what a real batch would cost. End states do not
// depend on the machine's speed; tests about what happens meanwhile hold the clock.
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.sim.requests.length = 0;
});
afterEach(() => simulator.sim.clock.release());

const OUTCOME_KEYS = [
	'provider', 'callId', 'status', 'answered', 'startedAt', 'endedAt', 'durationSeconds', 'transcript', 'summary', 'gathered', 'cost', 'correlation', 'reason', 'raw', 'transcriptPending',
].sort();

const waiting = (to: string, options: IDataObject = {}, extra: IDataObject = {}) => ({
	...placeCall(to),
	waitForOutcome: true,
	...extra,
	options: { pollIntervalSeconds: 0.05, ...options },
});

const getsFor = (callId: unknown) => simulator.sim.requestsTo('GET', `${CALLS_PATH}/${String(callId)}`).length;

/** The simulator call placed to `to`, once the node has placed it. */
async function callTo(to: string): Promise<string> {
	const find = () => [...simulator.pamela.calls.calls.values()].find((call) => call.to === to);
	await simulator.sim.waitFor(() => !!find(), () => `No call to ${to} was placed`);
	return find()!.id;
}

describe('Wait for Outcome', () => {
	it('a batch of 48 with mixed outcomes comes out in the one shape, in input order, paired, with its metadata', async () => {
		const kinds: Array<{ kind: string; script: PamelaCalleeScript; expected: IDataObject }> = [
			{ kind: 'answered', script: { answer: 'answer', ringMs: 10000, says: ['Yes, 8 pm works.', 'Under Smith.', 'Two people.', 'Thanks.'] }, expected: { status: 'completed', answered: true } },
			{ kind: 'busy', script: { answer: 'busy', ringMs: 5000 }, expected: { status: 'failed', answered: false, durationSeconds: 0 } },
			{ kind: 'no answer', script: { answer: 'no-answer', ringMs: 30000 }, expected: { status: 'failed', answered: false, durationSeconds: 0 } },
			// Pamela reports no answering-machine detection (contract §7): a voicemail is a completed call whose transcript says so.
			{ kind: 'voicemail', script: { answer: 'voicemail', ringMs: 20000 }, expected: { status: 'completed', answered: true } },
			{ kind: 'rejected', script: { answer: 'reject', ringMs: 3000 }, expected: { status: 'failed', answered: false } },
			{ kind: 'cancelled', script: { answer: 'answer', ringMs: 600000 }, expected: { status: 'cancelled', answered: false } },
		];
		const turnMs = simulator.pamela.timings.turnMs;
		simulator.pamela.timings.turnMs = 10000;
		try {
			const input = Array.from({ length: 48 }, (_, row) => ({ json: { row, to: `+1415555${3000 + row}`, kind: kinds[row % kinds.length].kind } }));
			input.forEach((item, row) => simulator.pamela.callee(item.json.to, kinds[row % kinds.length].script));
			const run = runPamela(simulator, waiting('={{ $json.to }}', { concurrency: 50, metadataJson: '={{ JSON.stringify({ row: $json.row }) }}' }), { input });
			// Someone cancels the calls that would ring for 10 minutes, once they ring.
			const cancelled = input.filter((item) => item.json.kind === 'cancelled').map((item) => item.json.to);
			for (const to of cancelled) {
				const id = await callTo(to);
				await simulator.pamela.waitForStatus(id, ['ringing']);
				simulator.pamela.calls.cancel({ params: { id } } as never);
			}
			const result = await run;
			const outcomes = jsonOf(result);
			expect(outcomes).toHaveLength(48);
			expect(result.outputs.Pamela.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
			const perKind: Record<string, number[]> = {};
			outcomes.forEach((outcome, row) => {
				const { kind, expected } = kinds[row % kinds.length];
				expect(Object.keys(outcome).sort()).toEqual(OUTCOME_KEYS);
				expect(outcome).toMatchObject({ provider: 'pamela', correlation: { row }, transcriptPending: false, ...expected });
				expect((outcome.raw as IDataObject).to).toBe(input[row].json.to);
				if (kind === 'answered') {
					expect((outcome.transcript as IDataObject[]).map((turn) => turn.role)).toEqual(['agent', 'callee', 'callee', 'callee', 'callee', 'agent']);
					expect(outcome.durationSeconds).toBeGreaterThan(0);
				}
				if (kind === 'voicemail') expect(JSON.stringify(outcome.transcript)).toContain('leave a message');
				if (kind === 'busy') expect(outcome.reason).toContain('busy');
				if (kind === 'no answer') expect(outcome.reason).toContain('Nobody answered');
				(perKind[kind] ??= []).push(getsFor(outcome.callId));
			});
			// Requests per outcome: one POST plus these GETs. Bounds are loose (a busy machine
			// polls later, never more often); the numbers themselves are in the closing note.
			for (const [kind, gets] of Object.entries(perKind)) {
				expect(Math.min(...gets)).toBeGreaterThanOrEqual(1);
				expect(Math.max(...gets)).toBeLessThanOrEqual(30);
				if (process.env.REPORT_POLLS) process.stdout.write(`GETs per outcome, ${kind}: ${gets.join(',')}\n`);
			}
			expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(48);
		} finally {
			simulator.pamela.timings.turnMs = turnMs;
		}
	});

	it('ends with status timeout at the Maximum Wait when the call never ends (held clock)', async () => {
		simulator.sim.clock.hold();
		const started = Date.now();
		const result = await runPamela(simulator, waiting('+14155553100', { metadataJson: '{"order": "A-1"}' }, { maxWaitMinutes: 0.03 }));
		const elapsed = Date.now() - started;
		const [outcome] = jsonOf(result);
		expect(Object.keys(outcome).sort()).toEqual(OUTCOME_KEYS);
		expect(outcome).toMatchObject({ provider: 'pamela', status: 'timeout', answered: false, endedAt: null, correlation: { order: 'A-1' }, transcriptPending: false });
		expect(outcome.reason).toBe('The call had not ended when the Maximum Wait of 2 s ran out');
		expect((outcome.raw as IDataObject).status).toBe('queued');
		// 1.8 s asked for; far less than 5x that means it did not overrun.
		expect(elapsed).toBeGreaterThanOrEqual(1750);
		expect(elapsed).toBeLessThan(9000);
		// The backoff (0.15 s growing to 0.3 s) polled several times, never in a tight loop.
		expect(getsFor(outcome.callId)).toBeGreaterThanOrEqual(3);
		expect(getsFor(outcome.callId)).toBeLessThanOrEqual(15);
	});

	it('a timeout keeps what was known: a call in progress is answered, with its start time (held clock)', async () => {
		simulator.sim.clock.hold();
		const to = '+14155553102';
		simulator.pamela.callee(to, { answer: 'answer', ringMs: 1000, says: ['Hello?'] });
		const run = runPamela(simulator, waiting(to, {}, { maxWaitMinutes: 0.03 }));
		await simulator.pamela.waitForStatus(await callTo(to), ['in_progress']);
		const [outcome] = jsonOf(await run);
		expect(outcome).toMatchObject({ status: 'timeout', answered: true, endedAt: null, durationSeconds: null, transcriptPending: false });
		expect(outcome.startedAt).toEqual(expect.any(String));
		expect((outcome.raw as IDataObject).status).toBe('in_progress');
	});

	it('outputs a completed call whose transcript never shows with transcriptPending after its grace (held clock)', async () => {
		simulator.sim.clock.hold();
		const to = '+14155553101';
		simulator.pamela.callee(to, { answer: 'answer', ringMs: 100, says: ['Hello?'] });
		const run = runPamela(simulator, waiting(to));
		const id = await callTo(to);
		// Step the call to its end, but never to the moment its transcript is filled in.
		await simulator.pamela.waitForStatus(id, ['completed']);
		const [outcome] = jsonOf(await run);
		expect(outcome).toMatchObject({ callId: id, status: 'completed', answered: true, transcript: [], transcriptPending: true });
		expect(outcome.summary).toContain('finished the task');
	});

	it('a status check lost to 5xx is made again later; the outcome still comes', async () => {
		const to = '+14155553103';
		simulator.pamela.callee(to, { answer: 'answer', ringMs: 2000, says: ['Hello?'] });
		// The first check's three attempts and the second's first attempt get 502.
		simulator.sim.faults.add({ method: 'GET', path: /^\/api\/b2b\/v1\/calls\/call_/, kind: 'status', times: 4, response: pamelaError(502, 5000, 'Bad gateway') });
		try {
			const [outcome] = jsonOf(await runPamela(simulator, waiting(to)));
			expect(outcome).toMatchObject({ status: 'completed', answered: true, transcriptPending: false });
		} finally {
			simulator.sim.faults.clear();
		}
	});

	it('a status check refused with 4xx fails only that item, naming the call and saying not to place it again', async () => {
		simulator.sim.faults.add({ method: 'GET', path: /^\/api\/b2b\/v1\/calls\/call_/, kind: 'status', times: 1, response: pamelaError(404, 7003, 'Call not found') });
		try {
			const input = [0, 1].map((row) => ({ json: { to: `+1415555${3110 + row}` } }));
			const result = await runPamela(simulator, waiting('={{ $json.to }}', { concurrency: 2 }), { input, continueOnFail: true });
			const items = jsonOf(result);
			const failed = items.findIndex((item) => item.error !== undefined);
			expect(failed).toBeGreaterThanOrEqual(0);
			expect(items[failed].error).toContain('Call not found');
			expect(items[failed].description).toMatch(new RegExp(`^Item ${failed}: call call_\\d+ was placed, but reading its status failed.*do not place it again`));
			expect(items[1 - failed]).toMatchObject({ provider: 'pamela', status: 'completed' });
			expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(2);
		} finally {
			simulator.sim.faults.clear();
		}
	});

	it('Stop ends every wait at once', async () => {
		simulator.sim.clock.hold();
		const input = [0, 1, 2].map((row) => ({ json: { to: `+1415555${3200 + row}` } }));
		const started = Date.now();
		const result = await runWorkflow(
			{ nodes: [pamelaNode('Pamela', waiting('={{ $json.to }}', { concurrency: 3 }))] },
			{
				credentials: { pamelaApi: simulator.pamela.credentials() },
				input,
				onStarted: ({ cancel }) => void simulator.sim.waitForRequests('GET', /^\/api\/b2b\/v1\/calls\/call_/, 1).then(cancel),
			},
		);
		expect(result.status).toBe('canceled');
		// Without Stop each item would wait its 10 minutes.
		expect(Date.now() - started).toBeLessThan(10000);
		const gets = simulator.sim.requestsTo('GET', /^\/api\/b2b\/v1\/calls\/call_/).length;
		expect(gets).toBeLessThanOrEqual(3);
	});

	it('as an AI agent tool it waits without being asked, and returns the outcome inline', async () => {
		const to = '+14155553300';
		simulator.pamela.callee(to, { answer: 'answer', ringMs: 2000, says: ['Yes, we are open until 9.'] });
		// How n8n 2.x runs a node an agent asked for: the engine marks it as the agent's tool.
		const tool = { ...pamelaNode('Pamela', { ...placeCall(to), options: { pollIntervalSeconds: 0.05 } }), rewireOutputLogTo: 'ai_tool' as const };
		const result = await runWorkflow({ nodes: [tool] }, { credentials: { pamelaApi: simulator.pamela.credentials() } });
		expect(result.errors).toEqual({});
		const [item] = result.run.data.resultData.runData.Pamela[0].data!.ai_tool[0]!;
		expect(item.json).toMatchObject({ provider: 'pamela', status: 'completed', answered: true, transcriptPending: false });
		expect(JSON.stringify(item.json.transcript)).toContain('open until 9');
		// What the model reads: the normalised outcome, not Pamela's call again under `raw`.
		expect(item.json).not.toHaveProperty('raw');
	});
});

describe('as a tool wrapped by an agent (isToolExecution)', () => {
	it('waits and returns the outcome inline when n8n runs it with an ai_tool context', async () => {
		const to = '+14155553301';
		simulator.pamela.callee(to, { answer: 'busy', ringMs: 1000 });
		const node = pamelaNode('Pamela', { ...placeCall(to), options: { pollIntervalSeconds: 0.05 } });
		const workflow = await buildWorkflow({ nodes: [node] });
		const hooks = new ExecutionLifecycleHooks('manual', 'tool-context', { id: 'tool', name: 'tool', nodes: [node], connections: {}, active: false } as never);
		const additionalData = additionalDataFor(hooks, new HarnessCredentialsHelper(await loadPackage(), { pamelaApi: simulator.pamela.credentials() }));
		const runData = { version: 1, startData: {}, resultData: { runData: {} }, executionData: { contextData: {}, metadata: {}, nodeExecutionStack: [], waitingExecution: {}, waitingExecutionSource: {} } };
		const executeData = { node, data: { main: [[]] }, source: null };
		// As n8n-core's tool wrapper (makeHandleToolInvocation) runs a node for an agent's tool call.
		const context = new SupplyDataContext(workflow, node, additionalData, 'manual', runData as never, 0, [], {}, 'ai_tool', executeData as never, [], new AbortController().signal);
		context.addInputData('ai_tool', [[{ json: { query: 'call the restaurant' } }]]);
		expect(context.isToolExecution()).toBe(true);
		const output = await workflow.nodeTypes.getByNameAndVersion(node.type, 1).execute!.call(context as never);
		const [[item]] = output as Array<Array<{ json: IDataObject }>>;
		expect(item.json).toMatchObject({ provider: 'pamela', status: 'failed', answered: false, transcriptPending: false });
		expect(item.json.reason).toContain('busy');
		expect(item.json).not.toHaveProperty('raw');
	});
});
