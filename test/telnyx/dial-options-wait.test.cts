// Place Call's webhook options with Wait for Outcome: the node's resume URL takes POST only, so a
// Webhook URL Method of the user's is not sent, and Wait for Outcome's retry policies win for its
// events while the user's policies for other events are kept.
import { startWaitingServer, type WaitingServer } from '../harness/waiting.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { telnyxNode } from './helpers.cts';

let simulator: RunningSimulator;
let waiting: WaitingServer;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	waiting = await startWaitingServer({ telnyxApi: simulator.telnyx.credentials() });
});
afterAll(async () => {
	await waiting.stop();
	await simulator.stop();
});

it('drops Webhook URL Method and merges retry policies under Wait for Outcome', async () => {
	simulator.telnyx.callee('+14155550301', { answer: 'busy', ringMs: 500 });
	const node = telnyxNode('Place Call', {
		operation: 'dial',
		connectionId: TELNYX_CONNECTION_ID,
		from: '+14155550100',
		to: '+14155550301',
		waitForOutcome: true,
		maxWaitMinutes: 10,
		options: {
			webhookUrlMethod: 'GET',
			webhookRetries: { policy: [{ event: 'call.recording.saved', retriesMs: '250' }, { event: 'call.hangup', retriesMs: '100' }] },
		},
	});
	const execution = await waiting.run({ nodes: [node] }, { input: [{ json: {} }] });
	expect(execution.first.errors).toEqual({});
	const body = simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as Record<string, unknown>;
	expect(body).not.toHaveProperty('webhook_url_method');
	const policies = body.webhook_retries_policies as Record<string, { retries_ms: number[] }>;
	expect(policies['call.recording.saved']).toEqual({ retries_ms: [250] });
	expect(policies['call.hangup'].retries_ms).not.toEqual([100]);
	const callId = String(execution.first.outputs['Place Call'][0].json.callId);
	await simulator.telnyx.waitForEvent(callId, 'call.hangup');
	await simulator.sim.deliveriesDone();
	expect((await execution.resumed()).status).toBe('success');
});
