// Telnyx Trigger in Call Outcome mode, the second half of the two-workflow pattern: calls
// placed with a Client State end in the one outcome shape, once each, with that state back
// as correlation; every other event is acknowledged and starts nothing. A call placed with
// Wait for Outcome's wrapped state gives the user's state and what the notes gathered.
import type { IDataObject } from 'n8n-workflow';

import { encodeCallState } from '../../nodes/Telnyx/observed.ts';
import { node } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { CREDENTIAL, runTelnyx } from './helpers.cts';

let simulator: RunningSimulator;
let trigger: TriggerServer;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	trigger = await startTriggerServer(
		{
			nodes: [
				node({
					name: 'Telnyx Trigger',
					type: 'n8n-nodes-ai-calls.telnyxTrigger',
					parameters: { output: 'outcome', applicationId: TELNYX_CONNECTION_ID },
					credentials: CREDENTIAL,
				}),
			],
		},
		{ triggerNode: 'Telnyx Trigger', credentials: { telnyxApi: simulator.telnyx.credentials() } },
	);
	// The trigger points the application at itself: calls need no per-call Webhook URL.
	await trigger.activate();
});
afterAll(async () => {
	await trigger.deactivate();
	await trigger.stop();
	await simulator.stop();
});

const outcomes = () => trigger.deliveries.filter((d) => d.workflowStarted).map((d) => d.triggerItems[0].json);

describe('a campaign\'s outcomes through the application\'s URL', () => {
	it('gives one outcome per call (answered, busy, no answer, rejected) with the Client State as correlation', async () => {
		simulator.telnyx.callee('+14155550801', { answer: 'answer', ringMs: 100, hangUpAfterMs: 300 });
		simulator.telnyx.callee('+14155550802', { answer: 'busy', ringMs: 100 });
		simulator.telnyx.callee('+14155550803', { answer: 'no-answer' });
		simulator.telnyx.callee('+14155550804', { answer: 'reject', ringMs: 100 });
		const items = ['801', '802', '803', '804'].map((n, i) => ({ json: { to: `+14155550${n}`, leadId: `L-${i + 1}` } }));
		const placed = await runTelnyx(
			simulator,
			{
				operation: 'dial',
				connectionId: TELNYX_CONNECTION_ID,
				from: '+14155550100',
				to: '={{ $json.to }}',
				options: { clientState: '={{ JSON.stringify({ leadId: $json.leadId, campaign: "spring" }) }}', timeoutSecs: 5, retryOnTimeout: false },
			},
			items,
		);
		const ids = placed.outputs.Telnyx.map((item) => String(item.json.callControlId));
		for (const id of ids) await simulator.telnyx.waitForEvent(id, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const byCall = new Map(outcomes().map((o) => [o.callId, o]));
		expect(ids.map((id) => byCall.get(id))).toEqual([
			expect.objectContaining({ provider: 'telnyx', status: 'completed', answered: true, correlation: { leadId: 'L-1', campaign: 'spring' } }),
			expect.objectContaining({ status: 'busy', answered: false, durationSeconds: 0, correlation: { leadId: 'L-2', campaign: 'spring' } }),
			expect.objectContaining({ status: 'no_answer', answered: false, correlation: { leadId: 'L-3', campaign: 'spring' } }),
			expect.objectContaining({ status: 'failed', answered: false, correlation: { leadId: 'L-4', campaign: 'spring' } }),
		]);
		const answered = byCall.get(ids[0])!;
		expect(answered).toMatchObject({ startedAt: expect.any(String), endedAt: expect.any(String), reason: expect.stringContaining('normal_clearing') });
		// One execution per call: every other event (initiated, answered…) was acknowledged and started nothing.
		expect(outcomes().filter((o) => ids.includes(String(o.callId)))).toHaveLength(4);
		const ignored = trigger.deliveries.filter((d) => !d.workflowStarted);
		expect(ignored.length).toBeGreaterThanOrEqual(4);
		expect(ignored.every((d) => d.status === 200 && (d.body as IDataObject).received === true)).toBe(true);
	});
});

describe('state written by Wait for Outcome', () => {
	it('unwraps the user\'s state and reads the gathered notes from a signed call.hangup', async () => {
		const encoded = encodeCallState('{"leadId":"L-77"}', { a: Date.parse('2026-11-23T08:00:00Z'), d: '42', ds: 'valid', f: { city: 'Paris' }, fs: 'valid' });
		if (!('clientState' in encoded)) throw new Error(encoded.reason);
		const body = JSON.stringify({
			data: {
				record_type: 'event',
				event_type: 'call.hangup',
				id: '11111111-2222-4333-8444-555555555555',
				occurred_at: '2026-11-23T08:01:00.000000Z',
				payload: { call_control_id: 'v3:wrapped', connection_id: TELNYX_CONNECTION_ID, client_state: encoded.clientState, hangup_cause: 'normal_clearing', hangup_source: 'callee', sip_hangup_cause: '200' },
			},
			meta: { attempt: 1, delivered_to: trigger.webhookUrl },
		});
		const before = trigger.deliveries.length;
		await fetch(trigger.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(body) }, body });
		const [delivery] = (await trigger.waitForDeliveries(before + 1)).slice(before);
		expect(delivery.triggerItems[0].json).toMatchObject({
			provider: 'telnyx',
			callId: 'v3:wrapped',
			status: 'completed',
			answered: true,
			startedAt: '2026-11-23T08:00:00.000Z',
			durationSeconds: 60,
			gathered: { digits: '42', digitsStatus: 'valid', fields: { city: 'Paris' }, fieldsStatus: 'valid' },
			correlation: { leadId: 'L-77' },
		});
	});
});
