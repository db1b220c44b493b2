// examples/stepone-meeting-notice.json as shipped, whole, in n8n's engine (the harness's
// stand-ins run its Code, Set and No Operation nodes, resolving `$json`, `$('Node')` and
// `.item` with n8n-core) against the simulator on a held clock: four attendees who say yes,
// say no, are busy and do not answer. The real-n8n check runs the real nodes (drivers/meeting-notice.cts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { attendeesOf, CONFIRM, DECLINE, SCRIPTED, scriptAttendees, type Attendee } from '../real-n8n/drivers/meeting-notice.cts';
import type { ExampleWorkflow } from '../real-n8n/example-drivers.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

const EXAMPLE = path.resolve(__dirname, '../../examples/stepone-meeting-notice.json');
const STREAM = '/api/v1/callinfo/stream_chat_history';
const INITIATE = '/api/v1/callinfo/initiate_call';
const SEARCH = '/api/v1/callinfo/search_callinfo';
const GREETING = '您好，我是人工智能助理小步，受人委托给您打电话。';
const ASK = '通知您，周三下午三点在三楼会议室召开项目评审会，请问您能参加吗？';
const GOODBYE = '好的，我会转告会议组织人，再见。';

const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as ExampleWorkflow & { connections: Record<string, IDataObject> };

let simulator: RunningSimulator;
beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
});
afterAll(async () => simulator.stop());

it('calls each attendee once in Chinese, streams the turns in order and writes one row per attendee with status, attendance and transcript', async () => {
	const attendees: Attendee[] = attendeesOf(example);
	expect(attendees.map((a) => a.name)).toEqual(['张伟', '李娜', '王强', '刘洋']);
	scriptAttendees(simulator, attendees);
	const { clock } = simulator.sim;

	const running = runWorkflow({ nodes: example.nodes as unknown as INode[], connections: example.connections as never }, { credentials: { steponeAiApi: simulator.stepone.credentials() } });
	// Every stream opens before time moves; the clock is then stepped to the last [TIMEOUT]
	// (30 s), where Call Record first asks. The two answered calls' records are there (5 s after
	// their end); the unanswered ones' appear 5 s after theirs, once the clock is moved on,
	// and Call Record finds them on its second try (10 s later, real time).
	await simulator.sim.waitForRequests('POST', STREAM, attendees.length);
	await clock.runUntil(() => simulator.sim.requestsTo('POST', SEARCH).length >= attendees.length);
	await clock.advance(simulator.stepone.recordDelayMs);
	const result = await running;
	expect(result.errors).toEqual({});
	expect(result.status).toBe('success');

	// The requirement went out in Chinese, intact; one call per attendee, no more.
	const sent = simulator.sim.requestsTo('POST', INITIATE).map((r) => r.body as IDataObject);
	expect(sent.map((b) => [b.phones, b.user_requirement])).toEqual(attendees.map((a) => [a.phone, `通知${a.name}：周三下午三点在三楼会议室召开项目评审会。请对方确认能否参加，语气礼貌、简洁。`]));
	const calls = [...simulator.stepone.calls.values()];
	expect(attendees.map((a) => calls.filter((c) => c.phone === a.phone).length)).toEqual([1, 1, 1, 1]);
	expect(simulator.stepone.openStreams).toBe(0);

	// The live turns, one item each, in the order they were said, then one end item per call.
	const turns = result.outputs['Live Transcript'].map((item) => item.json);
	const callIds = result.outputs['Place Call'].map((item) => String(item.json.callId));
	const of = (i: number) => turns.filter((t) => t.callId === callIds[i]).map((t) => (t.type === 'turn' ? [t.index, t.role, t.text] : ['end', t.status]));
	expect(of(0)).toEqual([[0, 'assistant', GREETING], [1, 'user', '你好，请问有什么事？'], [2, 'assistant', ASK], [3, 'user', CONFIRM], [4, 'assistant', GOODBYE], ['end', 'completed']]);
	expect(of(1)).toEqual([[0, 'assistant', GREETING], [1, 'user', '喂，你好。'], [2, 'assistant', ASK], [3, 'user', DECLINE], [4, 'assistant', GOODBYE], ['end', 'completed']]);
	expect(of(2)).toEqual([['end', 'not_answered']]);
	expect(of(3)).toEqual([['end', 'not_answered']]);

	// Each row is paired with its call's end item; the records were read once or twice.
	const rowPairs = result.outputs['One Row per Attendee'].map((r) => turns[(r.pairedItem as { item: number }).item]);
	expect(rowPairs).toEqual(callIds.map((callId) => expect.objectContaining({ callId, type: 'end' })));
	expect(result.outputs['Call Record'].map((item) => item.json.attempts)).toEqual([1, 1, 2, 2]);

	const crm = result.outputs['Write to Your CRM/Sheet'].map((item) => item.json);
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
}, 60000);
