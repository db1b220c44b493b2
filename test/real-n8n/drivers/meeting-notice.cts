// The Stepone meeting-notice example in a real n8n: its Manual Trigger run by `n8n execute`
// after the simulated attendees are scripted (one says yes, one says no, one is busy, one does
// not answer). It passes when no node failed and the sink got one row per attendee with the
// status and attendance each script implies, the Chinese transcript intact, and the simulator
// placed exactly one call per attendee. The Jest test (test/stepone/meeting-notice-example.test.cts)
// scripts the same attendees.
import type { RunningSimulator } from '../../simulator/index.cts';
import type { DriverContext, ExampleWorkflow } from '../example-drivers.cts';

export interface Attendee {
	name: string;
	phone: string;
	meeting: string;
	time: string;
	room: string;
}

export const SINK = 'Write to Your CRM/Sheet';
export const DECLINE = '不好意思，周三我出差，参加不了。';
export const CONFIRM = '可以，我会准时参加。';

/** The attendees the example's Attendees code node lists (it returns them from a literal). */
export function attendeesOf(workflow: ExampleWorkflow): Attendee[] {
	const code = workflow.nodes.find((n) => n.name === 'Attendees')?.parameters.jsCode;
	return (new Function(String(code))() as Array<{ json: Attendee }>).map((item) => item.json);
}

/** What each attendee does, in the sheet's order, and the row that should come out for them. */
export const SCRIPTED = [
	{ callee: undefined, attendance: 'confirmed', callStatus: 'completed' },
	{ callee: { answer: 'answer' as const, says: ['喂，你好。', DECLINE] }, attendance: 'declined', callStatus: 'completed' },
	{ callee: { answer: 'busy' as const }, attendance: 'not reached', callStatus: 'busy' },
	{ callee: { answer: 'no-answer' as const }, attendance: 'not reached', callStatus: 'no_answer' },
];

/** Scripts the simulated attendees (the first is left unscripted: the simulator's callee follows the requirement and says yes). */
export function scriptAttendees(simulator: RunningSimulator, attendees: Attendee[]): void {
	attendees.forEach((attendee, i) => {
		const callee = SCRIPTED[i]?.callee;
		if (callee) simulator.stepone.callees.set(attendee.phone, callee);
	});
}

export async function meetingNotice(ctx: DriverContext): Promise<{ ok: boolean; detail: string }> {
	const { n8n, simulator } = ctx;
	const attendees = attendeesOf(ctx.workflow);
	scriptAttendees(simulator, attendees);
	const run = await n8n.execute(String(ctx.workflow.id));
	const runData = run.data.resultData.runData;
	const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`);
	const rows = (runData[SINK]?.[0]?.data?.main[0] ?? []).map((item) => item.json);
	const calls = attendees.map((a) => [...simulator.stepone.calls.values()].filter((c) => c.phone === a.phone).length);
	const rowsOk =
		rows.length === attendees.length &&
		rows.every((row, i) => row.name === attendees[i].name && row.attendance === SCRIPTED[i].attendance && row.callStatus === SCRIPTED[i].callStatus) &&
		String(rows[0]?.transcript).includes(`${attendees[0].name}：${CONFIRM}`) &&
		String(rows[1]?.transcript).includes(`${attendees[1].name}：${DECLINE}`);
	const ok = failed.length === 0 && rowsOk && calls.every((n) => n === 1);
	return {
		ok,
		detail: failed.length
			? failed.join('; ')
			: `n8n execute: ${rows.length} rows (${rows.map((r) => `${String(r.attendance)}/${String(r.callStatus)}`).join(', ')}), Chinese transcript ${rowsOk ? 'intact' : 'NOT as expected'}; calls per attendee: ${calls.join(', ')}`,
	};
}
