// Runs the README's example workflow (examples/telnyx-inbound-menu.json) as it is, so it never
// rots: each of its four Telnyx Triggers is served on loopback, the Answer node's per-event URLs
// are pointed at them (in n8n: your instance's webhook URLs), and a simulated caller dials in.
// Every step waits for the event that starts it, on a held clock.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode } from 'n8n-workflow';

import type { HarnessWorkflow } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer, type WebhookResult } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

const EXAMPLE = path.resolve(__dirname, '../../examples/telnyx-inbound-menu.json');
const APP = '3001';
const SALES = '+14155550111';
const SUPPORT = '+14155550122';

let simulator: RunningSimulator;
let workflow: HarnessWorkflow;
const servers: Record<string, TriggerServer> = {};

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	// The application starts out pointing elsewhere; activating "Incoming Call" points it at that trigger.
	simulator.telnyx.connection(APP, { webhookUrl: `${simulator.sim.baseUrl}/_telnyx/webhook-sink` });
	const text = readFileSync(EXAMPLE, 'utf8').split('REPLACE_WITH_YOUR_CALL_CONTROL_APPLICATION_ID').join(APP);
	const json = JSON.parse(text) as HarnessWorkflow;
	workflow = { nodes: json.nodes, connections: json.connections };
	const credentials = { telnyxApi: simulator.telnyx.credentials() };
	const triggers = workflow.nodes.filter((node) => node.type === 'n8n-nodes-ai-calls.telnyxTrigger');
	expect(triggers.map((t) => t.name)).toEqual(['Incoming Call', 'Call Answered', 'Menu Choice', 'Details Collected']);
	for (const trigger of triggers) {
		servers[trigger.name] = await startTriggerServer(workflow, { triggerNode: trigger.name, credentials });
		await servers[trigger.name].activate();
	}
	// The example's URLs name n8n.example.com; here each trigger listens on its own loopback port.
	const answer = workflow.nodes.find((node) => node.name === 'Answer') as INode;
	let parameters = JSON.stringify(answer.parameters);
	for (const trigger of triggers) parameters = parameters.replace(`https://n8n.example.com/webhook/${trigger.webhookId}/webhook`, servers[trigger.name].webhookUrl);
	expect(parameters).not.toContain('n8n.example.com');
	answer.parameters = JSON.parse(parameters);
	expect(simulator.telnyx.connections.get(APP)?.webhookUrl).toBe(servers['Incoming Call'].webhookUrl);
	simulator.telnyx.callee(SALES, { answer: 'answer', ringMs: 1000 });
	simulator.telnyx.callee(SUPPORT, { answer: 'answer', ringMs: 1000 });
});
afterAll(async () => {
	for (const server of Object.values(servers)) {
		await server.deactivate();
		await server.stop();
	}
	await simulator.stop();
});

/** Steps the clock to the call's event, then waits until `trigger`'s workflow run for it has finished. */
async function ran(trigger: string, callControlId: string, eventType: string): Promise<WebhookResult> {
	await simulator.telnyx.waitForEvent(callControlId, eventType);
	const server = servers[trigger];
	const deadline = Date.now() + 20000;
	const find = () => server.deliveries.find((d) => d.triggerItems[0]?.json.callControlId === callControlId && d.triggerItems[0]?.json.eventType === eventType);
	while (!find()) {
		if (Date.now() > deadline) throw new Error(`"${trigger}" did not run for ${eventType}`);
		await server.waitForDeliveries(server.deliveries.length + 1, deadline - Date.now()).catch(() => undefined);
	}
	const delivery = find()!;
	expect(delivery.run?.errors).toEqual({});
	expect(delivery.run?.status).toBe('success');
	return delivery;
}

/**
 * Waits until every event the simulator sent has been handled by its trigger (runs included),
 * then checks that no run of any trigger's workflow failed.
 */
async function allRunsSucceeded(): Promise<void> {
	await simulator.sim.deliveriesDone();
	for (const server of Object.values(servers)) {
		const sent = simulator.telnyx.webhooks.events.filter((event) => event.urls.includes(server.webhookUrl)).length;
		await server.waitForDeliveries(sent, 20000);
		const failed = server.deliveries.filter((d) => d.run && (d.run.status !== 'success' || Object.keys(d.run.errors).length > 0));
		expect(failed.map((d) => ({ event: d.triggerItems[0]?.json.eventType, direction: d.triggerItems[0]?.json.direction, errors: d.run?.errors }))).toEqual([]);
	}
}

let inboundCalls = 0;

function lastBody(action: string): Record<string, unknown> {
	return simulator.sim.requestsTo('POST', new RegExp(`/actions/${action}$`)).at(-1)!.body as Record<string, unknown>;
}

it.each([
	['1', 'Sales here.', 'sales', SALES],
	['2', 'Support here.', 'support', SUPPORT],
])('key %s ("%s"): the example answers, speaks the menu, collects name and reason with AI Gather and transfers to %s (%s)', async (key, greeting, department, number) => {
	inboundCalls += 1;
	const call = simulator.telnyx.inboundCall({ connectionId: APP, from: '+14155550190', to: '+14155550100', script: { digits: key, fields: { name: 'Ana Lima', reason: 'a quote for 20 seats' } } });
	const id = call.callControlId;

	const incoming = await ran('Incoming Call', id, 'call.initiated');
	expect(incoming.run!.outputs.Answer[0].json).toMatchObject({ command: 'answer', result: 'ok', callControlId: id });
	expect(lastBody('answer').webhook_urls).toEqual({
		'call.answered': [servers['Call Answered'].webhookUrl],
		'call.gather.ended': [servers['Menu Choice'].webhookUrl],
		'call.ai_gather.ended': [servers['Details Collected'].webhookUrl],
	});

	await ran('Call Answered', id, 'call.answered');
	expect(lastBody('gather_using_speak')).toMatchObject({ payload: 'Thanks for calling Acme. Press 1 for sales, or 2 for support.', valid_digits: '12', maximum_digits: 1, terminating_digit: '' });

	const choice = await ran('Menu Choice', id, 'call.gather.ended');
	expect(choice.triggerItems[0].json).toMatchObject({ digits: key, clientState: { menu: 'main' } });
	const ask = lastBody('gather_using_ai');
	expect(ask.greeting).toBe(`${greeting} May I have your name and the reason for your call?`);
	expect(Buffer.from(String(ask.client_state), 'base64').toString()).toBe(JSON.stringify({ department }));

	const details = await ran('Details Collected', id, 'call.ai_gather.ended');
	expect(details.triggerItems[0].json).toMatchObject({ result: { name: 'Ana Lima', reason: 'a quote for 20 seats' }, clientState: { department } });
	expect(lastBody('transfer')).toMatchObject({ to: number, target_leg_client_state: Buffer.from(JSON.stringify({ caller: 'Ana Lima', reason: 'a quote for 20 seats' })).toString('base64') });

	const leg = simulator.telnyx.callsTo(number).at(-1)!;
	await simulator.telnyx.waitForEvent(leg.callControlId, 'call.bridged');
	expect(simulator.telnyx.eventTypes(id)).toContain('call.bridged');
	// Hanging up one side ends the other (the bridged leg follows).
	simulator.telnyx.lifecycle.end(simulator.telnyx.calls.get(id)!, 'normal_clearing', 'caller', '16');
	await simulator.telnyx.waitForEvent(leg.callControlId, 'call.hangup');

	// The transfer's own leg is a new (outgoing) call on the application: its call.initiated goes
	// to the application's URL, the Incoming Call trigger, which must not start for it.
	const legInitiated = simulator.telnyx.webhooks.events.find((e) => e.callControlId === leg.callControlId && e.eventType === 'call.initiated')!;
	expect(legInitiated.payload.direction).toBe('outgoing');
	expect(legInitiated.urls).toEqual([servers['Incoming Call'].webhookUrl]);
	await allRunsSucceeded();
	const starts = servers['Incoming Call'].deliveries.filter((d) => d.workflowStarted).map((d) => d.triggerItems[0].json.callControlId);
	expect(starts.filter((started) => started === id)).toHaveLength(1);
	expect(starts).toHaveLength(inboundCalls);
	expect(servers['Incoming Call'].deliveries.filter((d) => (d.body as { ignored?: string }).ignored === 'call.initiated (outgoing)')).toHaveLength(inboundCalls);
});
