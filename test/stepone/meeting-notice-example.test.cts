// examples/stepone-meeting-notice.json as shipped, against the simulator on a held clock: the
// attendees from its Code node; Place Call and Live Transcript (one item per turn) run in n8n's
// engine; then its "One Row per Attendee" code; then Call Record in the engine; then the CRM
// Row's fields as n8n resolves them. The harness loads only this package's nodes, so the two
// Code nodes run as plain functions (with `$input` and `$('Node').all()`) and the Set's
// expressions are resolved here; the real-n8n check runs the real ones (drivers/meeting-notice.cts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { attendeesOf, CONFIRM, DECLINE, SCRIPTED, scriptAttendees, type Attendee } from '../real-n8n/drivers/meeting-notice.cts';
import type { ExampleWorkflow } from '../real-n8n/example-drivers.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

const EXAMPLE = path.resolve(__dirname, '../../examples/stepone-meeting-notice.json');
const STREAM = '/api/v1/callinfo/stream_chat_history';
const INITIATE = '/api/v1/callinfo/initiate_call';
const GREETING = '您好，我是人工智能助理小步，受人委托给您打电话。';
const ASK = '通知您，周三下午三点在三楼会议室召开项目评审会，请问您能参加吗？';
const GOODBYE = '好的，我会转告会议组织人，再见。';

const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as ExampleWorkflow & { connections: Record<string, IDataObject> };
const nodeNamed = (name: string) => example.nodes.find((n) => n.name === name) as unknown as INode;

let simulator: RunningSimulator;
beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
});
afterAll(async () => simulator.stop());

/** Runs one of the example's Code nodes (Run Once for All Items) on `input`, with the outputs of earlier nodes for `$('Name')`. */
function runCode(name: string, input: INodeExecutionData[], earlier: Record<string, INodeExecutionData[]>): INodeExecutionData[] {
	const $ = (node: string) => {
		if (!earlier[node]) throw new Error(`"${name}" reads $('${node}'), which this test did not run`);
		return { all: () => earlier[node] };
	};
	return new Function('$', '$input', String(nodeNamed(name).parameters.jsCode))($, { all: () => input }) as INodeExecutionData[];
}

/** The CRM Row's value for one field: `{{ $json.x }}` or `{{ $('Node').item.json.x }}`, the only forms it uses. */
function resolve(expression: string, json: IDataObject, pairedJson: (node: string) => IDataObject): unknown {
	const own = /^=\{\{ \$json\.(\w+) \}\}$/.exec(expression);
	const paired = /^=\{\{ \$\('([^']+)'\)\.item\.json\.(\w+) \}\}$/.exec(expression);
	const value = own ? json[own[1]] : paired ? pairedJson(paired[1])[paired[2]] : undefined;
	if (!own && !paired) throw new Error(`CRM Row uses an expression this test cannot resolve: ${expression}`);
	if (value === undefined) throw new Error(`CRM Row reads a field its input does not have: ${expression}`);
	return value;
}

it('calls each attendee once in Chinese, streams the turns in order and writes one row per attendee with status, attendance and transcript', async () => {
	const attendees: Attendee[] = attendeesOf(example);
	expect(attendees.map((a) => a.name)).toEqual(['张伟', '李娜', '王强', '刘洋']);
	scriptAttendees(simulator, attendees);
	const credentials = { steponeAiApi: simulator.stepone.credentials() };
	const { clock } = simulator.sim;

	// Place Call → Live Transcript: every stream opens before time moves, then the clock is
	// stepped to the last [DONE] / [TIMEOUT].
	let streamed = false;
	const running = runWorkflow(
		{ nodes: [nodeNamed('Place Call'), nodeNamed('Live Transcript')], connections: { 'Place Call': example.connections['Place Call'] } as never },
		{ credentials, input: attendees.map((json) => ({ json: json as unknown as IDataObject })) },
	).finally(() => (streamed = true));
	await simulator.sim.waitForRequests('POST', STREAM, attendees.length);
	await clock.runUntil(() => streamed);
	const live = await running;
	expect(live.errors).toEqual({});

	// The requirement went out in Chinese, intact; one call per attendee, no more.
	const sent = simulator.sim.requestsTo('POST', INITIATE).map((r) => r.body as IDataObject);
	expect(sent.map((b) => [b.phones, b.user_requirement])).toEqual(attendees.map((a) => [a.phone, `通知${a.name}：周三下午三点在三楼会议室召开项目评审会。请对方确认能否参加，语气礼貌、简洁。`]));
	const calls = [...simulator.stepone.calls.values()];
	expect(attendees.map((a) => calls.filter((c) => c.phone === a.phone).length)).toEqual([1, 1, 1, 1]);

	// The live turns, one item each, in the order they were said, then one end item per call.
	const turns = live.outputs['Live Transcript'].map((item) => item.json);
	const callIds = live.outputs['Place Call'].map((item) => String(item.json.callId));
	const of = (i: number) => turns.filter((t) => t.callId === callIds[i]).map((t) => (t.type === 'turn' ? [t.index, t.role, t.text] : ['end', t.status]));
	expect(of(0)).toEqual([[0, 'assistant', GREETING], [1, 'user', '你好，请问有什么事？'], [2, 'assistant', ASK], [3, 'user', CONFIRM], [4, 'assistant', GOODBYE], ['end', 'completed']]);
	expect(of(1)).toEqual([[0, 'assistant', GREETING], [1, 'user', '喂，你好。'], [2, 'assistant', ASK], [3, 'user', DECLINE], [4, 'assistant', GOODBYE], ['end', 'completed']]);
	expect(of(2)).toEqual([['end', 'not_answered']]);
	expect(of(3)).toEqual([['end', 'not_answered']]);

	// One row per attendee, paired with its call's end item.
	const rows = runCode('One Row per Attendee', live.outputs['Live Transcript'], {
		Attendees: attendees.map((json) => ({ json: json as unknown as IDataObject })),
		'Place Call': live.outputs['Place Call'],
	});
	expect(rows.map((r) => live.outputs['Live Transcript'][(r.pairedItem as { item: number }).item].json)).toEqual(callIds.map((callId) => expect.objectContaining({ callId, type: 'end' })));

	// The records appear 5 s (simulated) after each call ends: the clock is stepped past that, so Call Record reads each once.
	const lastEnd = Math.max(...calls.map((c) => c.endsAt));
	await clock.advance(lastEnd + simulator.stepone.recordDelayMs - clock.now());
	const recorded = await runWorkflow({ nodes: [nodeNamed('Call Record')] }, { credentials, input: rows.map((r) => ({ json: r.json })) });
	expect(recorded.errors).toEqual({});
	expect(recorded.outputs['Call Record'].map((item) => item.json.attempts)).toEqual([1, 1, 1, 1]);

	const assignments = (nodeNamed('CRM Row').parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments;
	const crm = recorded.outputs['Call Record'].map((item) => {
		const row = rows[(item.pairedItem as { item: number }).item].json;
		const pairedJson = (node: string) => {
			if (node !== 'One Row per Attendee') throw new Error(`CRM Row reads ${node}, which this test does not pair`);
			return row;
		};
		return Object.fromEntries(assignments.map((a) => [a.name, resolve(a.value, item.json, pairedJson)]));
	});
	expect(crm.map((r) => [r.name, r.phone, r.meeting, r.time, r.attendance, r.callStatus, r.durationSeconds])).toEqual([
		['张伟', attendees[0].phone, '项目评审会', '周三下午三点', SCRIPTED[0].attendance, 'completed', 5],
		['李娜', attendees[1].phone, '项目评审会', '周三下午三点', SCRIPTED[1].attendance, 'completed', 5],
		['王强', attendees[2].phone, '项目评审会', '周三下午三点', SCRIPTED[2].attendance, 'busy', 0],
		['刘洋', attendees[3].phone, '项目评审会', '周三下午三点', SCRIPTED[3].attendance, 'no_answer', 0],
	]);
	expect(crm.map((r) => r.callId)).toEqual(callIds);
	expect(crm[0].transcript).toBe([`AI：${GREETING}`, '张伟：你好，请问有什么事？', `AI：${ASK}`, `张伟：${CONFIRM}`, `AI：${GOODBYE}`].join('\n'));
	expect(crm[1].transcript).toBe([`AI：${GREETING}`, '李娜：喂，你好。', `AI：${ASK}`, `李娜：${DECLINE}`, `AI：${GOODBYE}`].join('\n'));
	expect([crm[2].transcript, crm[3].transcript]).toEqual(['', '']);
	// Still one call per attendee after the whole run.
	expect(simulator.stepone.calls.size).toBe(attendees.length);
	expect(simulator.stepone.openStreams).toBe(0);
});
