// The Pamela Trigger in Call Events mode behind the harness webhook server: a real call in the
// simulator sends signed events; bad signatures are refused with 401 and start nothing.
import type { IDataObject } from 'n8n-workflow';

import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { jsonOf, placeCall, runPamela, triggerNode } from './helpers.cts';

let simulator: RunningSimulator;
let server: TriggerServer;

const events = ['call.started', 'call.transcript_update', 'call.completed', 'call.failed'];

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	server = await startTriggerServer(
		{ nodes: [triggerNode('Pamela Trigger', { mode: 'events', events })] },
		{ triggerNode: 'Pamela Trigger', credentials: { pamelaApi: simulator.pamela.credentials() } },
	);
	await server.activate();
	simulator.pamela.webhookUrl = server.url;
});
afterAll(async () => {
	await server.stop();
	await simulator.stop();
});

async function post(body: string, headers: Record<string, string>) {
	const before = server.deliveries.length;
	const response = await fetch(server.url, { method: 'POST', headers, body });
	const [result] = (await server.waitForDeliveries(before + 1)).slice(before);
	return { status: response.status, body: (await response.json()) as IDataObject, result };
}

describe('call events from a real call', () => {
	it('starts once per selected event: call.started, transcript updates, call.completed', async () => {
		simulator.pamela.callee('+14155550150', { answer: 'answer', ringMs: 300, says: ['Hello, Bella Roma.', 'Yes, 8 pm is fine.'] });
		const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550150')));
		await simulator.pamela.waitForStatus(String(placed.id), ['completed']);
		const emitted = simulator.pamela.events.emitted.filter((e) => e.callId === placed.id);
		const all = await server.waitForDeliveries(emitted.length);
		const started = all.filter((d) => d.workflowStarted).map((d) => d.triggerItems[0].json);
		expect(started.map((item) => item.event)).toEqual([
			'call.started',
			'call.transcript_update',
			'call.transcript_update',
			'call.transcript_update',
			'call.transcript_update',
			'call.completed',
		]);
		expect(started.every((item) => item.callId === placed.id)).toBe(true);
		expect(started[0]).toMatchObject({ status: 'in_progress', timestamp: expect.any(String), transcript: [] });
		expect(started[2].transcript).toEqual([{ speaker: 'callee', text: 'Hello, Bella Roma.', timestamp: expect.any(String) }]);
		const completed = started[5];
		expect(completed.status).toBe('completed');
		expect((completed.transcript as IDataObject[]).map((e) => e.text)).toEqual([
			'Hi, this is Pamela calling. Book a table for two at 8 pm',
			'Hello, Bella Roma.',
			'Yes, 8 pm is fine.',
			'Thank you, goodbye.',
		]);
		expect((completed.raw as IDataObject).call_id).toBe(placed.id);
		// call.queued was not selected: acknowledged with 200, no execution.
		const queued = all.find((d) => (d.body as IDataObject)?.ignored === 'call.queued');
		expect(queued).toMatchObject({ status: 200, workflowStarted: false });

		await simulator.pamela.waitForTranscript(String(placed.id));
		const [call] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'get', callId: placed.id }));
		expect(call.transcript).toEqual(completed.transcript);
	});
});

describe('signatures', () => {
	// Signed now: the trigger refuses timestamps outside its replay window (tested in trigger-security.test.cts).
	const payload = { event: 'call.completed', call_id: 'call_sig', status: 'completed', timestamp: new Date().toISOString(), transcript: [{ role: 'agent', content: 'Café crème?' }] };

	it('accepts a body signed as sent', async () => {
		const { body, headers } = simulator.pamela.signed(payload);
		const answer = await post(body, headers);
		expect(answer.status).toBe(200);
		expect(answer.result.triggerItems[0].json).toMatchObject({ callId: 'call_sig', transcript: [{ speaker: 'agent', text: 'Café crème?', timestamp: null }] });
	});

	it('accepts a body a relay re-serialised (pretty, unsorted, unescaped), signed over the sorted compact form', async () => {
		// Another call: a second call.completed for call_sig would be a repeat and start nothing.
		const { headers } = simulator.pamela.signed({ ...payload, call_id: 'call_sig_relayed' });
		const answer = await post(JSON.stringify({ transcript: payload.transcript, timestamp: payload.timestamp, status: 'completed', call_id: 'call_sig_relayed', event: 'call.completed' }, null, 2), headers);
		expect(answer.status).toBe(200);
		expect(answer.result.workflowStarted).toBe(true);
	});

	it.each([
		['a tampered body', () => {
			const signed = simulator.pamela.signed(payload);
			return { ...signed, body: signed.body.replace('call_sig', 'call_evil') };
		}],
		['the wrong secret', () => simulator.pamela.signed(payload, 'whsec_someone_else')],
		['no signature', () => ({ body: simulator.pamela.signed(payload).body, headers: { 'content-type': 'application/json' } })],
		['a malformed signature', () => ({ body: simulator.pamela.signed(payload).body, headers: { 'content-type': 'application/json', 'x-pamela-signature': 'not-hex' } })],
	])('refuses %s with 401 and starts nothing', async (_, make) => {
		const { body, headers } = make();
		const answer = await post(body, headers);
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ error: 'Invalid signature' });
		expect(answer.result.workflowStarted).toBe(false);
	});
});

describe('activation', () => {
	it('is refused when the credential has no webhook secret', async () => {
		const noSecret = await startTriggerServer(
			{ nodes: [triggerNode('Pamela Trigger', { mode: 'events', events })] },
			{ triggerNode: 'Pamela Trigger', credentials: { pamelaApi: simulator.pamela.credentials({ webhookSecret: '' }) } },
		);
		try {
			await expect(noSecret.activate()).rejects.toThrow('The Pamela credential has no Webhook Secret');
		} finally {
			await noSecret.stop();
		}
	});

	it('succeeds with a secret', async () => {
		await expect(server.activate()).resolves.toBeUndefined();
	});
});
