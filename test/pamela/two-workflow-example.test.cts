// The README's two-workflow pattern as shipped in examples/ (Pamela), run as it is against the
// simulator: workflow A's Place Call calls the Leads list with its metadata, workflow B's
// trigger (Call Outcome) gets one outcome per call with that metadata as correlation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

const examples = path.resolve(__dirname, '../../examples');
const load = (name: string) => JSON.parse(readFileSync(path.join(examples, name), 'utf8')) as { nodes: INode[]; connections: IDataObject };

let simulator: RunningSimulator;
let trigger: TriggerServer;
const a = load('two-workflow-pamela-a-place-calls.json');
const b = load('two-workflow-pamela-b-outcomes.json');

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	const outcomes = b.nodes.find((n) => n.type === 'n8n-nodes-ai-calls.pamelaTrigger')!;
	trigger = await startTriggerServer({ nodes: [outcomes] }, { triggerNode: outcomes.name, credentials: { pamelaApi: simulator.pamela.credentials() } });
	await trigger.activate();
	// Pamela has no registration API: the URL is pasted in the portal (here, set on the simulator).
	simulator.pamela.webhookUrl = trigger.webhookUrl;
});
afterAll(async () => {
	await trigger.stop();
	await simulator.stop();
});

it('workflow A places the list\'s calls; workflow B gets each outcome once with its lead and campaign', async () => {
	const leads = new Function(String(a.nodes.find((n) => n.name === 'Leads')!.parameters.jsCode))() as INodeExecutionData[];
	simulator.pamela.callee(String(leads[0].json.phone), { answer: 'answer', ringMs: 200, says: ['Yes, Tuesday is fine.'] });
	simulator.pamela.callee(String(leads[1].json.phone), { answer: 'no-answer', ringMs: 200 });
	simulator.pamela.callee(String(leads[2].json.phone), { answer: 'answer', ringMs: 300, says: ['Please move it to Wednesday.'] });
	const place = a.nodes.find((n) => n.name === 'Place Call')!;
	const placed = await runWorkflow({ nodes: [place] }, { input: leads, credentials: { pamelaApi: simulator.pamela.credentials() } });
	expect(placed.errors).toEqual({});
	const ids = placed.outputs['Place Call'].map((item) => String(item.json.id));
	for (const id of ids) await simulator.pamela.waitForStatus(id);
	await simulator.sim.deliveriesDone();
	const outcomes = trigger.deliveries.filter((d) => d.workflowStarted).map((d) => d.triggerItems[0].json);
	const byCall = new Map(outcomes.map((o) => [o.callId, o]));
	expect(outcomes).toHaveLength(3);
	expect(ids.map((id) => [byCall.get(id)?.status, byCall.get(id)?.correlation])).toEqual([
		['completed', { leadId: 'L-1001', campaign: 'spring-renewals' }],
		['failed', { leadId: 'L-1002', campaign: 'spring-renewals' }],
		['completed', { leadId: 'L-1003', campaign: 'spring-renewals' }],
	]);
	const read = [...JSON.stringify(b.nodes.find((n) => n.name === 'CRM Row')!.parameters).matchAll(/\$json\.(\w+)/g)].map((m) => m[1]);
	for (const field of read) expect(Object.keys(outcomes[0])).toContain(field);
});
