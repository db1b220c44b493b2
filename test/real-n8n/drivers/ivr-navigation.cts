// examples/pamela-ivr-navigation.json in a real n8n: run by `n8n execute` (Manual Trigger); the
// simulator's pharmacy lines answer with a phone menu (their callees follow the task). Passes when
// every prescription row came out as one CRM row, completed, with the menu navigation in its
// transcript and the row's correlation data, and the simulator got exactly one call per row.
import type { DriverContext } from '../example-drivers.cts';

type Row = { json: Record<string, string> };

const MENU_TURN = 'agent: [Pressed 2 for prescription refills]';

export async function ivrNavigation(ctx: DriverContext) {
	const { n8n, simulator, workflow } = ctx;
	const rows = new Function(String(workflow.nodes.find((n) => n.name === 'Prescriptions')?.parameters.jsCode))() as Row[];
	const run = await n8n.execute(String(workflow.id));
	const runData = run.data.resultData.runData;
	const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`);
	const crm = (runData['Write to Your CRM']?.[0]?.data?.main[0] ?? []).map((item) => item.json);
	const good = crm.filter((row, i) =>
		row.callStatus === 'completed' &&
		String(row.transcript).includes(MENU_TURN) &&
		String(row.transcript).includes('Prescription refills, this is Sam speaking') &&
		['requestId', 'patient', 'prescription', 'pharmacy'].every((field) => row[field] === rows[i]?.json[field]),
	);
	const requestIds = new Set(rows.map((r) => r.json.requestId));
	const calls = [...simulator.pamela.calls.calls.values()].filter((call) => requestIds.has(String(call.metadata?.requestId)));
	const onePerRow = calls.length === rows.length && new Set(calls.map((call) => call.metadata?.requestId)).size === rows.length;
	const ok = failed.length === 0 && crm.length === rows.length && good.length === rows.length && onePerRow;
	return {
		ok,
		detail: failed.length
			? failed.join('; ')
			: `${crm.length} CRM rows for ${rows.length} prescriptions, ${good.length} completed through the phone menu with their correlation data; ${calls.length} calls placed; first answer: ${String(crm[0]?.pharmacyAnswer ?? '-').slice(0, 80)}`,
	};
}
