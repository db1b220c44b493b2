// Simulator rules (validation, command_id dedupe, webhook retries, per-event URLs) and node
// behaviour that needs no trigger (schema refused before any request, request bodies).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { runTelnyx } from './helpers.cts';

let simulator: RunningSimulator;
let receiver: http.Server;
let receiverUrl: string;
/** Status the receiver answers per path; records every hit. */
const answers = new Map<string, number[]>();
const hits: Array<{ path: string; body: string }> = [];

beforeAll(async () => {
	simulator = await startSimulator();
	// Calls move only when a test steps the clock (waitForEvent, deliveriesDone).
	simulator.sim.clock.hold();
	receiver = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			hits.push({ path: req.url ?? '', body });
			res.statusCode = answers.get(req.url ?? '')?.shift() ?? 200;
			res.end();
		});
	});
	await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await simulator.stop();
	await new Promise((done) => receiver.close(done));
});

async function api(method: string, path: string, body?: unknown) {
	const response = await fetch(`${simulator.telnyx.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${simulator.telnyx.credentials().apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<Record<string, unknown>> } };
}

async function answeredCall(to: string, extra: Record<string, unknown> = {}) {
	simulator.telnyx.callee(to, { answer: 'answer', ringMs: 50, ...((extra.script as object) ?? {}) });
	const dial = await api('POST', '/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to, ...extra, script: undefined });
	const id = String(dial.body.data!.call_control_id);
	await simulator.telnyx.waitForEvent(id, 'call.answered');
	return id;
}

describe('simulator', () => {
	it('validates Dial with the contract codes', async () => {
		expect((await api('POST', '/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100' })).body.errors![0]).toMatchObject({ code: '10004', source: { pointer: '/to' } });
		expect((await api('POST', '/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to: '4155550123' })).body.errors![0].code).toBe('10016');
		expect((await api('POST', '/calls', { connection_id: 'nope', from: '+14155550100', to: '+14155550123' })).body.errors![0].code).toBe('10015');
		expect((await api('POST', '/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550123', timeout_secs: 2 })).body.errors![0].code).toBe('10033');
		expect((await api('POST', '/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550123', client_state: 'not base64!' })).status).toBe(422);
		expect((await fetch(`${simulator.telnyx.baseUrl}/calls`, { method: 'POST' })).status).toBe(401);
	});

	it('ignores a repeated command_id for the same call: same answer, one effect', async () => {
		const id = await answeredCall('+14155550150');
		const first = await api('POST', `/calls/${encodeURIComponent(id)}/actions/gather_using_ai`, { parameters: { type: 'object', properties: { a: { type: 'string' } } }, command_id: 'same' });
		const second = await api('POST', `/calls/${encodeURIComponent(id)}/actions/gather_using_ai`, { parameters: { type: 'object', properties: { a: { type: 'string' } } }, command_id: 'same' });
		expect(second).toEqual(first);
		const third = await api('POST', `/calls/${encodeURIComponent(id)}/actions/gather_using_ai`, { parameters: { type: 'object', properties: { a: { type: 'string' } } }, command_id: 'other' });
		expect(third.body.errors![0].code).toBe('90061');
		expect(simulator.telnyx.calls.get(id)!.executed.filter((c) => c.action === 'gather_using_ai')).toHaveLength(1);
	});

	it('refuses an AI gather schema that is not an object schema', async () => {
		const id = await answeredCall('+14155550151');
		const response = await api('POST', `/calls/${encodeURIComponent(id)}/actions/gather_using_ai`, { parameters: { type: 'string' } });
		expect(response.body.errors![0]).toMatchObject({ code: '10015', source: { pointer: '/parameters' } });
	});

	it('retries a failed webhook on the call policy and sends per-event URLs their events', async () => {
		answers.set('/main', [500, 503]);
		simulator.telnyx.callee('+14155550152', { answer: 'reject', ringMs: 50 });
		const dial = await api('POST', '/calls', {
			connection_id: TELNYX_CONNECTION_ID,
			from: '+14155550100',
			to: '+14155550152',
			webhook_url: `${receiverUrl}/main`,
			webhook_urls: { 'call.hangup': [`${receiverUrl}/hangups`] },
			webhook_retries_policies: { 'call.initiated': { retries_ms: [100, 100] } },
		});
		const id = String(dial.body.data!.call_control_id);
		await simulator.telnyx.waitForEvent(id, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const initiated = hits.filter((h) => h.path === '/main' && h.body.includes('call.initiated'));
		expect(initiated.map((h) => JSON.parse(h.body).meta.attempt)).toEqual([1, 2, 3]);
		const hangups = hits.filter((h) => h.path === '/hangups');
		expect(hangups).toHaveLength(1);
		expect(JSON.parse(hangups[0].body).data.payload).toMatchObject({ hangup_cause: 'call_rejected', call_control_id: id });
		// In order: the hang-up went out after the retried call.initiated.
		expect(hits.indexOf(hangups[0])).toBeGreaterThan(hits.indexOf(initiated[2]));
	});

	it('reports machine detection for a voicemail callee', async () => {
		simulator.telnyx.callee('+14155550153', { answer: 'voicemail', ringMs: 50 });
		const dial = await api('POST', '/calls', { connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550153', answering_machine_detection: 'greeting_end' });
		const id = String(dial.body.data!.call_control_id);
		await simulator.telnyx.waitForEvent(id, 'call.machine.greeting.ended');
		const amd = simulator.telnyx.webhooks.events.find((e) => e.callControlId === id && e.eventType === 'call.machine.detection.ended');
		expect(amd?.payload.result).toBe('machine');
	});
});

describe('node', () => {
	it('refuses a JSON Schema that is not an object schema before any request, with the reason', async () => {
		const before = simulator.sim.requests.length;
		const result = await runTelnyx(simulator, { operation: 'gatherUsingAi', callControlId: 'v3:x', schemaMode: 'json', parametersJson: '{"type":"array","items":{"type":"string"}}' });
		expect(result.errors.Telnyx.message).toBe('JSON Schema: The schema\'s "type" must be "object" (it is "array"), because the AI fills an object of fields');
		expect(result.errors.Telnyx.description).toBe('Item 0: fix "JSON Schema". Nothing was sent to Telnyx.');
		expect(simulator.sim.requests.length).toBe(before);
	});

	it('refuses a field list with a duplicate name', async () => {
		const result = await runTelnyx(simulator, { operation: 'gatherUsingAi', callControlId: 'v3:x', schemaMode: 'fields', fields: { field: [{ name: 'a' }, { name: 'a' }] } });
		expect(result.errors.Telnyx.message).toBe('Fields to Collect: The field name "a" is used twice');
	});

	it('sends the DTMF gather options with the client state encoded and a fresh command_id per item', async () => {
		const id = await answeredCall('+14155550154');
		const result = await runTelnyx(
			simulator,
			{ operation: 'gather', callControlId: id, options: { maximumDigits: 4, terminatingDigit: '', clientState: 'step-2' } },
			[{ json: {} }, { json: {} }],
		);
		expect(result.errors).toEqual({});
		const bodies = simulator.sim.requestsTo('POST', /actions\/gather$/).slice(-2).map((r) => r.body as Record<string, unknown>);
		expect(bodies[0]).toMatchObject({ maximum_digits: 4, terminating_digit: '', client_state: Buffer.from('step-2').toString('base64') });
		expect(bodies[0].command_id).not.toBe(bodies[1].command_id);
	});

	it('explains an unknown Call Control ID', async () => {
		const result = await runTelnyx(simulator, { operation: 'get', callControlId: 'v3:unknown' });
		expect(result.errors.Telnyx.message).toContain('Telnyx error 90015 (HTTP 422)');
		expect(result.errors.Telnyx.description).toContain('The Call Control ID is unknown or garbled');
	});

	it('keeps the API key out of errors', async () => {
		const result = await runTelnyx(simulator, { operation: 'get', callControlId: 'v3:x' }, undefined, {}, simulator.telnyx.credentials({ apiKey: 'KEYsecret_wrong_999' }));
		expect(result.errors.Telnyx.message).toContain('Telnyx error 10009 (HTTP 401)');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('KEYsecret_wrong_999');
	});
});
