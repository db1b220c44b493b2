// examples/scheduled-reminder-campaign.json as shipped, run whole in n8n's engine against the
// simulator (its n8n-nodes-base nodes as the harness's stand-ins): the contacts "sheet" goes
// to Pamela's Place Call with Wait for Outcome as one batch, and every contact comes out as a
// CRM row with its status, what they said and its correlation data (contact, sheet row,
// appointment). A second run the same day (Skip If Already Called) calls nobody twice.
// The clock is held: calls end only when the test steps it, so the rows do not depend on speed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode, INodeExecutionData, IConnections } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

const FILE = path.resolve(__dirname, '../../examples/scheduled-reminder-campaign.json');
const workflow = JSON.parse(readFileSync(FILE, 'utf8')) as { nodes: INode[]; connections: IConnections };
const contacts = new Function(String(workflow.nodes.find((n) => n.name === "Tomorrow's Appointments")!.parameters.jsCode))() as INodeExecutionData[];
const phones = contacts.map((c) => String(c.json.phone));

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	// The transcript is readable the moment a call ends, so no poll can see a completed call
	// without it while the test steps the clock (the lag itself is tested in test/pamela).
	simulator.pamela.timings.transcriptDelayMs = 0;
	simulator.pamela.callee(phones[0], { answer: 'answer', ringMs: 2000, says: ['Yes, I will be there.'] });
	simulator.pamela.callee(phones[1], { answer: 'no-answer', ringMs: 30000 });
	simulator.pamela.callee(phones[2], { answer: 'answer', ringMs: 4000, says: ['Can we move it to Thursday?'] });
});
afterAll(async () => simulator.stop());

/** The example as shipped; only Poll Interval is shortened (real time between status checks, not the result). */
function shipped(): { nodes: INode[]; connections: IConnections } {
	const copy = JSON.parse(JSON.stringify(workflow)) as typeof workflow;
	const place = copy.nodes.find((n) => n.type === 'n8n-nodes-ai-calls.pamela')!;
	(place.parameters.options as Record<string, unknown>).pollIntervalSeconds = 0.05;
	return copy;
}

const callsTo = (phone: string) => [...simulator.pamela.calls.calls.values()].filter((call) => call.to === phone);

/** Runs the workflow from `trigger` while stepping the simulated clock until every contact's call has ended. */
async function campaign(trigger: string): Promise<RunResult> {
	const run = runWorkflow(shipped(), { startNode: trigger, credentials: { pamelaApi: simulator.pamela.credentials() } });
	const ended = () => phones.every((phone) => callsTo(phone).some((call) => ['completed', 'failed', 'cancelled'].includes(call.status)));
	await simulator.sim.clock.runUntil(ended);
	const result = await run;
	expect(result.errors).toEqual({});
	expect(result.status).toBe('success');
	return result;
}

const rowOf = (item: INodeExecutionData) => {
	const { callId, calledAt, summary, ...row } = item.json;
	expect(typeof callId === 'string' && callId).toBeTruthy();
	return row;
};

it('the schedule runs it: one reminder call per contact, one CRM row per contact with status, reply and its sheet row', async () => {
	const result = await campaign('Every Day at 5 pm');
	const rows = result.outputs['Write to Your CRM'];
	expect(rows.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(rows.map(rowOf)).toEqual([
		{ contactId: 'C-2001', row: 2, appointment: 'Tuesday at 10:30 am', callStatus: 'completed', reached: true, theySaid: 'Yes, I will be there.', alreadyCalled: false },
		{ contactId: 'C-2002', row: 3, appointment: 'Tuesday at 11:15 am', callStatus: 'failed', reached: false, theySaid: '', alreadyCalled: false },
		{ contactId: 'C-2003', row: 4, appointment: 'Tuesday at 2:00 pm', callStatus: 'completed', reached: true, theySaid: 'Can we move it to Thursday?', alreadyCalled: false },
	]);
	expect(String(rows[1].json.summary)).toContain('Nobody answered');
	// The task names each contact's own appointment; the clinic calls on its own behalf.
	const sent = simulator.sim.requestsTo('POST', '/api/b2b/v1/calls').map((r) => r.body as Record<string, unknown>);
	expect(sent.map((body) => [body.to, body.caller_name, String(body.task).slice(0, 60)])).toEqual(contacts.map((c) => [c.json.phone, 'Riverside Dental', `Remind ${String(c.json.name)} of their appointment at Riverside Dental on `.slice(0, 60)]));
	expect(phones.map((phone) => callsTo(phone).length)).toEqual([1, 1, 1]);
});

it('run again by hand the same day: nobody is called twice, and the rows carry the first calls\' outcomes', async () => {
	const first = [...simulator.pamela.calls.calls.values()].map((call) => call.id);
	const result = await campaign('Run Now');
	const rows = result.outputs['Write to Your CRM'];
	expect(rows.map((item) => [item.json.contactId, item.json.callStatus, item.json.alreadyCalled])).toEqual([
		['C-2001', 'completed', true],
		['C-2002', 'failed', true],
		['C-2003', 'completed', true],
	]);
	expect(rows.map((item) => item.json.callId)).toEqual(first);
	expect(phones.map((phone) => callsTo(phone).length)).toEqual([1, 1, 1]);
});
