// The call lifecycle of contract §7: ringing → answered or not, machine detection, the
// scripted callee's digits and answers, and hang-up, each announced by its webhook.
import { randomUUID } from 'node:crypto';

import type { Timer } from '../../core/clock.cts';
import type { Simulator } from '../../core/server.cts';
import { improvisedFields } from './improvise.cts';
import { isoMicro, type SimCall } from './state.cts';
import type { TelnyxWebhooks } from './webhooks.cts';

type Body = Record<string, unknown>;

/** Simulated ms between scripted steps (a key press, one spoken turn). */
export const STEP_MS = 300;

export class TelnyxLifecycle {
	/** Called after a call is answered / has ended (media, bridges: ivr.cts). */
	onAnswered?: (call: SimCall) => void;
	onEnding?: (call: SimCall) => void;
	onEnded?: (call: SimCall) => void;

	constructor(
		private readonly sim: Simulator,
		private readonly hooks: TelnyxWebhooks,
	) {}

	private now(): string {
		return isoMicro(this.sim.clock.now());
	}

	private after(call: SimCall, ms: number, run: () => void, timers = call.timers): void {
		timers.push(this.sim.clock.after(ms, () => call.state !== 'ended' && run()));
	}

	/** After Dial: call.initiated, then the callee's scripted outcome. */
	start(call: SimCall): void {
		this.after(call, 10, () => this.hooks.emit(call, 'call.initiated', { direction: 'outgoing', state: 'bridging', start_time: this.now(), caller_id_name: call.from, custom_headers: [], sip_headers: [], tags: [] }));
		const ring = call.script.ringMs ?? 200;
		const timeoutMs = Number(call.dial.timeout_secs ?? 30) * 1000;
		switch (call.script.answer) {
			case 'busy':
				return this.after(call, ring, () => this.end(call, 'user_busy', 'callee', '486'));
			case 'reject':
				return this.after(call, ring, () => this.end(call, 'call_rejected', 'callee', '603'));
			case 'no-answer': {
				const cause = call.dial.retry_on_timeout === false ? 'no_answer' : 'timeout';
				return this.after(call, timeoutMs, () => this.end(call, cause, 'unknown', '480'));
			}
			default:
				if (ring >= timeoutMs) return this.after(call, timeoutMs, () => this.end(call, 'timeout', 'unknown', '480'));
				return this.after(call, ring, () => this.answer(call));
		}
	}

	/** The call is answered (the callee picked up, or the Answer command on an incoming call). */
	answer(call: SimCall): void {
		call.state = 'answered';
		call.startTime = this.now();
		this.hooks.emit(call, 'call.answered', { state: 'answered', start_time: call.startTime, custom_headers: [], sip_headers: [], tags: [] });
		this.detectMachine(call);
		if (call.dial.send_digits_on_answer) call.executed.push({ action: 'send_digits_on_answer', body: { digits: call.dial.send_digits_on_answer } });
		this.after(call, Number(call.dial.time_limit_secs ?? 14400) * 1000, () => this.end(call, 'time_limit', 'unknown', 'unspecified'));
		const remote = call.direction === 'incoming' ? 'caller' : 'callee';
		if (call.script.hangUpAfterMs !== undefined) this.after(call, call.script.hangUpAfterMs, () => this.end(call, 'normal_clearing', remote, '200'));
		this.onAnswered?.(call);
	}

	/** AMD events after answer (contract §7.3); a voicemail callee is a machine that beeps. */
	private detectMachine(call: SimCall): void {
		const mode = String(call.dial.answering_machine_detection ?? 'disabled');
		if (mode === 'disabled') return;
		const machine = call.script.answer === 'voicemail';
		if (mode === 'premium') {
			this.after(call, 800, () => this.hooks.emit(call, 'call.machine.premium.detection.ended', { result: machine ? 'machine' : 'human_residence' }));
			if (machine) this.after(call, 1600, () => this.hooks.emit(call, 'call.machine.premium.greeting.ended', { result: 'beep_detected' }));
			return;
		}
		if (mode !== 'detect_beep') this.after(call, 800, () => this.hooks.emit(call, 'call.machine.detection.ended', { result: machine ? 'machine' : 'human' }));
		if (machine && ['greeting_end', 'detect_words', 'detect_beep'].includes(mode)) {
			this.after(call, 1600, () => this.hooks.emit(call, 'call.machine.greeting.ended', { result: 'beep_detected' }));
		}
	}

	/** Ends the call: open gathers and conversations end first, then call.hangup. */
	end(call: SimCall, cause: string, source: string, sipCause: string): void {
		if (call.state === 'ended') return;
		const wasAnswered = call.state === 'answered';
		if (call.gather) this.finishGather(call, '', 'call_hangup');
		if (call.ai) this.finishAi(call, 'customer_disconnect');
		this.onEnding?.(call);
		call.state = 'ended';
		call.endTime = this.now();
		call.endedAt = this.sim.clock.now();
		call.hangupCause = cause;
		for (const timer of call.timers) this.sim.clock.cancel(timer);
		this.hooks.emit(call, 'call.hangup', {
			state: 'hangup',
			hangup_cause: cause,
			hangup_source: source,
			sip_hangup_cause: sipCause,
			start_time: call.startTime ?? this.now(),
			call_quality_stats: wasAnswered ? { inbound: { mos: '4.5', jitter_max_variance: '0', jitter_packet_count: '0', packet_count: '500', skip_packet_count: '0' }, outbound: { packet_count: '500', skip_packet_count: '0' } } : null,
		});
		// A running recording is saved after call.hangup (media.cts), then a bridged leg follows (ivr.cts).
		this.onEnded?.(call);
	}

	/** DTMF gathers (contract §5.1–5.3): the callee presses its scripted digits. */
	gather(call: SimCall, kind: 'gather' | 'gather_using_speak' | 'gather_using_audio', body: Body): void {
		if (call.gather) this.finishGather(call, '', 'cancelled');
		const gather = { kind, id: String(body.gather_id ?? randomUUID()), timers: [] as Timer[] };
		call.gather = gather;
		let t = 50;
		if (kind === 'gather_using_audio') {
			const media = body.audio_url ? { media_url: body.audio_url } : { media_name: body.media_name };
			this.after(call, t, () => this.hooks.emit(call, 'call.playback.started', { ...media, overlay: false }), gather.timers);
			t += STEP_MS;
			this.after(call, t, () => this.hooks.emit(call, 'call.playback.ended', { ...media, overlay: false, status: 'completed' }), gather.timers);
		}
		const digits = call.script.digits ?? '';
		if (!digits) {
			const wait = Number(kind === 'gather' ? (body.initial_timeout_millis ?? 5000) : (body.timeout_millis ?? 60000));
			this.after(call, t + wait, () => this.finishGather(call, '', 'timeout'), gather.timers);
			return;
		}
		const terminator = body.terminating_digit === undefined ? '#' : String(body.terminating_digit);
		const valid = String(body.valid_digits ?? '0123456789#*');
		const max = Number(body.maximum_digits ?? 128);
		const min = Number(body.minimum_digits ?? 1);
		let collected = '';
		let done = false;
		for (const digit of digits) {
			if (done) break;
			t += STEP_MS;
			const isTerminator = terminator !== '' && digit === terminator;
			if (isTerminator) done = true;
			else collected += digit;
			if (collected.length >= max) done = true;
			this.after(call, t, () => this.hooks.emit(call, 'call.dtmf.received', { digit }), gather.timers);
		}
		const status = [...collected].every((d) => valid.includes(d)) && collected.length >= min ? 'valid' : 'invalid';
		this.after(call, t + 50, () => this.finishGather(call, collected, status), gather.timers);
	}

	finishGather(call: SimCall, digits: string, status: string): void {
		const gather = call.gather;
		if (!gather) return;
		for (const timer of gather.timers) this.sim.clock.cancel(timer);
		call.gather = undefined;
		this.hooks.emit(call, 'call.gather.ended', { digits, status, ...(gather.kind === 'gather' ? { gather_id: gather.id } : {}) });
	}

	/** AI gather (contract §5.5, §7.5): the callee answers with its scripted fields. */
	aiGather(call: SimCall, body: Body, conversationId: string): void {
		const ai = { kind: 'gather_using_ai' as const, conversationId, startedAt: this.sim.clock.now(), timers: [] as Timer[] };
		call.ai = ai;
		const schema = body.parameters as { properties: Record<string, { type?: string; description?: string }>; required?: string[] };
		const history = [...((body.message_history as Array<Record<string, unknown>>) ?? [])];
		if (body.greeting) history.push({ role: 'assistant', content: body.greeting });
		const given = call.script.fields ?? (call.script.followTask ? improvisedFields(schema) : {});
		const result: Record<string, unknown> = {};
		let t = 100;
		for (const [name, property] of Object.entries(schema.properties)) {
			if (!(name in given)) continue;
			t += STEP_MS;
			const value = coerce(given[name], property.type);
			this.after(call, t, () => {
				history.push({ role: 'assistant', content: `What is your ${property.description ?? name}?` });
				history.push({ role: 'user', content: typeof value === 'string' ? value : JSON.stringify(value) });
				result[name] = value;
				if (body.send_partial_results) this.hooks.emit(call, 'call.ai_gather.partial_results', { partial_results: { ...result }, message_history: [...history] });
				if (body.send_message_history_updates) this.hooks.emit(call, 'call.ai_gather.message_history_updated', { message_history: [...history] });
			}, ai.timers);
		}
		const wait = Object.keys(given).length ? 100 : Number(body.user_response_timeout_ms ?? 10000);
		this.after(call, t + wait, () => {
			if (body.gather_ended_speech) history.push({ role: 'assistant', content: body.gather_ended_speech });
			const status = (schema.required ?? []).every((name) => name in result) ? 'valid' : 'invalid';
			this.hooks.emit(call, 'call.ai_gather.ended', { status, result: { ...result }, message_history: [...history] });
			this.finishAi(call, 'gather_ended');
		}, ai.timers);
	}

	startAssistant(call: SimCall, conversationId: string, assistantId: string): void {
		call.ai = { kind: 'ai_assistant_start', conversationId, assistantId, startedAt: this.sim.clock.now(), timers: [] };
	}

	/** call.conversation.ended for the running AI gather or assistant. */
	finishAi(call: SimCall, reason: string): void {
		const ai = call.ai;
		if (!ai) return;
		for (const timer of ai.timers) this.sim.clock.cancel(timer);
		call.ai = undefined;
		this.hooks.emit(
			call,
			'call.conversation.ended',
			{
				conversation_id: ai.conversationId,
				assistant_id: ai.assistantId ?? null,
				duration_sec: Math.round((this.sim.clock.now() - ai.startedAt) / 1000),
				reason,
				llm_model: 'Qwen/Qwen3-235B-A22B',
				stt_model: 'distil-whisper/distil-large-v2',
				tts_provider: 'telnyx',
				tts_model_id: 'KokoroTTS',
				tts_voice_id: 'af',
				calling_party_type: 'pstn',
			},
			{ created_at: this.now() },
		);
	}

	speak(call: SimCall, body: Body): void {
		this.after(call, 50, () => this.hooks.emit(call, 'call.speak.started'));
		const ms = 50 + Math.min(5000, String(body.payload ?? '').length * 20);
		this.after(call, ms, () => this.hooks.emit(call, 'call.speak.ended', { status: 'completed' }));
	}
}

/** The callee's answer as the type the schema asks for. */
function coerce(value: unknown, type: string | undefined): unknown {
	if (type === 'number') return Number(value);
	if (type === 'integer') return Math.round(Number(value));
	if (type === 'boolean') return value === true || /^(yes|true|1)$/i.test(String(value));
	if (type === 'array') return Array.isArray(value) ? value : [value];
	if (type === 'string') return typeof value === 'string' ? value : JSON.stringify(value);
	return value;
}
