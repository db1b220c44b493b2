// The voice-menu operations (Answer, Reject, Transfer, Bridge, Send DTMF, Playback, Recording,
// Transcription) and Place Call's new options, in n8n's engine against the simulator on a held
// clock: each request body field by field (SDK actions.d.ts / calls.d.ts names), the events the
// command produces, refusals before sending (no request) and Telnyx's refusals as mapped messages.
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID, type SimCall } from '../simulator/providers/telnyx/index.cts';
import { runTelnyx } from './helpers.cts';

let simulator: RunningSimulator;
let number = 4155551000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const b64 = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
});
afterAll(async () => await simulator.stop());

function nextNumber(): string {
	number += 1;
	return `+1${number}`;
}

function lastBody(action: string): Record<string, unknown> {
	return simulator.sim.requestsTo('POST', new RegExp(`/actions/${action}$`)).at(-1)!.body as Record<string, unknown>;
}

function sent(action: string): number {
	return simulator.sim.requestsTo('POST', new RegExp(`/actions/${action}$`)).length;
}

function payloads(call: SimCall, eventType: string): Array<Record<string, unknown>> {
	return simulator.telnyx.webhooks.events.filter((e) => e.callControlId === call.callControlId && e.eventType === eventType).map((e) => e.payload);
}

/** An inbound call that has arrived (call.initiated) and is still waiting to be answered. */
async function inbound(script: Record<string, unknown> = {}): Promise<SimCall> {
	const call = simulator.telnyx.inboundCall({ connectionId: TELNYX_CONNECTION_ID, from: '+14155550199', to: nextNumber(), script });
	await simulator.telnyx.waitForEvent(call.callControlId, 'call.initiated');
	return call;
}

async function answered(script: Record<string, unknown> = {}): Promise<SimCall> {
	const call = await inbound(script);
	const run = await runTelnyx(simulator, { operation: 'answer', callControlId: call.callControlId });
	expect(run.errors).toEqual({});
	await simulator.telnyx.waitForEvent(call.callControlId, 'call.answered');
	return call;
}

describe('Answer', () => {
	it('sends every option under its API name, answers the incoming call and records and transcribes from answer', async () => {
		const call = await inbound({ says: ['I need help with my bill'] });
		expect(payloads(call, 'call.initiated')[0]).toMatchObject({ direction: 'incoming', state: 'parked', from: '+14155550199', to: call.to });
		const run = await runTelnyx(simulator, {
			operation: 'answer',
			callControlId: call.callControlId,
			options: {
				clientState: '{"menu":"main"}',
				assistantId: 'assistant-123',
				assistantOverrides: '{"greeting": "Hi"}',
				customHeaders: { header: [{ name: 'X-Customer', value: '42' }] },
				userToUser: 'abc',
				record: true,
				recordChannels: 'single',
				recordFormat: 'wav',
				recordTrack: 'inbound',
				recordMaxLength: 600,
				recordTrim: true,
				recordCustomFileName: 'menu-call',
				transcription: true,
				transcriptionConfig: '{"transcription_engine": "Deepgram", "transcription_tracks": "inbound"}',
				webhookUrl: 'http://127.0.0.1:1/menu',
				webhookUrlMethod: 'POST',
				webhookUrls: { eventUrl: [{ event: 'call.hangup', url: `${simulator.sim.baseUrl}/_telnyx/webhook-sink` }] },
				webhookUrlsMethod: 'POST',
				webhookRetries: { policy: [{ event: 'call.answered', retriesMs: '1000, 2000' }] },
			},
		});
		expect(run.errors).toEqual({});
		const body = lastBody('answer');
		expect(body).toEqual({
			assistant: { greeting: 'Hi', id: 'assistant-123' },
			custom_headers: [{ name: 'X-Customer', value: '42' }],
			sip_headers: [{ name: 'User-to-User', value: 'abc' }],
			record: 'record-from-answer',
			record_channels: 'single',
			record_format: 'wav',
			record_track: 'inbound',
			record_max_length: 600,
			record_trim: 'trim-silence',
			record_custom_file_name: 'menu-call',
			transcription: true,
			transcription_config: { transcription_engine: 'Deepgram', transcription_tracks: 'inbound' },
			webhook_url: 'http://127.0.0.1:1/menu',
			webhook_url_method: 'POST',
			webhook_urls: { 'call.hangup': [`${simulator.sim.baseUrl}/_telnyx/webhook-sink`] },
			webhook_urls_method: 'POST',
			webhook_retries_policies: { 'call.answered': { retries_ms: [1000, 2000] } },
			client_state: b64('{"menu":"main"}'),
			command_id: expect.stringMatching(UUID),
		});
		expect(run.outputs.Telnyx[0].json).toMatchObject({ command: 'answer', result: 'ok', callControlId: call.callControlId, commandId: body.command_id, recordingId: expect.stringMatching(UUID) });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.transcription');
		expect(payloads(call, 'call.transcription')[0].transcription_data).toEqual({ transcript: 'I need help with my bill', is_final: true, confidence: 0.97, transcription_track: 'inbound' });
		expect(payloads(call, 'call.answered')[0].client_state).toBe(b64('{"menu":"main"}'));

		await runTelnyx(simulator, { operation: 'hangup', callControlId: call.callControlId });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.recording.saved');
		expect(payloads(call, 'call.hangup')[0]).toMatchObject({ hangup_cause: 'normal_clearing', hangup_source: 'callee' });
		expect(payloads(call, 'call.recording.saved')[0]).toMatchObject({ channels: 'single', recording_urls: { wav: expect.stringContaining('.wav') } });
	});

	it('sends a fresh command_id on every run', async () => {
		const first = await inbound();
		const second = await inbound();
		await runTelnyx(simulator, { operation: 'answer', callControlId: first.callControlId });
		const a = lastBody('answer').command_id;
		await runTelnyx(simulator, { operation: 'answer', callControlId: second.callControlId });
		expect(lastBody('answer').command_id).not.toBe(a);
	});

	it.each([
		[{ assistantOverrides: '{"greeting": "Hi"}' }, 'AI Assistant: overrides are set but no assistant is', 'option "AI Assistant": choose the AI Assistant'],
		[{ recordFormat: 'wav' }, 'Record: "record_format" is set but Record is off', 'option "Record": turn Record on'],
		[{ transcriptionConfig: '{"transcription_engine": "Google"}' }, 'Transcription Config: it is set but Transcribe is off', 'option "Transcription Config"'],
		[{ webhookRetries: { policy: [{ event: 'call.hangup', retriesMs: '1,2,3,4,5,6' }] } }, 'is not a list of up to 5 delays', 'option "Webhook Retry Policies": enter up to 5 whole numbers'],
		[{ webhookRetries: { policy: [{ event: 'call.hangup', retriesMs: '40000, 30000' }] } }, 'add up to more than 60000 ms', 'option "Webhook Retry Policies"'],
		[{ customHeaders: { header: [{ name: '', value: 'x' }] } }, 'Custom SIP Headers: header 1 has no name', 'option "Custom SIP Headers": give every header a name'],
	])('refuses %j before sending, naming the item, the option and the fix', async (options, message, fix) => {
		const call = await inbound();
		const before = sent('answer');
		const run = await runTelnyx(simulator, { operation: 'answer', callControlId: call.callControlId, options });
		expect(run.errors.Telnyx.message).toContain(message);
		expect(run.errors.Telnyx.description).toContain(`Item 0, ${fix}`);
		expect(sent('answer')).toBe(before);
	});

	it('Telnyx refuses answering a call that is already answered, and the message says why', async () => {
		const call = await answered();
		const run = await runTelnyx(simulator, { operation: 'answer', callControlId: call.callControlId });
		expect(run.errors.Telnyx.message).toContain('Telnyx error 10015 (HTTP 422): Invalid value: The call is already answered. (field call_control_id)');
	});
});

describe('Reject', () => {
	it.each([
		['CALL_REJECTED', 'call_rejected'],
		['USER_BUSY', 'user_busy'],
	])('sends cause %s and the call ends with %s', async (cause, hangupCause) => {
		const call = await inbound();
		const run = await runTelnyx(simulator, { operation: 'reject', callControlId: call.callControlId, cause, options: { clientState: 'bye' } });
		expect(run.errors).toEqual({});
		expect(lastBody('reject')).toEqual({ cause, client_state: b64('bye'), command_id: expect.stringMatching(UUID) });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.hangup');
		expect(payloads(call, 'call.hangup')[0]).toMatchObject({ hangup_cause: hangupCause, hangup_source: 'callee' });
		expect(simulator.telnyx.eventTypes(call.callControlId)).not.toContain('call.answered');
	});

	it('refuses an unknown cause before sending', async () => {
		const call = await inbound();
		const before = sent('reject');
		const run = await runTelnyx(simulator, { operation: 'reject', callControlId: call.callControlId, cause: 'NO' });
		expect(run.errors.Telnyx.message).toBe('Cause "NO" is not one Telnyx knows');
		expect(run.errors.Telnyx.description).toBe('Item 0, field "Cause": use CALL_REJECTED or USER_BUSY.');
		expect(sent('reject')).toBe(before);
	});
});

describe('Transfer', () => {
	it('sends the destination and options, dials a new leg and bridges it when it answers', async () => {
		const call = await answered();
		const target = nextNumber();
		simulator.telnyx.callee(target, { answer: 'answer', ringMs: 400 });
		const run = await runTelnyx(simulator, {
			operation: 'transfer',
			callControlId: call.callControlId,
			to: `${target.slice(2)},ww200`,
			options: {
				defaultCountry: 'US',
				from: '+14155550100',
				fromDisplayName: 'Sales line',
				timeoutSecs: 20,
				timeLimitSecs: 600,
				earlyMedia: false,
				muteDtmf: 'opposite',
				parkAfterUnbridge: true,
				audioUrl: 'https://example.com/whisper.mp3',
				answeringMachineDetection: 'detect',
				targetLegClientState: '{"leg":"sales"}',
				customHeaders: { header: [{ name: 'X-Menu', value: '1' }] },
				webhookRetries: { policy: [{ event: 'call.bridged', retriesMs: '500' }] },
			},
		});
		expect(run.errors).toEqual({});
		expect(lastBody('transfer')).toEqual({
			to: target,
			send_digits_on_answer: 'ww200',
			from: '+14155550100',
			from_display_name: 'Sales line',
			timeout_secs: 20,
			time_limit_secs: 600,
			early_media: false,
			mute_dtmf: 'opposite',
			park_after_unbridge: 'self',
			audio_url: 'https://example.com/whisper.mp3',
			answering_machine_detection: 'detect',
			target_leg_client_state: b64('{"leg":"sales"}'),
			custom_headers: [{ name: 'X-Menu', value: '1' }],
			webhook_retries_policies: { 'call.bridged': { retries_ms: [500] } },
			command_id: expect.stringMatching(UUID),
		});
		expect(run.outputs.Telnyx[0].json).toMatchObject({ command: 'transfer', to: target });
		const [leg] = simulator.telnyx.callsTo(target);
		await simulator.telnyx.waitForEvent(leg.callControlId, 'call.bridged');
		expect(simulator.telnyx.eventTypes(leg.callControlId).slice(0, 3)).toEqual(['call.initiated', 'call.answered', 'call.bridged']);
		expect(payloads(leg, 'call.initiated')[0]).toMatchObject({ direction: 'outgoing', from: '+14155550100', client_state: b64('{"leg":"sales"}') });
		expect(simulator.telnyx.eventTypes(call.callControlId)).toContain('call.bridged');
		expect(leg.callSessionId).toBe(call.callSessionId);
	});

	it('a reply lost to a reset connection is resent with the same command_id, and only one new leg is dialled', async () => {
		const call = await answered();
		const target = nextNumber();
		simulator.telnyx.callee(target, { answer: 'busy' });
		const path = new RegExp(`^/v2/calls/${encodeURIComponent(call.callControlId)}/actions/transfer$`);
		simulator.sim.faults.add({ method: 'POST', path, kind: 'reset-after' });
		const run = await runTelnyx(simulator, { operation: 'transfer', callControlId: call.callControlId, to: target });
		expect(run.errors).toEqual({});
		const ids = simulator.sim.requestsTo('POST', path).map((r) => (r.body as Record<string, unknown>).command_id);
		expect(ids).toHaveLength(2);
		expect(ids[0]).toBe(ids[1]);
		expect(simulator.telnyx.callsTo(target)).toHaveLength(1);
		expect(simulator.telnyx.calls.get(call.callControlId)!.executed.filter((c) => c.action === 'transfer')).toHaveLength(1);
	});

	it('an unanswered destination leaves the caller on the line', async () => {
		const call = await answered();
		const target = nextNumber();
		simulator.telnyx.callee(target, { answer: 'no-answer' });
		await runTelnyx(simulator, { operation: 'transfer', callControlId: call.callControlId, to: target, options: { timeoutSecs: 5 } });
		const [leg] = simulator.telnyx.callsTo(target);
		await simulator.telnyx.waitForEvent(leg.callControlId, 'call.hangup');
		expect(payloads(leg, 'call.hangup')[0].hangup_cause).toBe('timeout');
		expect(simulator.telnyx.calls.get(call.callControlId)!.state).toBe('answered');
	});

	it.each([
		[{ to: '+14155550123, +14155550124' }, 'To: a transfer goes to one destination', 'Item 0, field "To": give one number or SIP URI.'],
		[{ to: '+14155550123', options: { audioUrl: 'https://example.com/a.mp3', mediaName: 'hold' } }, 'Audio URL on Answer and Media Name on Answer cannot both be set', 'Item 0: fill in "Audio URL on Answer" or "Media Name on Answer", not both.'],
		[{ to: 'sales please' }, 'To: Invalid phone number', 'Item 0, field "To"'],
	])('refuses %j before sending', async (parameters, message, description) => {
		const call = await answered();
		const before = sent('transfer');
		const run = await runTelnyx(simulator, { operation: 'transfer', callControlId: call.callControlId, ...parameters });
		expect(run.errors.Telnyx.message).toContain(message);
		expect(run.errors.Telnyx.description).toContain(description);
		expect(sent('transfer')).toBe(before);
	});

	it('a transfer before Answer gets the mapped "not answered yet" message', async () => {
		const call = await inbound();
		const run = await runTelnyx(simulator, { operation: 'transfer', callControlId: call.callControlId, to: '+14155550123' });
		expect(run.errors.Telnyx.message).toContain('Telnyx error 90034 (HTTP 422): Call not answered yet');
		expect(run.errors.Telnyx.description).toMatch(/Item 0: The call is not answered yet: wait for the call.answered event/);
	});
});

describe('Bridge', () => {
	it('sends the other call and the options; both legs get call.bridged', async () => {
		const a = await answered();
		const b = await answered();
		const run = await runTelnyx(simulator, {
			operation: 'bridge',
			callControlId: a.callControlId,
			bridgeWith: b.callControlId,
			options: { playRingtone: true, ringtone: 'uk', preventDoubleBridge: true, holdAfterUnbridge: false, muteDtmf: 'both', parkAfterUnbridge: true },
		});
		expect(run.errors).toEqual({});
		expect(lastBody('bridge')).toEqual({
			call_control_id_to_bridge_with: b.callControlId,
			play_ringtone: true,
			ringtone: 'uk',
			prevent_double_bridge: true,
			hold_after_unbridge: false,
			mute_dtmf: 'both',
			park_after_unbridge: 'self',
			command_id: expect.stringMatching(UUID),
		});
		await simulator.telnyx.waitForEvent(b.callControlId, 'call.bridged');
		expect(simulator.telnyx.eventTypes(a.callControlId)).toContain('call.bridged');
		// B hangs up: A was bridged with park_after_unbridge, so it stays up.
		await runTelnyx(simulator, { operation: 'hangup', callControlId: b.callControlId });
		await simulator.telnyx.waitForEvent(b.callControlId, 'call.hangup');
		expect(simulator.telnyx.calls.get(a.callControlId)!.state).toBe('answered');
	});

	it('refuses bridging a call with itself before sending; an unknown call gets the mapped 90015 message', async () => {
		const a = await answered();
		const before = sent('bridge');
		const self = await runTelnyx(simulator, { operation: 'bridge', callControlId: a.callControlId, bridgeWith: a.callControlId });
		expect(self.errors.Telnyx.message).toBe('A call cannot be bridged with itself');
		expect(self.errors.Telnyx.description).toContain('Item 0, field "Bridge With Call Control ID"');
		expect(sent('bridge')).toBe(before);
		const unknown = await runTelnyx(simulator, { operation: 'bridge', callControlId: a.callControlId, bridgeWith: 'v3:nope' });
		expect(unknown.errors.Telnyx.message).toContain('Telnyx error 90015 (HTTP 422): Invalid Call Control ID');
		expect(unknown.errors.Telnyx.description).toContain('The Call Control ID is unknown or garbled');
	});
});

describe('Send DTMF', () => {
	it('sends the digits and the tone length; no webhook follows', async () => {
		const call = await answered();
		const events = simulator.telnyx.eventTypes(call.callControlId).length;
		const run = await runTelnyx(simulator, { operation: 'sendDtmf', callControlId: call.callControlId, digits: '1www2#', options: { durationMillis: 300 } });
		expect(run.errors).toEqual({});
		expect(lastBody('send_dtmf')).toEqual({ digits: '1www2#', duration_millis: 300, command_id: expect.stringMatching(UUID) });
		expect(simulator.telnyx.calls.get(call.callControlId)!.executed.at(-1)).toMatchObject({ action: 'send_dtmf' });
		expect(simulator.telnyx.eventTypes(call.callControlId)).toHaveLength(events);
	});

	it('a bridged leg hears the keys: call.dtmf.received for each, pauses skipped', async () => {
		const a = await answered();
		const b = await answered();
		await runTelnyx(simulator, { operation: 'bridge', callControlId: a.callControlId, bridgeWith: b.callControlId });
		await simulator.telnyx.waitForEvent(b.callControlId, 'call.bridged');
		await runTelnyx(simulator, { operation: 'sendDtmf', callControlId: a.callControlId, digits: '2w0#' });
		await simulator.sim.waitFor(() => payloads(b, 'call.dtmf.received').length === 3, () => 'three keys on the bridged leg');
		expect(payloads(b, 'call.dtmf.received').map((p) => p.digit)).toEqual(['2', '0', '#']);
		expect(payloads(a, 'call.dtmf.received')).toEqual([]);
	});

	it.each([
		[{ digits: '12x' }, 'Digits "12x" holds keys a phone cannot send', 'Item 0, field "Digits": use only 0-9'],
		[{ digits: '={{ "" }}' }, 'Digits is empty', 'Item 0, field "Digits"'],
		[{ digits: '1', options: { durationMillis: 600 } }, 'Digit Duration 600 ms is out of range', 'Item 0, option "Digit Duration (Ms)": use a whole number from 100 to 500.'],
	])('refuses %j before sending', async (parameters, message, description) => {
		const call = await answered();
		const before = sent('send_dtmf');
		const run = await runTelnyx(simulator, { operation: 'sendDtmf', callControlId: call.callControlId, ...parameters });
		expect(run.errors.Telnyx.message).toBe(message);
		expect(run.errors.Telnyx.description).toContain(description);
		expect(sent('send_dtmf')).toBe(before);
	});
});

describe('Playback', () => {
	it('Start Playback sends the file and options: call.playback.started, then ended after the loops', async () => {
		const call = await answered();
		const run = await runTelnyx(simulator, {
			operation: 'playbackStart',
			callControlId: call.callControlId,
			audioUrl: 'https://example.com/hold.mp3',
			options: { loop: '2', audioType: 'mp3', cacheAudio: true, overlay: false, stop: 'all', targetLegs: 'both', clientState: '{"s":1}' },
		});
		expect(run.errors).toEqual({});
		expect(lastBody('playback_start')).toEqual({
			audio_url: 'https://example.com/hold.mp3',
			loop: 2,
			audio_type: 'mp3',
			cache_audio: true,
			overlay: false,
			stop: 'all',
			target_legs: 'both',
			client_state: b64('{"s":1}'),
			command_id: expect.stringMatching(UUID),
		});
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.playback.ended');
		expect(payloads(call, 'call.playback.started')[0]).toMatchObject({ media_url: 'https://example.com/hold.mp3', overlay: false });
		expect(payloads(call, 'call.playback.ended')[0]).toMatchObject({ media_url: 'https://example.com/hold.mp3', status: 'completed' });
	});

	it('an endless playback runs until Stop Playback, which ends it as cancelled', async () => {
		const call = await answered();
		await runTelnyx(simulator, { operation: 'playbackStart', callControlId: call.callControlId, mediaName: 'hold-music', options: { loop: 'infinity' } });
		expect(lastBody('playback_start')).toEqual({ media_name: 'hold-music', loop: 'infinity', command_id: expect.stringMatching(UUID) });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.playback.started');
		await simulator.sim.clock.advance(60_000);
		expect(simulator.telnyx.eventTypes(call.callControlId)).not.toContain('call.playback.ended');
		const stop = await runTelnyx(simulator, { operation: 'playbackStop', callControlId: call.callControlId, options: { stop: 'current', overlay: false } });
		expect(stop.errors).toEqual({});
		expect(lastBody('playback_stop')).toEqual({ stop: 'current', overlay: false, command_id: expect.stringMatching(UUID) });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.playback.ended');
		expect(payloads(call, 'call.playback.ended')[0]).toMatchObject({ media_name: 'hold-music', status: 'cancelled' });
	});

	it.each([
		[{ audioUrl: 'https://example.com/a.mp3', mediaName: 'a' }, 'Audio URL and Media Name cannot both be set', 'Item 0: fill in "Audio URL" or "Media Name", not both.'],
		[{}, 'Audio URL or Media Name is needed', 'Item 0: fill in "Audio URL"'],
		[{ audioUrl: 'https://example.com/a.mp3', options: { loop: '0' } }, 'Loop "0" is not a count Telnyx accepts', 'Item 0, option "Loop": enter a whole number from 1 to 100, or "infinity".'],
	])('refuses %j before sending', async (parameters, message, description) => {
		const call = await answered();
		const before = sent('playback_start');
		const run = await runTelnyx(simulator, { operation: 'playbackStart', callControlId: call.callControlId, ...parameters });
		expect(run.errors.Telnyx.message).toBe(message);
		expect(run.errors.Telnyx.description).toContain(description);
		expect(sent('playback_start')).toBe(before);
	});
});

describe('Recording', () => {
	it('Start Recording sends the settings; Stop Recording gives call.recording.saved in that format', async () => {
		const call = await answered();
		const run = await runTelnyx(simulator, {
			operation: 'recordStart',
			callControlId: call.callControlId,
			channels: 'single',
			format: 'wav',
			options: { customFileName: 'menu', maxLength: 120, playBeep: true, recordingTrack: 'inbound', timeoutSecs: 5, trim: true, transcription: true, transcriptionEngine: 'B', transcriptionLanguage: 'en-US' },
		});
		expect(run.errors).toEqual({});
		expect(lastBody('record_start')).toEqual({
			channels: 'single',
			format: 'wav',
			custom_file_name: 'menu',
			max_length: 120,
			play_beep: true,
			recording_track: 'inbound',
			timeout_secs: 5,
			trim: 'trim-silence',
			transcription: true,
			transcription_engine: 'B',
			transcription_language: 'en-US',
			command_id: expect.stringMatching(UUID),
		});
		const stop = await runTelnyx(simulator, { operation: 'recordStop', callControlId: call.callControlId, options: { recordingId: 'rec-1' } });
		expect(stop.errors).toEqual({});
		expect(lastBody('record_stop')).toEqual({ recording_id: 'rec-1', command_id: expect.stringMatching(UUID) });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.recording.saved');
		expect(payloads(call, 'call.recording.saved')[0]).toMatchObject({ channels: 'single', recording_urls: { wav: expect.stringMatching(/\.wav$/) } });
	});

	it('refuses transcription settings without Transcribe Recording before sending', async () => {
		const call = await answered();
		const before = sent('record_start');
		const run = await runTelnyx(simulator, { operation: 'recordStart', callControlId: call.callControlId, channels: 'dual', format: 'mp3', options: { transcriptionEngine: 'A' } });
		expect(run.errors.Telnyx.message).toContain('Transcribe Recording: a transcription setting is set but Transcribe Recording is off');
		expect(run.errors.Telnyx.description).toContain('Item 0, option "Transcribe Recording"');
		expect(sent('record_start')).toBe(before);
	});
});

describe('Transcription', () => {
	it('Start Transcription sends engine, config and tracks; call.transcription events carry the words; a second start is refused with 90054', async () => {
		const call = await answered({ says: ['Sales please', 'Thanks'] });
		const run = await runTelnyx(simulator, {
			operation: 'transcriptionStart',
			callControlId: call.callControlId,
			options: { transcriptionEngine: 'Deepgram', transcriptionEngineConfig: '{"transcription_model": "deepgram/nova-3", "language": "en"}', transcriptionTracks: 'both' },
		});
		expect(run.errors).toEqual({});
		expect(lastBody('transcription_start')).toEqual({
			transcription_engine: 'Deepgram',
			transcription_engine_config: { transcription_model: 'deepgram/nova-3', language: 'en' },
			transcription_tracks: 'both',
			command_id: expect.stringMatching(UUID),
		});
		await simulator.sim.waitFor(() => payloads(call, 'call.transcription').length === 2, () => 'two transcriptions');
		expect(payloads(call, 'call.transcription').map((p) => (p.transcription_data as Record<string, unknown>).transcript)).toEqual(['Sales please', 'Thanks']);
		const again = await runTelnyx(simulator, { operation: 'transcriptionStart', callControlId: call.callControlId });
		expect(again.errors.Telnyx.message).toContain('Telnyx error 90054 (HTTP 422): Call transcription already in progress');
		const stop = await runTelnyx(simulator, { operation: 'transcriptionStop', callControlId: call.callControlId, options: { commandId: 'stop-1' } });
		expect(stop.errors).toEqual({});
		expect(lastBody('transcription_stop')).toEqual({ command_id: 'stop-1' });
	});

	it('an invalid Engine Config is refused before sending, naming the field', async () => {
		const call = await answered();
		const before = sent('transcription_start');
		const run = await runTelnyx(simulator, { operation: 'transcriptionStart', callControlId: call.callControlId, options: { transcriptionEngineConfig: '{nope' } });
		expect(run.errors.Telnyx.message).toBe('Engine Config must be a JSON object');
		expect(sent('transcription_start')).toBe(before);
	});
});

describe('Place Call options', () => {
	it('sends headers, recording settings, transcription, webhook methods and retry policies', async () => {
		const to = nextNumber();
		simulator.telnyx.callee(to, { answer: 'busy' });
		const run = await runTelnyx(simulator, {
			operation: 'dial',
			connectionId: TELNYX_CONNECTION_ID,
			from: '+14155550100',
			to,
			options: {
				customHeaders: { header: [{ name: 'X-Campaign', value: 'spring' }] },
				userToUser: 'uu',
				record: true,
				recordChannels: 'dual',
				recordFormat: 'mp3',
				recordTrack: 'both',
				recordMaxLength: 3600,
				recordTimeoutSecs: 10,
				recordTrim: true,
				transcription: true,
				transcriptionConfig: '{"transcription_engine": "Google"}',
				webhookUrlMethod: 'POST',
				webhookUrlsMethod: 'GET',
				webhookRetries: { policy: [{ event: 'call.hangup', retriesMs: '1000 5000' }] },
				mediaName: 'greeting',
			},
		});
		expect(run.errors).toEqual({});
		const body = simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as Record<string, unknown>;
		expect(body).toMatchObject({
			custom_headers: [{ name: 'X-Campaign', value: 'spring' }],
			sip_headers: [{ name: 'User-to-User', value: 'uu' }],
			record: 'record-from-answer',
			record_channels: 'dual',
			record_format: 'mp3',
			record_track: 'both',
			record_max_length: 3600,
			record_timeout_secs: 10,
			record_trim: 'trim-silence',
			transcription: true,
			transcription_config: { transcription_engine: 'Google' },
			webhook_url_method: 'POST',
			webhook_urls_method: 'GET',
			webhook_retries_policies: { 'call.hangup': { retries_ms: [1000, 5000] } },
			media_name: 'greeting',
		});
		expect(body).not.toHaveProperty('audio_url');
	});

	it.each([
		[{ audioUrl: 'https://example.com/a.mp3', mediaName: 'a' }, 'Audio URL on Answer and Media Name on Answer cannot both be set', 'Item 0: fill in "Audio URL on Answer" or "Media Name on Answer", not both.'],
		[{ recordTrack: 'inbound' }, 'Record: "record_track" is set but Record is off', 'Item 0, option "Record"'],
		[{ userToUser: 'x', customHeaders: { header: [{ name: 'Bad Header', value: '1' }] } }, 'Custom SIP Headers: "Bad Header" is not a valid SIP header name', 'Item 0, option "Custom SIP Headers"'],
	])('refuses %j before dialling', async (options, message, description) => {
		const before = simulator.sim.requestsTo('POST', '/v2/calls').length;
		const run = await runTelnyx(simulator, { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: nextNumber(), options });
		expect(run.errors.Telnyx.message).toBe(message);
		expect(run.errors.Telnyx.description).toContain(description);
		expect(simulator.sim.requestsTo('POST', '/v2/calls').length).toBe(before);
	});
});
