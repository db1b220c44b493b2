// Wait for Outcome's guards: a forged or replayed delivery never resumes, a timeout is
// recognisable downstream, Stop ends the wait, and several items are refused up front.
import { randomBytes } from 'node:crypto';
import type { INode, INodeParameters } from 'n8n-workflow';

import { startWaitingServer, type WaitingServer } from '../harness/waiting.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';
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

function placeCall(to: string, options: INodeParameters = {}): INode {
	return telnyxNode('Place Call', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to, waitForOutcome: true, maxWaitMinutes: 5, options });
}
const after = telnyxNode('After', { operation: 'get', callControlId: '={{ $json.callId }}' });
const workflow = (call: INode) => ({ nodes: [call, after], connections: { 'Place Call': { main: [[{ node: 'After', type: 'main' as const, index: 0 }]] } } });

async function startWaiting(call: INode) {
	const execution = await waiting.run(workflow(call), { input: [{ json: { patient: 'Ana' } }] });
	expect(execution.first.status).toBe('waiting');
	return { execution, callId: String(execution.first.outputs['Place Call'][0].json.callId) };
}

/** Posts the exact bytes and headers of a delivery the simulator made (or forged ones). */
async function post(url: string, body: string, headers: Record<string, string>) {
	const response = await fetch(url, { method: 'POST', body, headers });
	return { status: response.status, body: await response.text() };
}

const deliveryOf = (callId: string, eventType: string) =>
	simulator.sim.webhooks.deliveries.find((d) => d.body.includes(`"event_type":"${eventType}"`) && d.body.includes(callId))!;

describe('Telnyx Wait for Outcome: forged, replayed, timeout, Stop, several items', () => {
	it('a forged call.hangup (signed with another key) gets 401 and does not resume; the real one does', async () => {
		simulator.telnyx.callee('+14155550301', { answer: 'busy', ringMs: 1000 });
		const { execution, callId } = await startWaiting(placeCall('+14155550301'));
		await simulator.telnyx.waitForEvent(callId, 'call.initiated');
		await simulator.sim.deliveriesDone();
		const initiated = deliveryOf(callId, 'call.initiated');
		// Same URL (with the right token), a hang-up body, but not Telnyx's signature.
		const forgedBody = initiated.body.replace('"call.initiated"', '"call.hangup"').replace('"payload":{', '"payload":{"hangup_cause":"normal_clearing",');
		const forged = await post(initiated.url, forgedBody, { 'content-type': 'application/json', ...new TelnyxSigner(randomBytes(32)).sign(forgedBody) });
		expect(forged.status).toBe(401);
		// The caller is not told why (the reason goes to n8n's log).
		expect(JSON.parse(forged.body)).toEqual({ error: 'Invalid signature' });
		// A genuine signed delivery for which n8n kept no raw body is refused too: a re-serialised
		// body is never what is verified (fails closed).
		const noRaw = await post(initiated.url, initiated.body, { 'content-type': 'application/json', 'x-harness-no-raw-body': '1', ...simulator.telnyx.signer.sign(initiated.body) });
		expect(noRaw.status).toBe(401);
		// A body altered after signing fails the same way.
		const tampered = await post(initiated.url, forgedBody, { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(initiated.body) });
		expect(tampered.status).toBe(401);
		// Without the resume token n8n itself refuses.
		const noToken = await post(initiated.url.replace(/signature=[0-9a-f]+/, 'signature=0'), initiated.body, { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(initiated.body) });
		expect(noToken.status).toBe(401);
		expect(execution.status()).toBe('waiting');

		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const final = await execution.resumed();
		expect(final.outputs['Place Call'][0].json).toMatchObject({ status: 'busy', callId });
	});

	it('a replayed call.answered neither resumes nor undoes later notes; a replayed hang-up after the end gets 409', async () => {
		simulator.telnyx.callee('+14155550302', { answer: 'voicemail', ringMs: 300, hangUpAfterMs: 20_000 });
		const { execution, callId } = await startWaiting(placeCall('+14155550302', { answeringMachineDetection: 'detect' }));
		await simulator.telnyx.waitForEvent(callId, 'call.machine.detection.ended');
		await simulator.sim.deliveriesDone();
		const answered = deliveryOf(callId, 'call.answered');
		// The replay carries the client_state from before the machine-detection note.
		const replay = await post(answered.url, answered.body, answered.headers);
		expect(replay.status).toBe(200);
		expect(execution.status()).toBe('waiting');
		const [call] = simulator.telnyx.callsTo('+14155550302');
		expect(call.executed.filter((c) => c.action === 'client_state_update')).toHaveLength(2);

		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const final = await execution.resumed();
		expect(final.outputs['Place Call'][0].json).toMatchObject({ status: 'voicemail', answered: true });
		const hangup = deliveryOf(callId, 'call.hangup');
		const again = await post(hangup.url, hangup.body, { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(hangup.body) });
		expect(again.status).toBe(409);
	});

	it('past the Maximum Wait the item comes out with status timeout, paired, and the next node runs', async () => {
		// The callee talks past the 5-minute Maximum Wait.
		simulator.telnyx.callee('+14155550303', { answer: 'answer', ringMs: 300, hangUpAfterMs: 400_000 });
		const { execution, callId } = await startWaiting(placeCall('+14155550303', { clientState: '{"lead":7}' }));
		await simulator.telnyx.waitForEvent(callId, 'call.answered');
		await simulator.sim.deliveriesDone();
		expect(execution.waitTill()!.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
		// What n8n's wait tracker does once waitTill has passed.
		const final = await execution.timeout();
		expect(final.status).toBe('success');
		const [item] = final.outputs['Place Call'];
		expect(item.json).toMatchObject({ provider: 'telnyx', callId, status: 'timeout', correlation: { lead: 7 } });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.reason).toContain('Maximum Wait of 300 s');
		expect(final.outputs.After[0].json).toMatchObject({ callControlId: callId, isAlive: true });
		// The call's later events find the execution finished.
		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		expect(deliveryOf(callId, 'call.hangup').status).toBe(409);
	});

	it('Stop on the waiting execution ends the wait: it never resumes', async () => {
		simulator.telnyx.callee('+14155550304', { answer: 'answer', ringMs: 300, hangUpAfterMs: 5000 });
		const { execution, callId } = await startWaiting(placeCall('+14155550304'));
		const stopped = await execution.stop();
		expect(stopped.status).toBe('canceled');
		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		expect(execution.status()).toBe('canceled');
		expect(deliveryOf(callId, 'call.hangup').status).toBe(409);
	});

	it('several items are refused before any call is placed, pointing to the two-workflow pattern', async () => {
		const dials = simulator.sim.requestsTo('POST', '/v2/calls').length;
		const execution = await waiting.run(workflow(placeCall('={{ $json.to }}')), { input: [{ json: { to: '+14155550305' } }, { json: { to: '+14155550306' } }] });
		expect(execution.first.status).toBe('error');
		expect(execution.first.errors['Place Call'].message).toBe('Wait for Outcome takes one item per execution; this run has 2');
		expect(execution.first.errors['Place Call'].description).toContain('a Telnyx Trigger on call.hangup');
		// The error is item 1's, the first one past the one call an execution can wait for, and says so.
		expect(execution.first.errors['Place Call']).toMatchObject({ itemIndex: 1 });
		expect(execution.first.errors['Place Call'].description).toMatch(/^Item 1 \(the second item\) is one more than Wait for Outcome can take, so no call was placed for any of the 2 items\. /);
		expect(simulator.sim.requestsTo('POST', '/v2/calls')).toHaveLength(dials);
		// Under Continue On Fail every item says why, paired, and nothing waits.
		const node = workflow(placeCall('={{ $json.to }}')).nodes[0];
		node.onError = 'continueRegularOutput';
		const onError = await waiting.run({ nodes: [node] }, { input: [{ json: { to: '+14155550305' } }, { json: { to: '+14155550306' } }] });
		expect(onError.first.status).toBe('success');
		expect(onError.first.outputs['Place Call'].map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Wait for Outcome takes one item per execution; this run has 2', { item: 0 }],
			['Wait for Outcome takes one item per execution; this run has 2', { item: 1 }],
		]);
		expect(onError.first.outputs['Place Call'].map((item) => String(item.json.description).split('.')[0])).toEqual([
			'Item 0: not placed, like every item of this run (2 items, one allowed)',
			'Item 1: not placed, like every item of this run (2 items, one allowed)',
		]);
		expect(simulator.sim.requestsTo('POST', '/v2/calls')).toHaveLength(dials);
	});

	it('refuses several numbers in To and a Webhook URL of its own', async () => {
		const several = await waiting.run(workflow(placeCall('+14155550307, +14155550308')), {});
		expect(several.first.errors['Place Call']).toMatchObject({ message: 'Wait for Outcome needs one number in To', itemIndex: 0 });
		const ownUrl = await waiting.run(workflow(placeCall('+14155550307', { webhookUrl: 'https://example.com/hook' })), {});
		expect(ownUrl.first.errors['Place Call'].description).toContain('remove the options "Webhook URL"');
		expect(simulator.telnyx.callsTo('+14155550307')).toHaveLength(0);
	});
});
