// An inbound voice menu end to end: someone calls the application's number, the Telnyx Trigger
// (the application's webhook URL) receives call.initiated with direction incoming, and the
// workflow's Telnyx nodes answer, speak the menu and collect a key, then transfer to sales
// (key 1) or take a message with AI Gather and hang up (key 2). Each node runs when the event
// it waits for has arrived at the trigger, on a held clock, so no step depends on machine speed.
import { startTriggerServer, type TriggerServer, type WebhookResult } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { runTelnyx, triggerNode } from './helpers.cts';

const APP = '2001';
const OUR_NUMBER = '+14155550100';
const SALES = '+14155550111';
const EVENTS = ['call.initiated', 'call.answered', 'call.gather.ended', 'call.ai_gather.ended', 'call.bridged', 'call.hangup'];

let simulator: RunningSimulator;
let trigger: TriggerServer;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	trigger = await startTriggerServer({ nodes: [triggerNode(EVENTS)] }, { triggerNode: 'Telnyx Trigger', credentials: { telnyxApi: simulator.telnyx.credentials() } });
	await trigger.activate();
	// The application's webhook URL is the trigger's URL: inbound calls arrive there.
	simulator.telnyx.connection(APP, { webhookUrl: trigger.webhookUrl });
});
afterAll(async () => {
	await trigger.stop();
	await simulator.stop();
});

/** Steps the clock to the call's `eventType` and returns the trigger's item for it, once the trigger has answered. */
async function delivered(callControlId: string, eventType: string): Promise<Record<string, unknown>> {
	await simulator.telnyx.waitForEvent(callControlId, eventType);
	const deadline = Date.now() + 20000;
	const find = (): WebhookResult | undefined => trigger.deliveries.find((d) => d.triggerItems[0]?.json.callControlId === callControlId && d.triggerItems[0]?.json.eventType === eventType);
	while (!find()) {
		if (Date.now() > deadline) throw new Error(`The trigger did not receive ${eventType}`);
		await trigger.waitForDeliveries(trigger.deliveries.length + 1, deadline - Date.now()).catch(() => undefined);
	}
	const found = find()!;
	expect(found.status).toBe(200);
	expect(found.workflowStarted).toBe(true);
	return found.triggerItems[0].json as Record<string, unknown>;
}

/** A caller dials in; the trigger's call.initiated item; Answer; call.answered; the spoken menu. */
async function answerAndAsk(from: string, script: Record<string, unknown>): Promise<string> {
	const call = simulator.telnyx.inboundCall({ connectionId: APP, from, to: OUR_NUMBER, script });
	const initiated = await delivered(call.callControlId, 'call.initiated');
	expect(initiated).toMatchObject({ direction: 'incoming', state: 'parked', from, to: OUR_NUMBER, connectionId: APP });
	const id = String(initiated.callControlId);

	const answer = await runTelnyx(simulator, { operation: 'answer', callControlId: id, options: { clientState: '{"menu":"main"}' } });
	expect(answer.errors).toEqual({});
	expect(answer.outputs.Telnyx[0].json).toMatchObject({ command: 'answer', result: 'ok', callControlId: id });
	const answered = await delivered(id, 'call.answered');
	expect(answered.clientState).toEqual({ menu: 'main' });

	const menu = await runTelnyx(simulator, {
		operation: 'gatherUsingSpeak',
		callControlId: String(answered.callControlId),
		payload: 'Thanks for calling. Press 1 for sales, or 2 to leave a message.',
		voice: 'Telnyx.KokoroTTS.af',
		options: { validDigits: '12', maximumDigits: 1, terminatingDigit: '' },
	});
	expect(menu.errors).toEqual({});
	return id;
}

it('key 1: inbound call → Answer → Gather Using Speak → Transfer to sales, bridged; the caller hangs up and both legs end', async () => {
	simulator.telnyx.callee(SALES, { answer: 'answer', ringMs: 1500 });
	const id = await answerAndAsk('+14155550181', { digits: '1', hangUpAfterMs: 120_000 });
	const choice = await delivered(id, 'call.gather.ended');
	expect(choice).toMatchObject({ digits: '1', status: 'valid', clientState: { menu: 'main' } });

	const transfer = await runTelnyx(simulator, { operation: 'transfer', callControlId: id, to: SALES, options: { targetLegClientState: '{"from":"menu"}' } });
	expect(transfer.errors).toEqual({});
	const [sales] = simulator.telnyx.callsTo(SALES);
	const bridged = await delivered(id, 'call.bridged');
	expect(bridged.callControlId).toBe(id);
	const salesBridged = await delivered(sales.callControlId, 'call.bridged');
	expect(salesBridged.clientState).toEqual({ from: 'menu' });

	// The caller hangs up (script), and the bridged sales leg is hung up with it.
	const callerGone = await delivered(id, 'call.hangup');
	expect(callerGone).toMatchObject({ hangupCause: 'normal_clearing', hangupSource: 'caller' });
	expect((await delivered(sales.callControlId, 'call.hangup')).hangupCause).toBe('normal_clearing');
});

it('key 2: inbound call → Answer → Gather Using Speak → AI Gather of a message → Hang Up', async () => {
	const id = await answerAndAsk('+14155550182', { digits: '2', fields: { name: 'Ana Lima', message: 'Please call me back about my order' } });
	const choice = await delivered(id, 'call.gather.ended');
	expect(choice).toMatchObject({ digits: '2', status: 'valid' });

	const gather = await runTelnyx(simulator, {
		operation: 'gatherUsingAi',
		callControlId: id,
		schemaMode: 'fields',
		fields: { field: [
			{ name: 'name', type: 'string', description: 'your name', required: true },
			{ name: 'message', type: 'string', description: 'your message', required: true },
		] },
		greeting: 'Please tell me your name and your message.',
		voice: 'Telnyx.KokoroTTS.af',
	});
	expect(gather.errors).toEqual({});
	const message = await delivered(id, 'call.ai_gather.ended');
	expect(message).toMatchObject({ status: 'valid', result: { name: 'Ana Lima', message: 'Please call me back about my order' } });

	const hangup = await runTelnyx(simulator, { operation: 'hangup', callControlId: id });
	expect(hangup.errors).toEqual({});
	expect(await delivered(id, 'call.hangup')).toMatchObject({ hangupCause: 'normal_clearing', hangupSource: 'callee' });
	expect(simulator.telnyx.eventTypes(id)).toEqual(['call.initiated', 'call.answered', 'call.dtmf.received', 'call.gather.ended', 'call.ai_gather.ended', 'call.conversation.ended', 'call.hangup']);
});

it('an unwanted caller is rejected without answering: call.hangup call_rejected, no call.answered', async () => {
	const call = simulator.telnyx.inboundCall({ connectionId: APP, from: '+14155550183', to: OUR_NUMBER });
	const initiated = await delivered(call.callControlId, 'call.initiated');
	const reject = await runTelnyx(simulator, { operation: 'reject', callControlId: String(initiated.callControlId), cause: 'CALL_REJECTED' });
	expect(reject.errors).toEqual({});
	expect(await delivered(call.callControlId, 'call.hangup')).toMatchObject({ hangupCause: 'call_rejected' });
	expect(simulator.telnyx.eventTypes(call.callControlId)).not.toContain('call.answered');
});
