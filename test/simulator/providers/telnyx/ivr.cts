// The Call Control commands a voice menu needs beyond gathers and speech (SDK actions.d.ts:
// answer, reject, transfer, bridge, send_dtmf, playback_start/stop, record_start/stop,
// transcription_start/stop) and inbound calls that arrive at an application's webhook URL.
// Codes marked (inferred) are not in the contract: the SDK documents no error for that case.
import { randomUUID } from 'node:crypto';

import type { CalleeScript } from '../../core/callees.cts';
import type { SimResponse } from '../../core/server.cts';
import { telnyxError } from './errors.cts';
import type { TelnyxSimulator } from './index.cts';
import { STEP_MS } from './lifecycle.cts';
import { TelnyxMedia } from './media.cts';
import { isoMicro, type SimCall } from './state.cts';
import * as check from './validation.cts';

type Body = Record<string, unknown>;

/** An unanswered inbound call is abandoned by the caller after this long (inferred). */
export const INBOUND_RING_MS = 60_000;

const TRANSCRIPTION_ENGINES = ['Google', 'Telnyx', 'Deepgram', 'Azure', 'xAI', 'AssemblyAI', 'Speechmatics', 'Soniox', 'Parakeet', 'Humain', 'Reson8', 'Cohere', 'A', 'B'];
const AMD = ['premium', 'detect', 'detect_beep', 'detect_words', 'greeting_end', 'disabled'];
const DTMF = /^[0-9A-DwW*#]+$/;

export interface InboundCall {
	connectionId: string;
	from: string;
	to: string;
	/** What the caller does once answered: digits, spoken phrases, AI fields, hangUpAfterMs. */
	script?: Partial<CalleeScript>;
}

const invalid = (field: string, detail: string, code = '10015', title = 'Invalid value'): SimResponse => telnyxError(422, code, title, detail, `/${field}`);

export const IVR_VALIDATORS: Record<string, (body: Body) => check.Check[]> = {
	answer: (body) => [...check.legOptions(body), body.assistant !== undefined && !(body.assistant as Body)?.id ? check.required({}, 'assistant.id') : undefined],
	reject: (body) => [check.required(body, 'cause'), check.oneOf(body, 'cause', ['CALL_REJECTED', 'USER_BUSY'])],
	transfer: (body) => [
		check.required(body, 'to'),
		check.e164(body, 'to', true),
		body.from !== undefined ? check.e164(body, 'from') : undefined,
		check.range(body, 'timeout_secs', 5, 600),
		check.range(body, 'time_limit_secs', 30, 14400),
		check.oneOf(body, 'answering_machine_detection', AMD),
		check.oneOf(body, 'mute_dtmf', ['none', 'both', 'self', 'opposite']),
		check.oneOf(body, 'media_encryption', ['disabled', 'SRTP', 'DTLS']),
		check.boolean(body, 'early_media'),
		check.notBoth(body, 'audio_url', 'media_name'),
		check.maxLength(body, 'from_display_name', 128),
		check.base64(body, 'target_leg_client_state'),
		typeof body.send_digits_on_answer === 'string' && !/^[0-9A-DwW*#]{1,64}$/.test(body.send_digits_on_answer)
			? invalid('send_digits_on_answer', "'send_digits_on_answer' may hold up to 64 of 0-9 A-D w W * #.")
			: undefined,
		...check.legOptions(body),
	],
	bridge: (body) => [
		check.required(body, 'call_control_id_to_bridge_with'),
		check.oneOf(body, 'mute_dtmf', ['none', 'both', 'self', 'opposite']),
		check.boolean(body, 'play_ringtone'),
		check.boolean(body, 'prevent_double_bridge'),
		check.boolean(body, 'hold_after_unbridge'),
		...check.legOptions(body),
	],
	send_dtmf: (body) => [
		check.required(body, 'digits'),
		typeof body.digits === 'string' && !DTMF.test(body.digits) ? invalid('digits', "'digits' may hold only 0-9 A-D * # w W.") : undefined,
		check.range(body, 'duration_millis', 100, 500),
	],
	playback_start: (body) => [
		body.audio_url === undefined && body.media_name === undefined && body.playback_content === undefined ? check.required(body, 'audio_url') : undefined,
		check.notBoth(body, 'audio_url', 'media_name'),
		check.notBoth(body, 'audio_url', 'playback_content'),
		check.notBoth(body, 'media_name', 'playback_content'),
		body.loop !== undefined && body.loop !== 'infinity' && !(Number.isInteger(body.loop) && (body.loop as number) >= 1 && (body.loop as number) <= 100)
			? invalid('loop', "'loop' must be a whole number from 1 to 100, or \"infinity\".", '10033', 'Value outside of range')
			: undefined,
		check.oneOf(body, 'audio_type', ['mp3', 'wav']),
		check.oneOf(body, 'stop', ['current', 'all']),
		check.oneOf(body, 'target_legs', ['self', 'opposite', 'both']),
		check.boolean(body, 'overlay'),
		check.boolean(body, 'cache_audio'),
	],
	playback_stop: (body) => [check.oneOf(body, 'stop', ['current', 'all']), check.boolean(body, 'overlay')],
	record_start: (body) => [
		check.required(body, 'channels', 'format'),
		check.oneOf(body, 'channels', ['single', 'dual']),
		check.oneOf(body, 'format', ['wav', 'mp3']),
		check.oneOf(body, 'recording_track', ['both', 'inbound', 'outbound']),
		check.oneOf(body, 'trim', ['trim-silence']),
		check.oneOf(body, 'transcription_engine', ['A', 'B', 'deepgram/nova-3']),
		check.range(body, 'max_length', 0, 14400),
		check.range(body, 'timeout_secs', 0, 14400),
		check.maxLength(body, 'custom_file_name', 40),
		check.boolean(body, 'play_beep'),
		check.boolean(body, 'transcription'),
	],
	record_stop: () => [],
	transcription_start: (body) => [check.oneOf(body, 'transcription_engine', TRANSCRIPTION_ENGINES), check.oneOf(body, 'transcription_tracks', ['inbound', 'outbound', 'both'])],
	transcription_stop: () => [],
};

const ok = (extra: Body = {}): SimResponse => ({ status: 200, body: { data: { result: 'ok', ...extra } } });
const notAnswered = () => telnyxError(422, '90034', 'Call not answered yet', 'This command can only be sent after the call is answered.');

export class TelnyxIvr {
	readonly media: TelnyxMedia;

	constructor(private readonly telnyx: TelnyxSimulator) {
		this.media = new TelnyxMedia(telnyx.sim, telnyx.webhooks);
		const life = telnyx.lifecycle;
		life.onAnswered = (call) => this.answered(call);
		life.onEnding = (call) => {
			this.media.stopPlayback(call, 'call_hangup');
			this.media.stopTranscription(call);
		};
		life.onEnded = (call) => this.ended(call);
	}

	/** A call from `from` to your number `to` arrives at the application: call.initiated (incoming, parked). */
	inboundCall({ connectionId, from, to, script = {} }: InboundCall): SimCall {
		const call: SimCall = {
			callControlId: `v3:${randomUUID().replace(/-/g, '')}`,
			callLegId: randomUUID(),
			callSessionId: randomUUID(),
			connectionId,
			direction: 'incoming',
			from,
			to,
			clientState: '',
			webhookUrls: {},
			retriesMs: {},
			dial: {},
			script: { answer: 'answer', says: ['Hello?'], ...script },
			state: 'ringing',
			timers: [],
			commands: new Map(),
			executed: [],
		};
		this.telnyx.calls.set(call.callControlId, call);
		const { sim, webhooks, lifecycle } = this.telnyx;
		call.timers.push(sim.clock.after(10, () => {
			webhooks.emit(call, 'call.initiated', {
				direction: 'incoming',
				state: 'parked',
				start_time: isoMicro(sim.clock.now()),
				caller_id_name: from,
				connection_codecs: 'G722,PCMU,PCMA,G729,OPUS',
				offered_codecs: 'PCMU,PCMA',
				custom_headers: [],
				sip_headers: [],
				tags: [],
			});
		}));
		call.timers.push(sim.clock.after(INBOUND_RING_MS, () => call.state === 'ringing' && lifecycle.end(call, 'originator_cancel', 'caller', '487')));
		return call;
	}

	/** Runs one of this file's commands; undefined for other commands. Validation already passed. */
	run(call: SimCall, action: string, body: Body): SimResponse | undefined {
		if (!(action in IVR_VALIDATORS)) return undefined;
		const refused = this.stateCheck(call, action, body);
		if (refused) return refused;
		call.executed.push({ action, commandId: body.command_id as string | undefined, body });
		if (typeof body.client_state === 'string') call.clientState = body.client_state;
		return this.effect(call, action, body);
	}

	private stateCheck(call: SimCall, action: string, body: Body): SimResponse | undefined {
		if (action === 'answer' || action === 'reject') {
			// (inferred) Answer and Reject apply to an incoming call that is still waiting.
			if (call.direction !== 'incoming') return invalid('call_control_id', `Only an incoming call can be ${action === 'answer' ? 'answered' : 'rejected'}.`);
			if (call.state !== 'ringing') return invalid('call_control_id', 'The call is already answered.');
			return undefined;
		}
		if (call.state !== 'answered') return notAnswered();
		if (action === 'transcription_start' && call.transcription) {
			return telnyxError(422, '90054', 'Call transcription already in progress', 'Stop the running transcription first.');
		}
		if (action === 'bridge') {
			const other = this.telnyx.calls.get(String(body.call_control_id_to_bridge_with));
			if (!other || other === call) return invalid('call_control_id_to_bridge_with', 'No other call has this Call Control ID.', '90015', 'Invalid Call Control ID');
			if (other.state === 'ended') return telnyxError(422, '90018', 'Call has already ended', 'The call to bridge with has ended.', '/call_control_id_to_bridge_with');
			if (other.state !== 'answered') return notAnswered();
			if (body.prevent_double_bridge === true && other.bridgedWith) return invalid('call_control_id_to_bridge_with', 'The other call is already bridged.');
		}
		return undefined;
	}

	private effect(call: SimCall, action: string, body: Body): SimResponse {
		const { lifecycle } = this.telnyx;
		switch (action) {
			case 'answer': {
				// The Answer body takes the role of Dial's options for this leg (record, transcription, webhooks).
				call.dial = { ...body };
				if (typeof body.webhook_url === 'string' && body.webhook_url) call.webhookUrl = body.webhook_url;
				if (body.webhook_urls) call.webhookUrls = body.webhook_urls as Record<string, string[]>;
				const policies = (body.webhook_retries_policies ?? {}) as Record<string, { retries_ms: number[] }>;
				call.retriesMs = Object.fromEntries(Object.entries(policies).map(([event, policy]) => [event, policy.retries_ms]));
				call.recordingId = body.record === 'record-from-answer' ? randomUUID() : undefined;
				call.timers.push(this.telnyx.sim.clock.after(50, () => call.state === 'ringing' && lifecycle.answer(call)));
				return ok(call.recordingId ? { recording_id: call.recordingId } : {});
			}
			case 'reject': {
				const busy = body.cause === 'USER_BUSY';
				lifecycle.end(call, busy ? 'user_busy' : 'call_rejected', 'callee', busy ? '486' : '603');
				return ok();
			}
			case 'transfer':
				this.transfer(call, body);
				return ok();
			case 'bridge':
				this.bridge(call, this.telnyx.calls.get(String(body.call_control_id_to_bridge_with))!, body);
				return ok();
			case 'playback_start':
				this.media.startPlayback(call, body);
				return ok();
			case 'playback_stop':
				this.media.stopPlayback(call, 'cancelled');
				return ok();
			case 'record_start':
				if (call.recording) this.media.saveRecording(call);
				this.media.startRecording(call, { format: body.format, channels: body.channels, maxLengthSecs: body.max_length });
				return ok();
			case 'record_stop':
				this.media.saveRecording(call);
				return ok();
			case 'transcription_start':
				this.media.startTranscription(call, body);
				return ok();
			case 'transcription_stop':
				this.media.stopTranscription(call);
				return ok();
			case 'send_dtmf':
				this.sendDtmf(call, String(body.digits));
				return ok();
			default:
				return ok();
		}
	}

	/** A new outgoing leg to `to`; when it answers the two legs are bridged (SDK transfer doc). */
	private transfer(call: SimCall, body: Body): void {
		const dial: Body = {
			...body,
			connection_id: call.connectionId,
			from: body.from ?? call.to,
			client_state: body.target_leg_client_state ?? '',
			// A new call on the application: its events go to the application's URL, not to a URL the
			// first call was given by Answer (inferred: the SDK names no other default).
			webhook_url: body.webhook_url,
			webhook_urls: body.webhook_urls ?? {},
			transferFrom: call.callControlId,
		};
		const leg = this.telnyx.createCall(dial, String(body.to).split(',')[0], call.callSessionId);
		call.executed.push({ action: 'transfer_leg', body: { call_control_id: leg.callControlId } });
	}

	/**
	 * The sending leg gets no webhook (SDK: "no webhooks associated with this command"). A leg
	 * bridged to it hears the tones, so it gets call.dtmf.received per key, STEP_MS apart,
	 * pauses (w 500 ms, W 1 s) included (inferred).
	 */
	private sendDtmf(call: SimCall, digits: string): void {
		const other = call.bridgedWith ? this.telnyx.calls.get(call.bridgedWith) : undefined;
		if (!other) return;
		let t = 0;
		for (const key of digits) {
			if (key === 'w' || key === 'W') {
				t += key === 'w' ? 500 : 1000;
				continue;
			}
			t += STEP_MS;
			other.timers.push(this.telnyx.sim.clock.after(t, () => other.state === 'answered' && this.telnyx.webhooks.emit(other, 'call.dtmf.received', { digit: key })));
		}
	}

	private bridge(a: SimCall, b: SimCall, body: Body): void {
		a.bridgedWith = b.callControlId;
		b.bridgedWith = a.callControlId;
		a.dial = { ...a.dial, park_after_unbridge: body.park_after_unbridge };
		this.telnyx.webhooks.emit(a, 'call.bridged');
		this.telnyx.webhooks.emit(b, 'call.bridged');
	}

	private answered(call: SimCall): void {
		if (call.recordingId) this.media.startRecording(call, { id: call.recordingId, format: call.dial.record_format, channels: call.dial.record_channels, maxLengthSecs: call.dial.record_max_length });
		if (call.dial.transcription === true) this.media.startTranscription(call, (call.dial.transcription_config ?? {}) as Body);
		const from = typeof call.dial.transferFrom === 'string' ? this.telnyx.calls.get(call.dial.transferFrom) : undefined;
		if (from && from.state === 'answered') this.bridge(from, call, { park_after_unbridge: call.dial.park_after_unbridge });
	}

	/** After call.hangup: the recording is saved; a bridged leg hangs up too unless parked (SDK park_after_unbridge). */
	private ended(call: SimCall): void {
		this.media.saveRecording(call);
		const other = call.bridgedWith ? this.telnyx.calls.get(call.bridgedWith) : undefined;
		call.bridgedWith = undefined;
		if (!other) return;
		other.bridgedWith = undefined;
		if (other.state !== 'ended' && other.dial.park_after_unbridge !== 'self') this.telnyx.lifecycle.end(other, 'normal_clearing', 'unknown', '16');
	}
}
