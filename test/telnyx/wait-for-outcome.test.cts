// Place Call with Wait for Outcome in n8n's engine: the execution waits, the simulator's
// signed webhooks reach the node's resume URL over real HTTP, interim events travel in the
// call's client_state, and call.hangup resumes the run once with the outcome.
import type { INode, INodeParameters } from 'n8n-workflow';

import { startWaitingServer, type WaitingServer } from '../harness/waiting.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { telnyxNode } from './helpers.cts';

let simulator: RunningSimulator;
let waiting: WaitingServer;

beforeAll(async () => {
	simulator = await startSimulator();
	// The call moves only when a test steps the clock.
	simulator.sim.clock.hold();
	waiting = await startWaitingServer({ telnyxApi: simulator.telnyx.credentials() });
});
afterAll(async () => {
	await waiting.stop();
	await simulator.stop();
});

function placeCall(to: string, extra: INodeParameters = {}, options: INodeParameters = {}): INode {
	return telnyxNode('Place Call', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to, waitForOutcome: true, maxWaitMinutes: 10, options, ...extra });
}

/** The node after Place Call reads the call by the ID the outcome carries: it proves the run went on with that data. */
const after = telnyxNode('After', { operation: 'get', callControlId: '={{ $json.callId }}' });
const workflow = (call: INode) => ({ nodes: [call, after], connections: { 'Place Call': { main: [[{ node: 'After', type: 'main' as const, index: 0 }]] } } });

/** Starts the run, checks it waits, and returns the call's ID. */
async function startWaiting(call: INode, input = [{ json: { patient: 'Ana' } }]) {
	const execution = await waiting.run(workflow(call), { input });
	expect(execution.first.errors).toEqual({});
	expect(execution.first.status).toBe('waiting');
	const callId = String(execution.first.outputs['Place Call'][0].json.callId);
	expect(callId).toMatch(/^v3:/);
	return { execution, callId };
}

/** Deliveries to the waiting server so far for this test. */
const deliveriesSince = (from: number) => waiting.deliveries.slice(from);

describe('Telnyx Place Call, Wait for Outcome', () => {
	it('sends the call\'s webhooks to the node\'s resume URL and resumes once, on call.hangup, with the answered outcome', async () => {
		simulator.telnyx.callee('+14155550201', { answer: 'answer', ringMs: 2000, hangUpAfterMs: 30_000 });
		const before = waiting.deliveries.length;
		const { execution, callId } = await startWaiting(placeCall('+14155550201', {}, { clientState: '{"orderId":42}' }));
		const dialBody = simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as Record<string, unknown>;
		const nodeId = 'Place Call';
		expect(dialBody.webhook_url).toBe(`${waiting.waitingBaseUrl}/${execution.id}/${encodeURIComponent(nodeId)}?signature=${new URL(execution.resumeUrl).searchParams.get('signature')}`);
		expect(execution.waitTill()!.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const final = await execution.resumed();
		expect(final.status).toBe('success');
		const [outcome] = final.outputs['Place Call'];
		expect(outcome.json).toMatchObject({ provider: 'telnyx', callId, status: 'completed', answered: true, durationSeconds: 30, correlation: { orderId: 42 } });
		expect(final.outputs.After[0].json).toMatchObject({ callControlId: callId, isAlive: false });
		// initiated, answered: acknowledged without resuming; hangup: resumed.
		const seen = deliveriesSince(before);
		expect(seen.map((d) => [d.status, d.resumed])).toEqual([[200, false], [200, false], [200, true]]);
		// No poll: one GET after the answer, before the state is written, and the After node's own.
		expect(simulator.sim.requestsTo('GET', `/v2/calls/${encodeURIComponent(callId)}`)).toHaveLength(2);
		expect(simulator.telnyx.callsTo('+14155550201')[0].executed.map((c) => c.action)).toEqual(['client_state_update']);
	});

	it('twenty executions wait at once, each resumed by its own call with its own outcome', async () => {
		const kinds = ['answer', 'busy', 'no-answer', 'reject'] as const;
		const expected = { answer: 'completed', busy: 'busy', 'no-answer': 'no_answer', reject: 'failed' };
		const runs = [];
		for (let i = 0; i < 20; i++) {
			const to = `+1415555${String(700 + i).padStart(4, '0')}`;
			const kind = kinds[i % kinds.length];
			simulator.telnyx.callee(to, { answer: kind, ringMs: 500 + i * 100, hangUpAfterMs: 5000 });
			runs.push({ kind, ...(await startWaiting(placeCall(to, {}, { timeoutSecs: 10, clientState: `{"row":${i}}` }))) });
		}
		for (const { callId } of runs) await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		for (const [i, { kind, callId, execution }] of runs.entries()) {
			const outcome = (await execution.resumed()).outputs['Place Call'][0].json;
			expect(outcome).toMatchObject({ callId, status: expected[kind], correlation: { row: i } });
		}
	});

	it('a busy callee resumes with status busy', async () => {
		simulator.telnyx.callee('+14155550202', { answer: 'busy', ringMs: 500 });
		const { execution, callId } = await startWaiting(placeCall('+14155550202'));
		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const final = await execution.resumed();
		expect(final.outputs['Place Call'][0].json).toMatchObject({ status: 'busy', answered: false, durationSeconds: 0 });
		// A call that is never answered costs the dial alone (the one GET is the After node's).
		expect(simulator.sim.requests.filter((r) => r.path.includes(encodeURIComponent(callId))).map((r) => r.method)).toEqual(['GET']);
		expect(final.outputs['Place Call'][0].pairedItem).toEqual({ item: 0 });
	});

	it('an unanswered call resumes with status no_answer', async () => {
		simulator.telnyx.callee('+14155550203', { answer: 'no-answer' });
		const { execution, callId } = await startWaiting(placeCall('+14155550203', {}, { timeoutSecs: 5 }));
		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		expect((await execution.resumed()).outputs['Place Call'][0].json).toMatchObject({ status: 'no_answer', answered: false });
	});

	it('a voicemail found by machine detection resumes with status voicemail', async () => {
		simulator.telnyx.callee('+14155550204', { answer: 'voicemail', ringMs: 300, hangUpAfterMs: 20_000 });
		const { execution, callId } = await startWaiting(placeCall('+14155550204', {}, { answeringMachineDetection: 'detect_beep' }));
		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const outcome = (await execution.resumed()).outputs['Place Call'][0].json;
		expect(outcome).toMatchObject({ status: 'voicemail', answered: true });
		expect(outcome.reason).toContain('greeting: beep_detected');
		// Requests per outcome: the dial, then one read and one state update per event that adds a note (answer, beep); no polling.
		// The last GET is the After node's.
		const path = new RegExp(`^/v2/calls/${encodeURIComponent(callId)}`);
		expect(simulator.sim.requests.filter((r) => path.test(r.path)).map((r) => r.method)).toEqual(['GET', 'PUT', 'GET', 'PUT', 'GET']);
	});
});
