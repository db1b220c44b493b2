// End to end: the Telnyx node dials a scripted callee in the simulator, the Telnyx Trigger
// receives the signed webhooks through n8n-core's WebhookContext, and the workflow drives the
// call (answer → AI Gather of two fields → hang up), plus the unhappy paths.
import { startTriggerServer, type TriggerServer, type WebhookResult } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { runTelnyx, triggerNode } from './helpers.cts';

let simulator: RunningSimulator;
let trigger: TriggerServer;

const EVENTS = ['call.answered', 'call.ai_gather.ended', 'call.conversation.ended', 'call.hangup'];

beforeAll(async () => {
	simulator = await startSimulator();
	// The call moves only when a test steps the clock, so "still ringing" or "inside the
	// dial-limit window" lasts exactly as long as the test needs it.
	simulator.sim.clock.hold();
	trigger = await startTriggerServer({ nodes: [triggerNode(EVENTS)] }, { triggerNode: 'Telnyx Trigger', credentials: { telnyxApi: simulator.telnyx.credentials() } });
	await trigger.activate();
});
afterAll(async () => {
	await trigger.stop();
	await simulator.stop();
});

function dialParameters(to: string, options: Record<string, unknown> = {}) {
	return { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to, options: { webhookUrl: trigger.webhookUrl, ...options } };
}

/**
 * The trigger's delivery of `eventType` for a call: steps the clock until the simulator has
 * sent the event (and no further), then waits for the delivery to arrive over HTTP.
 */
async function delivered(callControlId: string, eventType: string): Promise<WebhookResult> {
	await simulator.telnyx.waitForEvent(callControlId, eventType);
	const deadline = Date.now() + 20000;
	for (;;) {
		const found = trigger.deliveries.find((d) => d.triggerItems[0]?.json.callControlId === callControlId && d.triggerItems[0]?.json.eventType === eventType);
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`The trigger did not receive ${eventType}`);
		await trigger.waitForDeliveries(trigger.deliveries.length + 1, deadline - Date.now()).catch(() => undefined);
	}
}

describe('happy path', () => {
	it('dials, answers, collects two fields with AI Gather through the trigger, and hangs up', async () => {
		simulator.telnyx.callee('+14155550123', { answer: 'answer', ringMs: 300, fields: { name: 'Ana Lima', age: '29' } });
		const dial = await runTelnyx(simulator, dialParameters('(415) 555-0123', { defaultCountry: 'US', clientState: '{"orderId":42}' }));
		expect(dial.errors).toEqual({});
		const placed = dial.outputs.Telnyx[0].json;
		expect(placed).toMatchObject({ to: '+14155550123', from: '+14155550100', isAlive: false, clientState: '{"orderId":42}' });
		expect(placed.callControlId).toMatch(/^v3:/);
		expect(placed.callLegId).toEqual(expect.any(String));
		expect(placed.callSessionId).toEqual(expect.any(String));
		const sentDial = simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as Record<string, unknown>;
		expect(sentDial.client_state).toBe(Buffer.from('{"orderId":42}').toString('base64'));
		expect(sentDial.command_id).toMatch(/^[0-9a-f-]{36}$/);

		const answered = await delivered(String(placed.callControlId), 'call.answered');
		expect(answered.status).toBe(200);
		expect(answered.workflowStarted).toBe(true);
		expect(answered.triggerItems[0].json).toMatchObject({ clientState: { orderId: 42 }, to: '+14155550123', deliveryAttempt: 1 });

		const gather = await runTelnyx(simulator, {
			operation: 'gatherUsingAi',
			callControlId: String(answered.triggerItems[0].json.callControlId),
			schemaMode: 'fields',
			fields: { field: [
				{ name: 'name', type: 'string', description: 'full name', required: true },
				{ name: 'age', type: 'integer', description: 'age in years', required: true },
			] },
			greeting: 'Hi! A few quick questions.',
			voice: 'Telnyx.KokoroTTS.af',
			options: { sendPartialResults: true },
		});
		expect(gather.errors).toEqual({});
		expect(gather.outputs.Telnyx[0].json).toMatchObject({ result: 'ok', command: 'gather_using_ai', conversationId: expect.any(String) });
		const sentGather = simulator.sim.requestsTo('POST', /gather_using_ai$/).at(-1)!.body as Record<string, unknown>;
		expect(sentGather.parameters).toEqual({
			type: 'object',
			properties: { name: { type: 'string', description: 'full name' }, age: { type: 'integer', description: 'age in years' } },
			required: ['name', 'age'],
		});

		const ended = await delivered(String(placed.callControlId), 'call.ai_gather.ended');
		expect(ended.triggerItems[0].json).toMatchObject({ status: 'valid', result: { name: 'Ana Lima', age: 29 }, clientState: { orderId: 42 } });
		expect(ended.triggerItems[0].json.messageHistory).toEqual(expect.arrayContaining([{ role: 'user', content: 'Ana Lima' }]));
		// Partial results were not selected in the trigger: acknowledged, not started.
		const partial = simulator.sim.webhooks.deliveries.find((d) => d.body.includes('call.ai_gather.partial_results'));
		expect(partial?.status).toBe(200);

		const hangup = await runTelnyx(simulator, { operation: 'hangup', callControlId: String(placed.callControlId) });
		expect(hangup.outputs.Telnyx[0].json).toMatchObject({ result: 'ok', command: 'hangup' });
		const hungUp = await delivered(String(placed.callControlId), 'call.hangup');
		expect(hungUp.triggerItems[0].json).toMatchObject({ hangupCause: 'normal_clearing', hangupSource: 'caller' });

		const status = await runTelnyx(simulator, { operation: 'get', callControlId: String(placed.callControlId) });
		expect(status.outputs.Telnyx[0].json).toMatchObject({ isAlive: false, startTime: expect.any(String), endTime: expect.any(String), durationSeconds: expect.any(Number) });
	});
});

describe('unhappy paths', () => {
	it('a busy callee ends with call.hangup user_busy and no call.answered', async () => {
		simulator.telnyx.callee('+14155550124', { answer: 'busy', ringMs: 100 });
		const dial = await runTelnyx(simulator, dialParameters('+14155550124'));
		const id = String(dial.outputs.Telnyx[0].json.callControlId);
		expect((await delivered(id, 'call.hangup')).triggerItems[0].json).toMatchObject({ hangupCause: 'user_busy', hangupSource: 'callee' });
		expect(simulator.telnyx.eventTypes(id)).not.toContain('call.answered');
	});

	it('an unanswered call times out after the ring timeout', async () => {
		simulator.telnyx.callee('+14155550125', { answer: 'no-answer' });
		const dial = await runTelnyx(simulator, dialParameters('+14155550125', { timeoutSecs: 5, retryOnTimeout: false }));
		const id = String(dial.outputs.Telnyx[0].json.callControlId);
		expect((await delivered(id, 'call.hangup')).triggerItems[0].json.hangupCause).toBe('no_answer');
		expect((simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as Record<string, unknown>).timeout_secs).toBe(5);
	});

	it('a command before answer and after hang-up gets a message that says so', async () => {
		simulator.telnyx.callee('+14155550126', { answer: 'answer', ringMs: 100_000 });
		const dial = await runTelnyx(simulator, dialParameters('+14155550126'));
		const id = String(dial.outputs.Telnyx[0].json.callControlId);
		const early = await runTelnyx(simulator, { operation: 'speak', callControlId: id, payload: 'Hello', voice: 'Telnyx.KokoroTTS.af' });
		expect(early.errors.Telnyx.message).toContain('Telnyx error 90034 (HTTP 422): Call not answered yet');
		expect(early.errors.Telnyx.description).toMatch(/Item 0: The call is not answered yet: wait for the call.answered event/);

		await runTelnyx(simulator, { operation: 'hangup', callControlId: id });
		const late = await runTelnyx(simulator, { operation: 'gather', callControlId: id });
		expect(late.errors.Telnyx.message).toContain('Telnyx error 90018 (HTTP 422): Call has already ended');
		expect(late.errors.Telnyx.description).toContain('The call has already ended (hung up)');
	});

	it('a 429 on dial asking for longer than the Maximum Rate-Limit Wait reports the dial rate limit and the wait, and the next item goes on', async () => {
		simulator.telnyx.limitDials(1, 60_000);
		try {
			// One at a time, so item 0 is the dial the limit lets through.
			const options = { maxRateLimitWait: 30, concurrency: 1 };
			const dial = await runTelnyx(simulator, dialParameters('={{ $json.to }}', options), [{ json: { to: '+14155550127' } }, { json: { to: '+14155550128' } }], { onError: 'continueRegularOutput' });
			const [first, second] = dial.outputs.Telnyx;
			expect(first.json.callControlId).toMatch(/^v3:/);
			expect(second.json.error).toContain('Telnyx error 90103 (HTTP 429)');
			expect(second.json.description).toMatch(/Item 1: Telnyx limits how many calls.*Wait \d+ s before trying again/);
			expect(second.json.description).toContain('would pass the Maximum Rate-Limit Wait (30 s)');
			expect(second.pairedItem).toEqual({ item: 1 });
		} finally {
			simulator.telnyx.limitDials();
		}
	});

	it('a reset connection on a command resends the same command_id and the command runs exactly once', async () => {
		simulator.telnyx.callee('+14155550129', { answer: 'answer', ringMs: 50 });
		const dial = await runTelnyx(simulator, dialParameters('+14155550129'));
		const id = String(dial.outputs.Telnyx[0].json.callControlId);
		await simulator.telnyx.waitForEvent(id, 'call.answered');
		const speakPath = new RegExp(`^/v2/calls/${encodeURIComponent(id)}/actions/speak$`);
		simulator.sim.faults.add({ method: 'POST', path: speakPath, kind: 'reset-after' });
		const speak = await runTelnyx(simulator, { operation: 'speak', callControlId: id, payload: 'Your code is 1 2 3', voice: 'AWS.Polly.Joanna-Neural' });
		expect(speak.errors).toEqual({});
		const sent = simulator.sim.requestsTo('POST', speakPath).map((r) => (r.body as Record<string, unknown>).command_id);
		expect(sent).toHaveLength(2);
		expect(sent[0]).toBe(sent[1]);
		expect(speak.outputs.Telnyx[0].json.commandId).toBe(sent[0]);
		const [call] = simulator.telnyx.callsTo('+14155550129');
		expect(call.executed.filter((c) => c.action === 'speak')).toHaveLength(1);
	});

	it('a reset connection on dial places exactly one call', async () => {
		simulator.telnyx.callee('+14155550130', { answer: 'busy' });
		simulator.sim.faults.add({ method: 'POST', path: '/v2/calls', kind: 'reset-after' });
		const dial = await runTelnyx(simulator, dialParameters('+14155550130'));
		expect(dial.errors).toEqual({});
		expect(simulator.telnyx.callsTo('+14155550130')).toHaveLength(1);
		expect(dial.outputs.Telnyx[0].json.callControlId).toBe(simulator.telnyx.callsTo('+14155550130')[0].callControlId);
	});

	it('a bad phone number fails its item with the field and the fix; the other items go on', async () => {
		simulator.telnyx.callee('+14155550131', { answer: 'busy' });
		const before = simulator.sim.requestsTo('POST', '/v2/calls').length;
		const dial = await runTelnyx(simulator, dialParameters('={{ $json.to }}'), [{ json: { to: '+1 415 555' } }, { json: { to: '+14155550131' } }], { onError: 'continueRegularOutput' });
		const [bad, good] = dial.outputs.Telnyx;
		expect(bad.json.error).toBe('To: Invalid phone number "+1 415 555": it is not a valid number for country code +1');
		expect(bad.json.description).toBe('Item 0, field "To": Check the number of digits and the country code.');
		expect(good.json.callControlId).toMatch(/^v3:/);
		expect(simulator.sim.requestsTo('POST', '/v2/calls').length).toBe(before + 1);
	});

	it('without Continue On Fail a bad number stops the node with the item named', async () => {
		const dial = await runTelnyx(simulator, dialParameters('call me maybe'));
		expect(dial.status).toBe('error');
		expect(dial.errors.Telnyx).toMatchObject({ message: expect.stringContaining('it contains letters'), itemIndex: 0 });
	});

	it('dials several targets when To holds a list', async () => {
		const dial = await runTelnyx(simulator, dialParameters('+14155550132, +14155550133'));
		expect(dial.outputs.Telnyx[0].json.to).toEqual(['+14155550132', '+14155550133']);
		expect(simulator.telnyx.callsTo('+14155550133')).toHaveLength(1);
	});
});
