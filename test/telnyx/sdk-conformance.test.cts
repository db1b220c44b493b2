// Conformance: the official telnyx SDK (dev dependency) talks to the simulator for dial,
// status, gather, AI gather and hang-up, and the SDK's own verifier accepts its webhooks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Telnyx from 'telnyx';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

let simulator: RunningSimulator;
let client: Telnyx;
let receiver: http.Server;
let receiverUrl: string;
const received: Array<{ body: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
	simulator = await startSimulator();
	// The call moves only when the test steps the clock (waitForEvent, deliveriesDone).
	simulator.sim.clock.hold();
	const creds = simulator.telnyx.credentials();
	client = new Telnyx({ apiKey: creds.apiKey, baseURL: creds.baseUrl, publicKey: creds.publicKey, maxRetries: 0 });
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
			res.end('ok');
		});
	});
	await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await simulator.stop();
	await new Promise((done) => receiver.close(done));
});

it('drives dial, status, gather, AI gather and hang-up through the SDK, and the SDK verifies every webhook', async () => {
	simulator.telnyx.callee('+14155550140', { answer: 'answer', ringMs: 100, digits: '42#', fields: { city: 'Lyon', nights: 3 } });
	const dial = await client.calls.dial({ connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550140', webhook_url: receiverUrl, command_id: 'dial-sdk-1' });
	const id = dial.data!.call_control_id;
	expect(dial.data).toMatchObject({ record_type: 'call', is_alive: false, call_leg_id: expect.any(String), call_session_id: expect.any(String) });
	await simulator.telnyx.waitForEvent(id, 'call.answered');

	const status = await client.calls.retrieveStatus(id);
	expect(status.data).toMatchObject({ call_control_id: id, is_alive: true, start_time: expect.any(String) });

	await expect(client.calls.actions.gather(id, { minimum_digits: 1, maximum_digits: 4, command_id: 'g-1' })).resolves.toMatchObject({ data: { result: 'ok' } });
	await simulator.telnyx.waitForEvent(id, 'call.gather.ended');

	const ai = await client.calls.actions.gatherUsingAI(id, {
		parameters: { type: 'object', properties: { city: { type: 'string' }, nights: { type: 'integer' } }, required: ['city', 'nights'] },
		greeting: 'Where to?',
	});
	expect(ai.data).toMatchObject({ result: 'ok', conversation_id: expect.any(String) });
	await simulator.telnyx.waitForEvent(id, 'call.conversation.ended');

	await expect(client.calls.actions.hangup(id, {})).resolves.toMatchObject({ data: { result: 'ok' } });
	await simulator.telnyx.waitForEvent(id, 'call.hangup');
	await simulator.sim.deliveriesDone();

	const types: string[] = [];
	for (const delivery of received) {
		const event = (await client.webhooks.unwrap(delivery.body, { headers: delivery.headers as Record<string, string> })) as unknown as { data: { event_type: string; payload: Record<string, unknown> } };
		types.push(event.data.event_type);
		if (event.data.event_type === 'call.gather.ended') expect(event.data.payload).toMatchObject({ digits: '42', status: 'valid' });
		if (event.data.event_type === 'call.ai_gather.ended') expect(event.data.payload).toMatchObject({ status: 'valid', result: { city: 'Lyon', nights: 3 } });
	}
	expect(types).toEqual([
		'call.initiated',
		'call.answered',
		'call.dtmf.received',
		'call.dtmf.received',
		'call.dtmf.received',
		'call.gather.ended',
		'call.ai_gather.ended',
		'call.conversation.ended',
		'call.hangup',
	]);

	// And the SDK's verifier refuses a tampered body.
	const first = received[0];
	await expect(client.webhooks.unwrap(first.body.replace('call.initiated', 'call.answered'), { headers: first.headers as Record<string, string> })).rejects.toThrow();

	// Errors surface through the SDK's error classes with the contract's codes.
	const error = await client.calls.actions.speak(id, { payload: 'hi', voice: 'female' }).catch((e: unknown) => e as { status: number; error: { errors: Array<{ code: string }> } });
	expect(error).toMatchObject({ status: 422, error: { errors: [{ code: '90018' }] } });
});
