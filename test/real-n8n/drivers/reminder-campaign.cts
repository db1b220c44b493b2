// examples/scheduled-reminder-campaign.json in a real n8n: run by hand (`n8n execute`, which
// starts at its Manual Trigger), its contacts are called as one batch with Wait for Outcome and
// each must come out of "Write to Your CRM" with its status and correlation data; a second run
// the same day must call nobody again (Skip If Already Called) and give the same calls.
import type { DriverContext, ExampleWorkflow } from '../example-drivers.cts';

type Row = Record<string, unknown>;

function contactsOf(workflow: ExampleWorkflow): Array<{ json: { contactId: string; phone: string } }> {
	const code = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.code')?.parameters.jsCode;
	return new Function(String(code))();
}

export async function reminderCampaign(ctx: DriverContext) {
	const { n8n, simulator, workflow } = ctx;
	const contacts = contactsOf(workflow);
	const phones = contacts.map((c) => c.json.phone);
	simulator.pamela.callee(phones[0], { answer: 'answer', ringMs: 2000, says: ['Yes, I will be there.'] });
	simulator.pamela.callee(phones[1], { answer: 'no-answer', ringMs: 30000 });
	simulator.pamela.callee(phones[2], { answer: 'answer', ringMs: 4000, says: ['Can we move it to Thursday?'] });
	const rowsOf = async (): Promise<Row[]> => {
		const run = await n8n.execute(String(workflow.id));
		const failed = Object.entries(run.data.resultData.runData).find(([, runs]) => runs.some((r) => r.error));
		if (failed) throw new Error(`${failed[0]} failed: ${failed[1].find((r) => r.error)?.error?.message}`);
		return (run.data.resultData.runData['Write to Your CRM']?.[0]?.data?.main[0] ?? []).map((item) => item.json);
	};
	const first = await rowsOf();
	const second = await rowsOf();
	const calls = phones.map((phone) => [...simulator.pamela.calls.calls.values()].filter((call) => call.to === phone).length);
	const show = (rows: Row[]) => rows.map((r) => `${String(r.contactId)} row ${String(r.row)} ${String(r.callStatus)}${r.theySaid ? ` "${String(r.theySaid)}"` : ''}${r.alreadyCalled ? ' (already called)' : ''}`).join(', ');
	const ok =
		JSON.stringify(first.map((r) => [r.contactId, r.row, r.callStatus, r.reached, r.alreadyCalled])) ===
			JSON.stringify([['C-2001', 2, 'completed', true, false], ['C-2002', 3, 'failed', false, false], ['C-2003', 4, 'completed', true, false]]) &&
		first[0].theySaid === 'Yes, I will be there.' &&
		second.every((r, i) => r.alreadyCalled === true && r.callId === first[i]?.callId) && second.length === 3 &&
		calls.every((n) => n === 1);
	return { ok, detail: `first run: ${show(first)}; second run: ${show(second)}; calls per contact: ${calls.join(', ')}` };
}
