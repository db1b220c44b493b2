// Pamela Trigger, what it refuses and repeats: no raw body, a signed timestamp outside the
// replay window (configurable), the measured -1e999 forgery and duplicate keys all get a plain
// 401 and start nothing; a repeated delivery inside the window starts nothing; a repeated tool
// call gets 409; accepted events are answered with JSON {"received": true}.
import type { IDataObject } from 'n8n-workflow';

import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { pamelaSignature } from '../simulator/providers/pamela/signing.cts';
import { n8nLogger } from '../support/n8n-logger.cts';
import { triggerNode } from './helpers.cts';

let simulator: RunningSimulator;
let events: TriggerServer;
let tools: TriggerServer;
let calls = 0;

const iso = (offsetSeconds = 0) => new Date(Date.now() + offsetSeconds * 1000).toISOString();
const event = (fields: IDataObject = {}): IDataObject => ({ event: 'call.completed', call_id: `call_sec_${++calls}`, status: 'completed', timestamp: iso(), ...fields });

beforeAll(async () => {
	simulator = await startSimulator();
	const credentials = { pamelaApi: simulator.pamela.credentials() };
	events = await startTriggerServer({ nodes: [triggerNode('Pamela Trigger', { mode: 'events', events: ['call.completed', 'call.transcript_update'] })] }, { triggerNode: 'Pamela Trigger', credentials });
	tools = await startTriggerServer({ nodes: [triggerNode('Pamela Trigger', { mode: 'toolCall', toolNames: 'lookup_order' })] }, { triggerNode: 'Pamela Trigger', credentials });
	await events.activate();
	await tools.activate();
});
afterAll(async () => {
	await events.stop();
	await tools.stop();
	await simulator.stop();
});
afterEach(() => jest.restoreAllMocks());

async function send(server: TriggerServer, body: string, headers: Record<string, string> = {}, url = server.url) {
	const before = server.deliveries.length;
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	const text = await response.text();
	const [result] = (await server.waitForDeliveries(before + 1)).slice(before);
	return { status: response.status, text, result };
}

const signedSend = (server: TriggerServer, payload: IDataObject, extra: Record<string, string> = {}) => {
	const { body, headers } = simulator.pamela.signed(payload);
	return send(server, body, { ...headers, ...extra });
};

describe('answers', () => {
	it('acknowledges an accepted event with the JSON {"received": true}, not the text "firstEntryJson"', async () => {
		const answer = await signedSend(events, event());
		expect(answer.status).toBe(200);
		expect(answer.result.workflowStarted).toBe(true);
		expect(JSON.parse(answer.text)).toEqual({ received: true });
	});
});

describe('refused with a plain 401, nothing started', () => {
	const refused = async (answer: Awaited<ReturnType<typeof send>>) => {
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.text)).toEqual({ error: 'Invalid signature' });
		expect(answer.result.workflowStarted).toBe(false);
	};

	it('a correctly signed event for which n8n kept no raw body (the reason goes to n8n\'s log)', async () => {
		const warn = jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
		await refused(await signedSend(events, event(), { 'x-harness-no-raw-body': '1' }));
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Pamela Trigger "Pamela Trigger" refused a request: n8n passed no raw body/));
	});

	it.each([
		['signed 6 minutes ago', -360],
		['signed 6 minutes ahead', 360],
	])('an event %s (outside the 5-minute window)', async (_, offset) => {
		const warn = jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
		await refused(await signedSend(events, event({ timestamp: iso(offset) })));
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/more than 300 s from now/));
	});

	it('an event without a timestamp, or with one that is not a time', async () => {
		const { timestamp: _, ...untimed } = event();
		await refused(await signedSend(events, untimed));
		await refused(await signedSend(events, event({ timestamp: 'yesterday' })));
	});

	it('the measured forgery: a body signed with "summary":null sent as "summary":-1e999', async () => {
		const signed = simulator.pamela.signed(event({ summary: null }));
		expect(signed.body).toContain('"summary":null');
		await refused(await send(events, signed.body.replace('"summary":null', '"summary":-1e999'), signed.headers));
	});

	it('a body with a duplicate key whose last value matches the signed body', async () => {
		const signed = simulator.pamela.signed(event({ status: 'completed' }));
		await refused(await send(events, signed.body.replace('"status":"completed"', '"status":"failed","status":"completed"'), signed.headers));
	});
});

describe('the replay window', () => {
	it('accepts an event signed 4 minutes ago', async () => {
		expect((await signedSend(events, event({ timestamp: iso(-240) }))).result.workflowStarted).toBe(true);
	});

	it('can be narrowed in the options: 60 s refuses an event signed 2 minutes ago', async () => {
		const narrow = await startTriggerServer(
			{ nodes: [triggerNode('Pamela Trigger', { mode: 'events', events: ['call.completed'], options: { replayWindowSeconds: 60 } })] },
			{ triggerNode: 'Pamela Trigger', credentials: { pamelaApi: simulator.pamela.credentials() } },
		);
		try {
			expect((await signedSend(narrow, event({ timestamp: iso(-120) }))).status).toBe(401);
			expect((await signedSend(narrow, event({ timestamp: iso(-30) }))).result.workflowStarted).toBe(true);
		} finally {
			await narrow.stop();
		}
	});
});

describe('repeated deliveries inside the window', () => {
	it('the same event delivered twice starts once', async () => {
		const payload = event({ event: 'call.transcript_update', status: 'in_progress', transcript: [{ speaker: 'callee', text: 'Hi' }] });
		const first = await signedSend(events, payload);
		const second = await signedSend(events, payload);
		expect(first.result.workflowStarted).toBe(true);
		expect(second.status).toBe(200);
		expect(JSON.parse(second.text)).toEqual({ received: true, duplicate: true });
		expect(second.result.workflowStarted).toBe(false);
	});

	it('a call\'s end is counted once, even re-sent with a new timestamp', async () => {
		const payload = event();
		expect((await signedSend(events, payload)).result.workflowStarted).toBe(true);
		expect((await signedSend(events, { ...payload, timestamp: iso(1) })).result.workflowStarted).toBe(false);
	});

	it('a tool call replayed with the same correlation ID gets 409 and runs nothing', async () => {
		const call = { tool_name: 'lookup_order', arguments: { order: 'A-1' }, call_id: 'call_tool_1', correlation_id: 'corr_replayed_1' };
		const first = await signedSend(tools, call);
		expect(first.status).toBe(200);
		expect(first.result.workflowStarted).toBe(true);
		const again = await signedSend(tools, call);
		expect(again.status).toBe(409);
		expect(again.result.workflowStarted).toBe(false);
	});

	it('a tool call with a stale timestamp is refused; one without a timestamp (the contract has none) is checked by signature only', async () => {
		const stale = await signedSend(tools, { tool_name: 'lookup_order', arguments: {}, call_id: 'c', correlation_id: 'corr_stale', timestamp: iso(-3600) });
		expect(stale.status).toBe(401);
		const body = JSON.stringify({ arguments: {}, call_id: 'c', correlation_id: 'corr_plain', tool_name: 'lookup_order' });
		const plain = await send(tools, body, { 'x-pamela-signature': pamelaSignature(simulator.pamela.webhookSecret, body) });
		expect(plain.status).toBe(200);
	});
});
