// examples/pamela-ivr-navigation.json in a real n8n: run by `n8n execute` (Manual Trigger); the
// simulator's pharmacy lines answer with a phone menu (their callees follow the task). Passes when
// every prescription row came out as one CRM row, completed, with the menu navigation in its
// transcript and the row's correlation data, and the simulator got exactly one call per row.
import type { DriverContext } from '../example-drivers.cts';

type Row = { json: Record<string, string> };

const MENU_TURN = 'agent: [Pressed 2 for prescription refills]';
const DEPARTMENT = 'Prescription refills, this is Sam speaking';

export async function ivrNavigation(ctx: DriverContext) {
	const { n8n, simulator, workflow } = ctx;
	const rows = new Function(String(workflow.nodes.find((n) => n.name === 'Prescriptions')?.parameters.jsCode))() as Row[];
	const run = await n8n.execute(String(workflow.id));
	const runData = run.data.resultData.runData;
	const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`);
	const crm = (runData['Write to Your CRM']?.[0]?.data?.main[0] ?? []).map((item) => item.json);
	const problems = crm.map((row, i) => rowProblems(row, rows[i]?.json));
	const good = problems.filter((p) => p.length === 0);
	const requestIds = new Set(rows.map((r) => r.json.requestId));
	const calls = [...simulator.pamela.calls.calls.values()].filter((call) => requestIds.has(String(call.metadata?.requestId)));
	const onePerRow = calls.length === rows.length && new Set(calls.map((call) => call.metadata?.requestId)).size === rows.length;
	const ok = failed.length === 0 && crm.length === rows.length && good.length === rows.length && onePerRow;
	return {
		ok,
		detail: failed.length
			? failed.join('; ')
			: `${crm.length} CRM rows for ${rows.length} prescriptions, ${good.length} completed through the phone menu with their correlation data; ${calls.length} calls placed; ` +
				(ok ? `first answer: ${String(crm[0]?.pharmacyAnswer ?? '-').slice(0, 80)}` : problems.map((p, i) => (p.length ? `row ${i} (${String(rows[i]?.json.requestId)}): ${p.join(', ')}` : '')).filter(Boolean).join('; ')),
	};
}

/** Why a CRM row is not what the example promises (empty when it is): status, reason, transcript, correlation. */
function rowProblems(row: Record<string, unknown>, expected: Record<string, string> | undefined): string[] {
	const transcript = String(row.transcript ?? '');
	const lines = transcript ? transcript.split('\n').length : 0;
	const problems: string[] = [];
	if (row.callStatus !== 'completed') problems.push(`status ${String(row.callStatus)} (reason: ${String(row.reason || '-')})`);
	if (!transcript.includes(MENU_TURN)) problems.push(`no menu turn in a ${lines}-line transcript (first line: "${transcript.split('\n')[0].slice(0, 60)}")`);
	if (!transcript.includes(DEPARTMENT)) problems.push('no department greeting in the transcript');
	const wrong = ['requestId', 'patient', 'prescription', 'pharmacy'].filter((field) => row[field] !== expected?.[field]);
	if (wrong.length) problems.push(`correlation ${wrong.map((f) => `${f}=${String(row[f])}`).join(', ')} (expected ${wrong.map((f) => String(expected?.[f])).join(', ')})`);
	return problems;
}
