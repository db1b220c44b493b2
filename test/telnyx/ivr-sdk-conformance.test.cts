// Conformance of the simulator's voice-menu commands with the official telnyx SDK (dev
// dependency): an inbound call answered, menu commands sent with the SDK's own request types
// (actions.d.ts), events verified by the SDK's webhook verifier, and bodies missing a required
// field refused with the contract's codes through the SDK's error classes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Telnyx from 'telnyx';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

let simulator: RunningSimulator;
let client: Telnyx;
let receiver: http.Server;
const received: Array<{ body: string; headers: http.IncomingHttpHeaders }> = [];
const APP = '4001';

beforeAll(async () => {
	simulator = await startSimulator();
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
	simulator.telnyx.connection(APP, { webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/app` });
});
afterAll(async () => {
	await simulator.stop();
	await new Promise((done) => receiver.close(done));
});

type SdkError = { status: number; error: { errors: Array<{ code: string; source?: { pointer?: string } }> } };
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as SdkError);

it('answers an inbound call and runs the menu commands with SDK-typed bodies; the SDK verifies every webhook', async () => {
	simulator.telnyx.callee('+14155550160', { answer: 'answer', ringMs: 100 });
	const caller = simulator.telnyx.inboundCall({ connectionId: APP, from: '+14155550150', to: '+14155550100', script: { says: ['Hello there'] } });
	const id = caller.callControlId;
	await simulator.telnyx.waitForEvent(id, 'call.initiated');
	const answer = await client.calls.actions.answer(id, { record: 'record-from-answer', record_format: 'wav', record_channels: 'single', custom_headers: [{ name: 'X-A', value: '1' }], command_id: 'a-1' });
	expect(answer.data).toMatchObject({ result: 'ok', recording_id: expect.any(String) });
	await simulator.telnyx.waitForEvent(id, 'call.answered');

	await expect(client.calls.actions.startPlayback(id, { audio_url: 'https://example.com/a.mp3', loop: 1 })).resolves.toMatchObject({ data: { result: 'ok' } });
	await simulator.telnyx.waitForEvent(id, 'call.playback.ended');
	await expect(client.calls.actions.stopPlayback(id, { stop: 'all' })).resolves.toMatchObject({ data: { result: 'ok' } });
	await expect(client.calls.actions.startTranscription(id, { transcription_engine: 'Google', transcription_tracks: 'both' })).resolves.toMatchObject({ data: { result: 'ok' } });
	await simulator.telnyx.waitForEvent(id, 'call.transcription');
	await expect(client.calls.actions.stopTranscription(id, {})).resolves.toMatchObject({ data: { result: 'ok' } });
	await expect(client.calls.actions.sendDtmf(id, { digits: '1w2', duration_millis: 250 })).resolves.toMatchObject({ data: { result: 'ok' } });
	await expect(client.calls.actions.startRecording(id, { channels: 'dual', format: 'mp3' })).resolves.toMatchObject({ data: { result: 'ok' } });
	await expect(client.calls.actions.stopRecording(id, {})).resolves.toMatchObject({ data: { result: 'ok' } });
	await expect(client.calls.actions.transfer(id, { to: '+14155550160', timeout_secs: 10 })).resolves.toMatchObject({ data: { result: 'ok' } });
	const [leg] = simulator.telnyx.callsTo('+14155550160');
	await simulator.telnyx.waitForEvent(leg.callControlId, 'call.bridged');
	await expect(client.calls.actions.hangup(id, {})).resolves.toMatchObject({ data: { result: 'ok' } });
	await simulator.telnyx.waitForEvent(leg.callControlId, 'call.hangup');
	await simulator.sim.deliveriesDone();

	const types: string[] = [];
	for (const delivery of received) {
		const event = (await client.webhooks.unwrap(delivery.body, { headers: delivery.headers as Record<string, string> })) as unknown as { data: { event_type: string; payload: Record<string, unknown> } };
		if (event.data.payload.call_control_id === id) types.push(event.data.event_type);
	}
	expect(types).toEqual([
		'call.initiated',
		'call.answered',
		'call.playback.started',
		'call.playback.ended',
		'call.transcription',
		// Start Recording while the record-from-answer recording runs saves that one first (inferred), then Stop saves the new one.
		'call.recording.saved',
		'call.recording.saved',
		'call.bridged',
		'call.hangup',
	]);
});

it('refuses bodies without a required field, or with a bad value, with the contract codes', async () => {
	const caller = simulator.telnyx.inboundCall({ connectionId: APP, from: '+14155550151', to: '+14155550100' });
	const id = caller.callControlId;
	await simulator.telnyx.waitForEvent(id, 'call.initiated');
	const post = (action: string, body: Record<string, unknown>) => refusal(client.post(`/calls/${id}/actions/${action}`, { body }));

	expect(await post('reject', {})).toMatchObject({ status: 422, error: { errors: [{ code: '10004', source: { pointer: '/cause' } }] } });
	expect(await post('reject', { cause: 'NOPE' })).toMatchObject({ status: 422, error: { errors: [{ code: '10032', source: { pointer: '/cause' } }] } });
	// Commands other than Answer and Reject need an answered call.
	expect(await post('playback_start', { audio_url: 'https://example.com/a.mp3' })).toMatchObject({ status: 422, error: { errors: [{ code: '90034' }] } });
	expect(await post('answer', { record_format: 'ogg' })).toMatchObject({ status: 422, error: { errors: [{ code: '10032', source: { pointer: '/record_format' } }] } });
	expect(await post('answer', { sip_headers: [{ name: 'X-Other', value: '1' }] })).toMatchObject({ status: 422, error: { errors: [{ code: '10015', source: { pointer: '/sip_headers' } }] } });
	await client.calls.actions.answer(id, {});
	await simulator.telnyx.waitForEvent(id, 'call.answered');

	const cases: Array<[string, Record<string, unknown>, string, string]> = [
		['transfer', {}, '10004', '/to'],
		['transfer', { to: '415' }, '10016', '/to'],
		['bridge', {}, '10004', '/call_control_id_to_bridge_with'],
		['bridge', { call_control_id_to_bridge_with: 'v3:unknown' }, '90015', '/call_control_id_to_bridge_with'],
		['send_dtmf', {}, '10004', '/digits'],
		['send_dtmf', { digits: '12', duration_millis: 50 }, '10033', '/duration_millis'],
		['playback_start', {}, '10004', '/audio_url'],
		['playback_start', { audio_url: 'https://example.com/a.mp3', media_name: 'a' }, '10015', '/media_name'],
		['playback_start', { audio_url: 'https://example.com/a.mp3', loop: 101 }, '10033', '/loop'],
		['record_start', { format: 'mp3' }, '10004', '/channels'],
		['record_start', { channels: 'dual' }, '10004', '/format'],
		['record_start', { channels: 'stereo', format: 'mp3' }, '10032', '/channels'],
		['transcription_start', { transcription_engine: 'Whisper' }, '10032', '/transcription_engine'],
		['answer', {}, '10015', '/call_control_id'],
	];
	for (const [action, body, code, pointer] of cases) {
		expect([action, await post(action, body)]).toMatchObject([action, { status: 422, error: { errors: [{ code, source: { pointer } }] } }]);
	}
	await client.calls.actions.startTranscription(id, {});
	expect(await post('transcription_start', {})).toMatchObject({ status: 422, error: { errors: [{ code: '90054' }] } });
});
