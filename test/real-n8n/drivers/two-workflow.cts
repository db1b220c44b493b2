// The two-workflow examples in a real n8n: workflow B (Call Outcomes trigger → CRM Row) is
// active; workflow A (Leads → Place Call) runs by `n8n execute` while n8n serves B's webhook;
// the simulator's callees answer, are busy or do not answer; B must run once per call, with
// each lead's correlation data, and succeed.
import { TELNYX_CONNECTION_ID } from '../../simulator/providers/telnyx/index.cts';
import type { RunningSimulator } from '../../simulator/index.cts';
import type { DriverContext, ExampleWorkflow } from '../example-drivers.cts';
import { finishedExecutions, webhookUrl } from './wait.cts';

type Lead = { json: { leadId: string; phone: string } };

/** The people the example's Leads code node lists (it returns them from a literal). */
export function leadsOf(workflow: ExampleWorkflow): Lead[] {
	const code = workflow.nodes.find((n) => n.name === 'Leads')?.parameters.jsCode;
	return new Function(String(code))() as Lead[];
}

/** First lead answers and hangs up, second is busy, third answers: what the checks expect. */
export function scriptTelnyxCallees(simulator: RunningSimulator, leads: Lead[]): void {
	simulator.telnyx.callee(leads[0].json.phone, { answer: 'answer', ringMs: 100, hangUpAfterMs: 500 });
	simulator.telnyx.callee(leads[1].json.phone, { answer: 'busy', ringMs: 100 });
	simulator.telnyx.callee(leads[2].json.phone, { answer: 'answer', ringMs: 200, hangUpAfterMs: 300 });
}

/** First lead answers, second does not, third answers and asks to move the appointment. */
export function scriptPamelaCallees(simulator: RunningSimulator, leads: Lead[]): void {
	simulator.pamela.callee(leads[0].json.phone, { answer: 'answer', ringMs: 200, says: ['Yes, Tuesday is fine.'] });
	simulator.pamela.callee(leads[1].json.phone, { answer: 'no-answer', ringMs: 200 });
	simulator.pamela.callee(leads[2].json.phone, { answer: 'answer', ringMs: 300, says: ['Please move it to Wednesday.'] });
}

async function runPair(ctx: DriverContext, bFile: string, triggerType: string, expectStatus: string, prepare: (url: string, leads: Lead[]) => void) {
	const { n8n } = ctx;
	const leads = leadsOf(ctx.workflow);
	const trigger = ctx.workflowOf(bFile).nodes.find((n) => n.type === triggerType);
	const url = webhookUrl(n8n, trigger?.webhookId);
	await n8n.webhookRegistered(url);
	prepare(url, leads);
	const placed = await n8n.execute(String(ctx.workflow.id));
	const placeRun = placed.data.resultData.runData['Place Call']?.[0];
	const calls = placeRun?.data?.main[0]?.length ?? 0;
	const outcomes = await finishedExecutions(n8n, ctx.idOf(bFile), leads.length);
	const data = outcomes.map((e) => e.data ?? '').join('\n');
	const everyLead = leads.every((l) => data.includes(l.json.leadId));
	const ok = !placeRun?.error && calls === leads.length && outcomes.length === leads.length && outcomes.every((e) => e.status === 'success') && everyLead && data.includes(`"${expectStatus}"`);
	return {
		ok,
		detail: `A placed ${calls} calls${placeRun?.error ? ` (${placeRun.error.message})` : ''}; B ran ${outcomes.length}× (${outcomes.map((e) => e.status).join(', ')}), ${everyLead ? 'every lead\'s correlation data came back' : 'some lead\'s correlation data is missing'}`,
	};
}

export async function telnyxPair(ctx: DriverContext) {
	const { simulator } = ctx;
	let registered = false;
	const result = await runPair(ctx, 'two-workflow-telnyx-b-outcomes.json', 'n8n-nodes-ai-calls.telnyxTrigger', 'busy', (url, leads) => {
		// B's trigger pointed the Call Control application at itself when n8n activated it.
		registered = simulator.telnyx.connections.get(TELNYX_CONNECTION_ID)?.webhookUrl === url;
		scriptTelnyxCallees(simulator, leads);
	});
	return { ok: result.ok && registered, detail: `${result.detail}; application URL set on activation: ${registered ? 'yes' : 'no'}` };
}

export async function pamelaPair(ctx: DriverContext) {
	const { simulator } = ctx;
	return runPair(ctx, 'two-workflow-pamela-b-outcomes.json', 'n8n-nodes-ai-calls.pamelaTrigger', 'failed', (url, leads) => {
		// Pamela has no registration API: the user pastes the trigger's URL in Pamela's portal.
		simulator.pamela.webhookUrl = url;
		scriptPamelaCallees(simulator, leads);
	});
}
