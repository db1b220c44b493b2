// The Telnyx lead qualification pair in a real n8n: workflow B (Call Events trigger, on its own
// Call Control application) is active; workflow A runs by `n8n execute` and calls four leads.
// The simulated leads answer the AI Gather differently (qualified, too small, a field missing)
// or are busy; B must ask each lead who answers, hang up after the answers, and route the rows:
// one to "Hand to Sales", two to "Nurture List"; and log every call (four rows, one not
// reached). Each lead is called once.
import { parse } from 'flatted';

import type { DriverContext } from '../example-drivers.cts';
import { LEAD_APPLICATION_ID } from '../examples.cts';
import { leadsOf } from './two-workflow.cts';
import { finishedExecutions, webhookUrl } from './wait.cts';

const B = 'telnyx-lead-qualification-b-qualified-leads.json';

type RunData = Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;

/** The items each sink received, over all of B's runs. */
function sinkRows(data: string[], node: string): Array<Record<string, unknown>> {
	return data.flatMap((text) => {
		const runData = (parse(text) as { resultData: { runData: RunData } }).resultData.runData;
		return (runData[node] ?? []).flatMap((run) => run.data?.main[0] ?? []).map((item) => item.json);
	});
}

export async function leadQualificationPair(ctx: DriverContext) {
	const { n8n, simulator } = ctx;
	const leads = leadsOf(ctx.workflow);
	const trigger = ctx.workflowOf(B).nodes.find((n) => n.type === 'n8n-nodes-ai-calls.telnyxTrigger');
	const url = webhookUrl(n8n, trigger?.webhookId);
	await n8n.webhookRegistered(url);
	const registered = simulator.telnyx.connections.get(LEAD_APPLICATION_ID)?.webhookUrl === url;
	simulator.telnyx.callee(leads[0].json.phone, { answer: 'answer', ringMs: 1000, fields: { budget: 50000, timelineMonths: 3, decisionMaker: true } });
	simulator.telnyx.callee(leads[1].json.phone, { answer: 'answer', ringMs: 3000, fields: { budget: 4000, timelineMonths: 12, decisionMaker: false } });
	simulator.telnyx.callee(leads[2].json.phone, { answer: 'busy', ringMs: 5000 });
	simulator.telnyx.callee(leads[3].json.phone, { answer: 'answer', ringMs: 7000, fields: { budget: 20000, timelineMonths: 2 } });

	const placed = await n8n.execute(String(ctx.workflow.id));
	const placeRun = placed.data.resultData.runData['Place Call']?.[0];
	const calls = placeRun?.data?.main[0]?.length ?? 0;
	// Per answered lead: one run on call.answered (asks), one on call.ai_gather.ended (routes); per call one on call.hangup (logs).
	const runs = await finishedExecutions(n8n, ctx.idOf(B), 10, 120000);
	const data = runs.map((r) => r.data ?? '').filter(Boolean);
	const row = (r: Record<string, unknown>) => `${String(r.leadId)} ${String(r.gatherStatus)} budget ${String(r.budget)}, ${String(r.timelineMonths)} months, decides ${String(r.decisionMaker)}`;
	const sales = sinkRows(data, 'Hand to Sales (Your CRM)');
	const nurture = sinkRows(data, 'Nurture List (Your CRM)').sort((x, y) => String(x.leadId).localeCompare(String(y.leadId)));
	const log = sinkRows(data, 'Call Log (Your CRM)').sort((x, y) => String(x.leadId).localeCompare(String(y.leadId)));
	const perLead = leads.map((l) => simulator.telnyx.callsTo(l.json.phone).length);
	const asked = simulator.sim.requestsTo('POST', /\/actions\/gather_using_ai$/).filter((r) => leads.some((l) => String((r.body as Record<string, unknown>).greeting).includes(String((l.json as Record<string, unknown>).name)))).length;
	const ok =
		registered && !placeRun?.error && calls === 4 && runs.length === 10 && runs.every((r) => r.status === 'success') && asked === 3 &&
		JSON.stringify(sales.map((r) => [r.leadId, r.qualified, r.budget])) === JSON.stringify([['L-3001', true, 50000]]) &&
		JSON.stringify(nurture.map((r) => [r.leadId, r.gatherStatus, r.qualified, r.decisionMaker])) === JSON.stringify([['L-3002', 'valid', false, false], ['L-3004', 'invalid', false, null]]) &&
		JSON.stringify(log.map((r) => [r.leadId, r.reached, r.hangupCause])) === JSON.stringify([['L-3001', true, 'normal_clearing'], ['L-3002', true, 'normal_clearing'], ['L-3003', false, 'user_busy'], ['L-3004', true, 'normal_clearing']]) &&
		perLead.every((n) => n === 1);
	return {
		ok,
		detail: `application URL set on activation: ${registered ? 'yes' : 'no'}; A placed ${calls} calls${placeRun?.error ? ` (${placeRun.error.message})` : ''}; B ran ${runs.length}× (${runs.map((r) => r.status).join(', ')}), asked ${asked} leads; sales: ${sales.map(row).join('; ') || 'none'}; nurture: ${nurture.map(row).join('; ') || 'none'}; call log: ${log.map((r) => `${String(r.leadId)} ${String(r.hangupCause)}`).join(', ')}; calls per lead: ${perLead.join(', ')}`,
	};
}
