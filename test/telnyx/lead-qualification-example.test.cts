// examples/telnyx-lead-qualification-{a-place-calls,b-qualified-leads}.json as shipped, run whole
// in n8n's engine against the simulator (their n8n-nodes-base nodes as the harness's stand-ins):
// A places one call per lead with the lead in Client State; B's trigger (registered on the
// application) asks the qualification questions with AI Gather when a lead answers, and when
// the gather ends hangs up and writes a lead row, routed by its If node to sales or nurture;
// every call's hang-up writes a call-log row (also for a lead who did not answer).
// The simulated leads answer differently (qualified, too small, one answer missing, busy).
// The clock is held and each step waits for the event and the run it needs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnections, INode, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer, type WebhookResult } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

type Workflow = { nodes: INode[]; connections: IConnections };
const load = (name: string): Workflow => {
	const text = readFileSync(path.resolve(__dirname, '../../examples', name), 'utf8');
	// The ID placeholder becomes the simulator's application.
	return JSON.parse(text.split('REPLACE_WITH_YOUR_CALL_CONTROL_APPLICATION_ID').join(TELNYX_CONNECTION_ID)) as Workflow;
};
const a = load('telnyx-lead-qualification-a-place-calls.json');
const b = load('telnyx-lead-qualification-b-qualified-leads.json');
const leads = new Function(String(a.nodes.find((n) => n.name === 'Leads')!.parameters.jsCode))() as INodeExecutionData[];
const phone = (i: number) => String(leads[i].json.phone);

let simulator: RunningSimulator;
let trigger: TriggerServer;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	simulator.telnyx.connection(TELNYX_CONNECTION_ID, { webhookUrl: `${simulator.sim.baseUrl}/_telnyx/webhook-sink` });
	const credentials = { telnyxApi: simulator.telnyx.credentials() };
	trigger = await startTriggerServer(b, { triggerNode: 'Call Events', credentials });
	await trigger.activate();
	simulator.telnyx.callee(phone(0), { answer: 'answer', ringMs: 1000, fields: { budget: 50000, timelineMonths: 3, decisionMaker: true } });
	simulator.telnyx.callee(phone(1), { answer: 'answer', ringMs: 3000, fields: { budget: 4000, timelineMonths: 12, decisionMaker: false } });
	simulator.telnyx.callee(phone(2), { answer: 'busy', ringMs: 5000 });
	// Will not say whether they decide: the gather ends "invalid" without that field.
	simulator.telnyx.callee(phone(3), { answer: 'answer', ringMs: 7000, fields: { budget: 20000, timelineMonths: 2 } });
});
afterAll(async () => {
	await trigger.deactivate();
	await trigger.stop();
	await simulator.stop();
});

/** Waits for B's finished run on this call's event (the trigger answers first, then runs the workflow). */
async function ran(callControlId: string, eventType: string): Promise<WebhookResult> {
	await simulator.telnyx.waitForEvent(callControlId, eventType);
	const find = () => trigger.deliveries.find((d) => d.triggerItems[0]?.json.callControlId === callControlId && d.triggerItems[0]?.json.eventType === eventType);
	const deadline = Date.now() + 20000;
	while (!find()) {
		if (Date.now() > deadline) throw new Error(`Workflow B did not run for ${eventType} of ${callControlId}`);
		await trigger.waitForDeliveries(trigger.deliveries.length + 1, deadline - Date.now()).catch(() => undefined);
	}
	const delivery = find()!;
	expect(delivery.run?.errors).toEqual({});
	expect(delivery.run?.status).toBe('success');
	return delivery;
}

it('A calls each lead once; B asks who answers, routes the gathered answers to sales or nurture, and logs every call', async () => {
	expect(simulator.telnyx.connections.get(TELNYX_CONNECTION_ID)?.webhookUrl).toBe(trigger.webhookUrl);
	const placed = await runWorkflow(a, { credentials: { telnyxApi: simulator.telnyx.credentials() } });
	expect(placed.errors).toEqual({});
	const ids = placed.outputs['Place Call'].map((item) => String(item.json.callControlId));
	expect(ids).toHaveLength(4);

	for (const i of [0, 1, 3]) {
		const answered = await ran(ids[i], 'call.answered');
		expect(answered.run!.outputs['Ask Qualification Questions']).toHaveLength(1);
		await ran(ids[i], 'call.ai_gather.ended');
		await simulator.telnyx.waitForEvent(ids[i], 'call.hangup');
	}
	await simulator.telnyx.waitForEvent(ids[2], 'call.hangup');
	for (const id of ids) await ran(id, 'call.hangup');
	await simulator.sim.deliveriesDone();
	const sent = simulator.telnyx.webhooks.events.filter((event) => event.urls.includes(trigger.webhookUrl)).length;
	await trigger.waitForDeliveries(sent, 20000);
	expect(trigger.deliveries.filter((d) => d.run && (d.run.status !== 'success' || Object.keys(d.run.errors).length)).map((d) => d.run?.errors)).toEqual([]);

	// The questions: the lead's name from Client State, the three fields as a JSON Schema.
	const asked = simulator.sim.requestsTo('POST', /\/actions\/gather_using_ai$/).map((r) => r.body as Record<string, unknown>);
	expect(asked).toHaveLength(3);
	expect(asked.map((body) => String(body.greeting).split(',')[0])).toEqual(['Hi Dana Reyes', 'Hi Eli Novak', 'Hi Gus Moreau']);
	expect(asked[0].parameters).toMatchObject({ type: 'object', required: ['budget', 'timelineMonths', 'decisionMaker'], properties: { budget: { type: 'number' }, timelineMonths: { type: 'number' }, decisionMaker: { type: 'boolean' } } });

	const rows = (node: string) => trigger.deliveries.flatMap((d) => d.run?.outputs[node] ?? []).map((item) => {
		const { callControlId, answeredAt, ...row } = item.json;
		expect(ids).toContain(callControlId);
		expect(typeof answeredAt).toBe('string');
		return row;
	});
	const campaign = 'q3-inbound-leads';
	expect(rows('Hand to Sales (Your CRM)')).toEqual([
		{ leadId: 'L-3001', campaign, gatherStatus: 'valid', budget: 50000, timelineMonths: 3, decisionMaker: true, qualified: true },
	]);
	expect(rows('Nurture List (Your CRM)')).toEqual([
		{ leadId: 'L-3002', campaign, gatherStatus: 'valid', budget: 4000, timelineMonths: 12, decisionMaker: false, qualified: false },
		{ leadId: 'L-3004', campaign, gatherStatus: 'invalid', budget: 20000, timelineMonths: 2, decisionMaker: null, qualified: false },
	]);
	// One call-log row per call, in the order the calls ended: the busy lead's too.
	const log = trigger.deliveries.flatMap((d) => d.run?.outputs['Call Log (Your CRM)'] ?? []).map((item) => {
		const { callControlId, endedAt, ...row } = item.json;
		expect(callControlId).toBe(ids[leads.findIndex((l) => l.json.leadId === row.leadId)]);
		expect(typeof endedAt).toBe('string');
		return row;
	});
	expect(log.sort((x, y) => String(x.leadId).localeCompare(String(y.leadId)))).toEqual([
		{ leadId: 'L-3001', campaign, reached: true, hangupCause: 'normal_clearing' },
		{ leadId: 'L-3002', campaign, reached: true, hangupCause: 'normal_clearing' },
		{ leadId: 'L-3003', campaign, reached: false, hangupCause: 'user_busy' },
		{ leadId: 'L-3004', campaign, reached: true, hangupCause: 'normal_clearing' },
	]);
	// B hung up each answered call after its gather, and asked nothing of the busy lead; nobody was called twice.
	expect(simulator.sim.requestsTo('POST', /\/actions\/hangup$/)).toHaveLength(3);
	expect(trigger.deliveries.filter((d) => d.workflowStarted && d.triggerItems[0].json.callControlId === ids[2]).map((d) => d.triggerItems[0].json.eventType)).toEqual(['call.hangup']);
	expect(trigger.deliveries.filter((d) => d.workflowStarted)).toHaveLength(10);
	expect(leads.map((_, i) => simulator.telnyx.callsTo(phone(i)).length)).toEqual([1, 1, 1, 1]);
});
