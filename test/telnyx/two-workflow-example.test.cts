// The README's two-workflow pattern as shipped in examples/ (Telnyx), run as it is against the
// simulator: workflow A's Place Call dials the Leads list with its correlation data, workflow
// B's trigger (Call Outcome, registering its own URL on the application) gets one outcome per
// call with that data back, in the fields its CRM Row node reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

const examples = path.resolve(__dirname, '../../examples');
const load = (name: string) => JSON.parse(readFileSync(path.join(examples, name), 'utf8')) as { nodes: INode[]; connections: IDataObject };
/** The ID placeholder becomes the simulator's application. */
const localise = (node: INode): INode => JSON.parse(JSON.stringify(node).replace(/REPLACE_WITH_YOUR_CALL_CONTROL_APPLICATION_ID/g, TELNYX_CONNECTION_ID)) as INode;

let simulator: RunningSimulator;
let trigger: TriggerServer;
const a = load('two-workflow-telnyx-a-place-calls.json');
const b = load('two-workflow-telnyx-b-outcomes.json');

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	const outcomes = localise(b.nodes.find((n) => n.type === 'n8n-nodes-ai-calls.telnyxTrigger')!);
	trigger = await startTriggerServer({ nodes: [outcomes] }, { triggerNode: outcomes.name, credentials: { telnyxApi: simulator.telnyx.credentials() } });
	await trigger.activate();
});
afterAll(async () => {
	await trigger.deactivate();
	await trigger.stop();
	await simulator.stop();
});

it('workflow A places the list\'s calls; workflow B gets each outcome once with its lead and campaign', async () => {
	const leadsCode = String(a.nodes.find((n) => n.name === 'Leads')!.parameters.jsCode);
	const leads = new Function(leadsCode)() as INodeExecutionData[];
	expect(leads).toHaveLength(3);
	simulator.telnyx.callee(String(leads[0].json.phone), { answer: 'answer', ringMs: 100, hangUpAfterMs: 500 });
	simulator.telnyx.callee(String(leads[1].json.phone), { answer: 'busy', ringMs: 100 });
	simulator.telnyx.callee(String(leads[2].json.phone), { answer: 'answer', ringMs: 200, hangUpAfterMs: 300 });
	const place = localise(a.nodes.find((n) => n.name === 'Place Call')!);
	const placed = await runWorkflow({ nodes: [place] }, { input: leads, credentials: { telnyxApi: simulator.telnyx.credentials() } });
	expect(placed.errors).toEqual({});
	const ids = placed.outputs['Place Call'].map((item) => String(item.json.callControlId));
	for (const id of ids) await simulator.telnyx.waitForEvent(id, 'call.hangup');
	await simulator.sim.deliveriesDone();
	const outcomes = trigger.deliveries.filter((d) => d.workflowStarted).map((d) => d.triggerItems[0].json);
	expect(outcomes).toHaveLength(3);
	const byCall = new Map(outcomes.map((o) => [o.callId, o]));
	expect(ids.map((id) => [byCall.get(id)?.status, byCall.get(id)?.correlation])).toEqual([
		['completed', { leadId: 'L-1001', campaign: 'spring-renewals' }],
		['busy', { leadId: 'L-1002', campaign: 'spring-renewals' }],
		['completed', { leadId: 'L-1003', campaign: 'spring-renewals' }],
	]);
	// The CRM Row node reads only fields the outcome has.
	const row = b.nodes.find((n) => n.name === 'CRM Row')!;
	const read = [...JSON.stringify(row.parameters).matchAll(/\$json\.(\w+)/g)].map((m) => m[1]);
	for (const field of read) expect(Object.keys(outcomes[0])).toContain(field);
});
