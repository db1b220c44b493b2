// Version 2 of the Telnyx node (operation value placeCall, pickers) with Wait for Outcome:
// the execution waits and call.hangup resumes it with the outcome, as version 1's "dial" does
// (test/telnyx/wait-for-outcome.test.cts keeps the old value).
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

it('a version 2 Place Call with picked Connection and From waits and resumes on call.hangup with the outcome', async () => {
	simulator.telnyx.callee('+14155550301', { answer: 'answer', ringMs: 2000, hangUpAfterMs: 12_000 });
	const call = telnyxNode(
		'Place Call',
		{
			operation: 'placeCall',
			connectionId: { __rl: true, mode: 'list', value: TELNYX_CONNECTION_ID },
			from: { __rl: true, mode: 'list', value: '+14155550100' },
			to: '+14155550301',
			waitForOutcome: true,
			maxWaitMinutes: 10,
			options: { clientState: '{"orderId":7}' },
		},
		{ typeVersion: 2 },
	);
	const execution = await waiting.run({ nodes: [call] }, { input: [{ json: {} }] });
	expect(execution.first.errors).toEqual({});
	expect(execution.first.status).toBe('waiting');
	const callId = String(execution.first.outputs['Place Call'][0].json.callId);
	expect(simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body).toMatchObject({ connection_id: TELNYX_CONNECTION_ID, from: '+14155550100' });

	await simulator.telnyx.waitForEvent(callId, 'call.hangup');
	await simulator.sim.deliveriesDone();
	const final = await execution.resumed();
	expect(final.status).toBe('success');
	expect(final.outputs['Place Call'][0].json).toMatchObject({ provider: 'telnyx', callId, status: 'completed', answered: true, durationSeconds: 12, correlation: { orderId: 7 } });
});
