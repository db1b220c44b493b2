// examples/pamela-ivr-navigation.json as shipped, run whole in n8n's engine against the
// simulator: each prescription row becomes one call whose transcript shows the phone menu being
// navigated (options read out, key pressed, department picking up, the answer), and one CRM row
// with the row's correlation data. Held clock: the calls move only when the test steps time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnections, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { FINAL } from '../simulator/providers/pamela/state.cts';
import { CALLS_PATH } from './helpers.cts';

const example = JSON.parse(readFileSync(path.resolve(__dirname, '../../examples/pamela-ivr-navigation.json'), 'utf8')) as { nodes: INode[]; connections: IConnections };
const rows = new Function(String(example.nodes.find((n) => n.name === 'Prescriptions')!.parameters.jsCode))() as INodeExecutionData[];

let simulator: RunningSimulator;
let transcriptDelayMs: number;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	// The transcript is there when the call ends: no window in which a poll could see it missing.
	transcriptDelayMs = simulator.pamela.timings.transcriptDelayMs;
	simulator.pamela.timings.transcriptDelayMs = 0;
});
afterAll(async () => {
	simulator.pamela.timings.transcriptDelayMs = transcriptDelayMs;
	simulator.sim.clock.release();
	await simulator.stop();
});

/** The example with only its poll interval shortened (5 s would make the first check wait 15 s of real time). */
function exampleWithQuickPolls(): { nodes: INode[]; connections: IConnections } {
	const nodes = example.nodes.map((node) =>
		node.name === 'Call the Pharmacy' ? { ...node, parameters: { ...node.parameters, options: { ...(node.parameters.options as IDataObject), pollIntervalSeconds: 0.05 } } } : node,
	);
	return { nodes, connections: example.connections };
}

it('calls each pharmacy once, gets through its phone menu to refills and writes one CRM row per prescription', async () => {
	simulator.sim.clock.hold();
	// The third pharmacy's refill desk answers differently (its callee still meets the menu).
	const late = String(rows[2].json.pharmacyPhone);
	simulator.pamela.callee(late, { answer: 'answer', ringMs: 4000, followTask: true, says: ['Not yet, it will be ready tomorrow after 2 pm.'] });

	const run = runWorkflow(exampleWithQuickPolls(), { credentials: { pamelaApi: simulator.pamela.credentials() } });
	await simulator.sim.waitForRequests('POST', CALLS_PATH, rows.length);
	const calls = () => [...simulator.pamela.calls.calls.values()];
	await simulator.sim.clock.runUntil(() => calls().every((call) => FINAL.includes(call.status)));
	const result = await run;

	expect(result.errors).toEqual({});
	const crm = result.outputs['Write to Your CRM'].map((item) => item.json);
	expect(crm).toHaveLength(rows.length);
	expect(crm.map((row) => [row.requestId, row.patient, row.prescription, row.pharmacy])).toEqual(
		rows.map(({ json }) => [json.requestId, json.patient, json.prescription, json.pharmacy]),
	);
	for (const [index, row] of crm.entries()) {
		const { prescription, patient } = rows[index].json;
		expect(row).toMatchObject({ callStatus: 'completed', answered: true, reason: null });
		expect(row.durationSeconds).toBeGreaterThan(0);
		expect(row.summary).toContain('got through the phone menu to prescription refills');
		// The menu navigation, turn by turn, then the question and its answer.
		expect(String(row.transcript).split('\n').slice(0, 5)).toEqual([
			'callee: Thank you for calling. For opening hours and directions, press 1. For prescription refills, press 2. For billing, press 3. For anything else, press 0.',
			'agent: [Pressed 2 for prescription refills]',
			'callee: Prescription refills, this is Sam speaking. How can I help you?',
			`agent: Hi, this is Pamela calling on behalf of ${patient}. I'm calling to ask whether prescription ${prescription} for ${patient} is ready for pickup.`,
			`callee: ${row.pharmacyAnswer}`,
		]);
	}
	expect(crm.map((row) => row.pharmacyAnswer)).toEqual([
		`One moment, let me check... Yes, prescription ${rows[0].json.prescription} for ${rows[0].json.patient} is ready for pickup. Anything else I can help with?`,
		`One moment, let me check... Yes, prescription ${rows[1].json.prescription} for ${rows[1].json.patient} is ready for pickup. Anything else I can help with?`,
		'Not yet, it will be ready tomorrow after 2 pm.',
	]);

	// Exactly one call per row: one POST each, and the simulator's ledger holds one call per number.
	expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(rows.length);
	expect(calls().map((call) => call.to).sort()).toEqual(rows.map(({ json }) => String(json.pharmacyPhone)).sort());
	expect(new Set(crm.map((row) => row.callId)).size).toBe(rows.length);
	// What the agent was told: the task and the menu instructions, with the row's metadata.
	const sent = calls().find((call) => call.to === late)!.request;
	expect(sent).toMatchObject({ agent_name: 'Pamela', caller_name: rows[2].json.patient, metadata: { requestId: rows[2].json.requestId, prescription: rows[2].json.prescription } });
	expect(String(sent.instructions)).toContain(`calling ${String(rows[2].json.pharmacy)}'s main line`);
});
