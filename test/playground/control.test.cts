// The playground's control API over real HTTP: callees scripted per number, where Pamela
// events go, inbound Telnyx calls to an application's URL, what was received and sent; and
// unscripted callees that follow the call's task or requirement.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { registerControl } from '../simulator/control.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { PAMELA_PREFIX } from '../simulator/providers/pamela/index.cts';
import { CHINESE_DIALOGUE } from '../simulator/providers/stepone/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

let simulator: RunningSimulator;
let receiver: http.Server;
let receiverUrl: string;
const received: Array<{ path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> = [];

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	registerControl(simulator);
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			res.end('{}');
		});
	});
	await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await simulator.stop();
	await new Promise((done) => receiver.close(done));
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(`${simulator.baseUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const pamela = (body: unknown) => call('POST', `${PAMELA_PREFIX}/calls`, body, { authorization: `Bearer ${simulator.pamela.credentials().apiKey}` });
const stepone = (body: unknown) =>
	call('POST', '/api/v1/callinfo/initiate_call', body, { 'x-api-key': simulator.stepone.credentials().apiKey, 'x-skill-version': simulator.stepone.skillVersion });

describe('control API', () => {
	it('lists what a credential and a first Place Call need, with the Telnyx Connection ID and a From number', async () => {
		const { status, body } = await call('GET', '/_control');
		expect(status).toBe(200);
		expect(body.telnyx.placeCall).toMatchObject({ connectionId: TELNYX_CONNECTION_ID, from: '+14155550100' });
		expect(body.telnyx.credential.publicKey).toBe(simulator.telnyx.publicKeyBase64);
		expect(body.pamela.credential.webhookSecret).toBe(simulator.pamela.webhookSecret);
		expect(Object.keys(body.endpoints)).toContain('POST /_control/telnyx/inbound {"from","to","connectionId","webhookUrl","script"}');
	});

	it('refuses a callee script naming the field and the fix', async () => {
		expect(await call('PUT', '/_control/callees/+14155550100', { answer: 'maybe' })).toEqual({ status: 400, body: { error: 'answer must be one of answer, busy, no-answer, reject, voicemail' } });
		expect((await call('PUT', '/_control/callees/+14155550100', { says: 'hi' })).body.error).toBe('says must be an array of strings, one per turn');
		expect((await call('PUT', '/_control/pamela', { webhookUrl: 'not a url' })).body.error).toBe('webhookUrl must be an http(s) URL, or null to stop sending');
	});

	it('sends Pamela events where it is told, and an unscripted callee answers about the task', async () => {
		expect((await call('PUT', '/_control/pamela', { webhookUrl: `${receiverUrl}/pamela` })).body).toEqual({ webhookUrl: `${receiverUrl}/pamela`, toolUrl: null });
		const placed = await pamela({ to: '+14155550170', task: 'Remind Ana of the dental appointment tomorrow at 10 and ask them to confirm.' });
		expect(placed.status).toBe(201);
		await simulator.pamela.waitForStatus(placed.body.id);
		await simulator.sim.deliveriesDone();
		const completed = received.find((r) => r.path === '/pamela' && r.body.event === 'call.completed' && r.body.call_id === placed.body.id);
		expect(completed?.headers['x-pamela-signature']).toMatch(/^[0-9a-f]{64}$/);
		const callee = (completed!.body.transcript as Array<{ speaker: string; text: string }>).filter((line) => line.speaker === 'callee');
		expect(callee).toEqual([expect.objectContaining({ text: "Yes, that's fine: the dental appointment tomorrow at 10. Got it, thank you for calling." })]);
		await call('PUT', '/_control/pamela', { webhookUrl: null });
	});

	it('scripts a busy callee for one provider only, and one with lines of its own', async () => {
		expect((await call('PUT', '/_control/callees/+1 415 555 0171', { answer: 'busy', providers: ['pamela'] })).body.scripted).toEqual({ pamela: '+14155550171' });
		const busy = await pamela({ to: '+14155550171', task: 'Confirm the delivery' });
		expect(await simulator.pamela.waitForStatus(busy.body.id)).toBe('failed');
		expect(simulator.pamela.calls.calls.get(busy.body.id)!.summary).toContain('The line was busy');

		await call('PUT', '/_control/callees/+14155550172', { says: ['Friday suits me better.'] });
		const talk = await pamela({ to: '+14155550172', task: 'Remind Bo of the meeting' });
		await simulator.pamela.waitForStatus(talk.body.id);
		const lines = simulator.pamela.calls.calls.get(talk.body.id)!.transcript.filter((l) => l.speaker === 'callee').map((l) => l.text);
		expect(lines).toEqual(['Friday suits me better.']);
	});

	it('builds the Stepone dialogue from the requirement; the parcel requirement keeps its dialogue; scripted lines are used', async () => {
		const meeting = await stepone({ phones: '13800138111', user_requirement: '通知客户周五下午三点在三楼会议室开季度会议，语气正式。' });
		const meetingTurns = simulator.stepone.calls.get(meeting.body.data.call_ids[0])!.script.turns;
		expect(meetingTurns).toHaveLength(CHINESE_DIALOGUE.length);
		expect(meetingTurns[2]).toEqual({ role: 'assistant', content: '通知您周五下午三点在三楼会议室开季度会议，请问方便吗？' });
		expect(meetingTurns.map((t) => t.content).join('')).not.toContain('取货');

		const parcel = await stepone({ phones: '13800138112', user_requirement: '提醒客户明天上午十点到店取货，语气礼貌。' });
		expect(simulator.stepone.calls.get(parcel.body.data.call_ids[0])!.script.turns).toEqual(CHINESE_DIALOGUE);

		await call('PUT', '/_control/callees/+86 138 0013 8113', { says: ['可以，我会准时到。'] });
		const scripted = await stepone({ phones: '13800138113', user_requirement: '提醒客户明天上午十点到店取货。' });
		const turns = simulator.stepone.calls.get(scripted.body.data.call_ids[0])!.script.turns;
		expect(turns.filter((t) => t.role === 'user').map((t) => t.content)).toEqual(['可以，我会准时到。']);

		await call('PUT', '/_control/callees/13800138114', { answer: 'busy' });
		const busy = await stepone({ phones: '13800138114', user_requirement: '通知客户开会' });
		expect(simulator.stepone.calls.get(busy.body.data.call_ids[0])!.script).toMatchObject({ answered: false, recordStatus: 'busy', hangupCause: 'user_busy' });
	});

	it("places an inbound Telnyx call to the application's URL, signed", async () => {
		expect((await call('PUT', `/_control/telnyx/applications/${TELNYX_CONNECTION_ID}`, { webhookUrl: `${receiverUrl}/telnyx` })).status).toBe(200);
		const placed = await call('POST', '/_control/telnyx/inbound', { from: '+1 415 555 0199', to: '+14155550100' });
		expect(placed).toMatchObject({ status: 201, body: { connectionId: TELNYX_CONNECTION_ID, sentTo: `${receiverUrl}/telnyx` } });
		await simulator.telnyx.waitForEvent(placed.body.callControlId, 'call.initiated');
		await simulator.sim.deliveriesDone();
		const initiated = received.find((r) => r.path === '/telnyx' && (r.body.data as any).payload.call_control_id === placed.body.callControlId);
		expect((initiated!.body.data as any)).toMatchObject({ event_type: 'call.initiated', payload: { direction: 'incoming', from: '+14155550199', to: '+14155550100' } });
		expect(initiated!.headers['telnyx-signature-ed25519']).toBeTruthy();
		expect((await call('POST', '/_control/telnyx/inbound', { from: '+14155550199' })).status).toBe(400);
	});

	it('an unscripted Telnyx callee answers an AI Gather with plausible values; a scripted one with its fields', async () => {
		const telnyx = (path: string, body: unknown) => call('POST', `/v2${path}`, body, { authorization: `Bearer ${simulator.telnyx.credentials().apiKey}` });
		const gather = async (to: string) => {
			const dial = await telnyx('/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to });
			const id = dial.body.data.call_control_id as string;
			await simulator.telnyx.waitForEvent(id, 'call.answered');
			const parameters = { type: 'object', properties: { name: { type: 'string', description: 'full name' }, confirmed: { type: 'boolean' }, guests: { type: 'integer' } }, required: ['name', 'confirmed'] };
			expect((await telnyx(`/calls/${encodeURIComponent(id)}/actions/gather_using_ai`, { parameters })).status).toBe(200);
			await simulator.telnyx.waitForEvent(id, 'call.ai_gather.ended');
			return simulator.telnyx.webhooks.events.find((e) => e.callControlId === id && e.eventType === 'call.ai_gather.ended')!.payload;
		};
		expect(await gather('+14155550174')).toMatchObject({ status: 'valid', result: { name: 'Alex Morgan', confirmed: true, guests: 2 } });
		await call('PUT', '/_control/callees/+14155550175', { fields: { name: 'Ana Lima', confirmed: false } });
		expect(await gather('+14155550175')).toMatchObject({ status: 'valid', result: { name: 'Ana Lima', confirmed: false } });
	});

	it('shows the requests it received (without its own) and what it sent', async () => {
		const before = (await call('GET', '/_control/requests')).body.next as number;
		await pamela({ to: '+14155550173', task: 'Say hello' });
		const { body } = await call('GET', `/_control/requests?since=${before}`);
		expect(body.requests).toEqual([expect.objectContaining({ method: 'POST', path: `${PAMELA_PREFIX}/calls`, body: { to: '+14155550173', task: 'Say hello' } })]);
		expect((await call('GET', '/_control/requests')).body.requests.some((r: { path: string }) => r.path.startsWith('/_'))).toBe(false);
		const sent = (await call('GET', '/_control/sent')).body;
		expect(sent.webhooks.some((w: { url: string; status: number }) => w.url === `${receiverUrl}/telnyx` && w.status === 200)).toBe(true);
		expect(sent.toolCalls).toEqual([]);
	});
});
