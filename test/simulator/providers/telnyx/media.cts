// Playback, recording and real-time transcription on a call (SDK actions.d.ts startPlayback,
// startRecording, startTranscription; events per SDK webhooks.d.ts). Timers run on the
// simulator clock and end with the call.
import { randomUUID } from 'node:crypto';

import type { Timer } from '../../core/clock.cts';
import type { Simulator } from '../../core/server.cts';
import { STEP_MS } from './lifecycle.cts';
import { isoMicro, type SimCall } from './state.cts';
import type { TelnyxWebhooks } from './webhooks.cts';

type Body = Record<string, unknown>;

/** Simulated length of one play of any audio file (inferred: the simulator fetches nothing). */
export const PLAYBACK_MS = 2000;

export class TelnyxMedia {
	constructor(
		private readonly sim: Simulator,
		private readonly hooks: TelnyxWebhooks,
	) {}

	private after(call: SimCall, ms: number, run: () => void, timers: Timer[]): void {
		timers.push(this.sim.clock.after(ms, () => call.state !== 'ended' && run()));
	}

	private cancel(timers: Timer[]): void {
		for (const timer of timers) this.sim.clock.cancel(timer);
		timers.length = 0;
	}

	/** call.playback.started, then call.playback.ended `completed` after every loop ("infinity" plays until stopped). */
	startPlayback(call: SimCall, body: Body): void {
		if (body.stop !== undefined && call.playback) this.stopPlayback(call, 'cancelled');
		const media = body.playback_content !== undefined ? { media_url: '', media_name: '' } : body.audio_url ? { media_url: body.audio_url } : { media_name: body.media_name };
		const overlay = body.overlay === true;
		const playback = { media, overlay, timers: [] as Timer[] };
		call.playback = playback;
		this.after(call, 50, () => this.hooks.emit(call, 'call.playback.started', { ...media, overlay }), playback.timers);
		if (body.loop === 'infinity') return;
		const loops = Number(body.loop ?? 1);
		this.after(call, 50 + loops * PLAYBACK_MS, () => {
			call.playback = undefined;
			this.hooks.emit(call, 'call.playback.ended', { ...media, overlay, status: 'completed' });
		}, playback.timers);
	}

	/** Ends the running playback with `status` (cancelled by playback_stop, call_hangup at the end). */
	stopPlayback(call: SimCall, status: string): void {
		const playback = call.playback;
		if (!playback) return;
		this.cancel(playback.timers);
		call.playback = undefined;
		this.hooks.emit(call, 'call.playback.ended', { ...playback.media, overlay: playback.overlay, status });
	}

	/** A recording runs until record_stop, its max length or the end of the call. */
	startRecording(call: SimCall, options: { id?: string; format?: unknown; channels?: unknown; maxLengthSecs?: unknown }): string {
		const id = options.id ?? randomUUID();
		const recording = {
			id,
			format: options.format === 'wav' ? ('wav' as const) : ('mp3' as const),
			channels: options.channels === 'single' ? ('single' as const) : ('dual' as const),
			startedAt: isoMicro(this.sim.clock.now()),
			timers: [] as Timer[],
		};
		call.recording = recording;
		const maxSecs = Number(options.maxLengthSecs ?? 0);
		if (maxSecs > 0) this.after(call, maxSecs * 1000, () => this.saveRecording(call), recording.timers);
		return id;
	}

	/** call.recording.saved with URLs in the recorded format (SDK CallRecordingSaved). */
	saveRecording(call: SimCall): void {
		const recording = call.recording;
		if (!recording) return;
		this.cancel(recording.timers);
		call.recording = undefined;
		const url = `https://sim.telnyx.invalid/recordings/${recording.id}.${recording.format}`;
		this.hooks.emit(call, 'call.recording.saved', {
			recording_id: recording.id,
			channels: recording.channels,
			recording_started_at: recording.startedAt,
			recording_ended_at: isoMicro(this.sim.clock.now()),
			recording_urls: { [recording.format]: url },
			public_recording_urls: { [recording.format]: url },
		});
	}

	/** One final call.transcription per phrase the scripted party says, STEP_MS apart (SDK Transcription). */
	startTranscription(call: SimCall, body: Body): void {
		const transcription = { timers: [] as Timer[] };
		call.transcription = transcription;
		const track = body.transcription_tracks === 'outbound' ? 'outbound' : 'inbound';
		let t = 100;
		for (const phrase of call.script.says ?? []) {
			t += STEP_MS;
			this.after(call, t, () => this.hooks.emit(call, 'call.transcription', { transcription_data: { transcript: phrase, is_final: true, confidence: 0.97, transcription_track: track } }), transcription.timers);
		}
	}

	stopTranscription(call: SimCall): void {
		if (!call.transcription) return;
		this.cancel(call.transcription.timers);
		call.transcription = undefined;
	}

	/** What the call's end does to running media: playback ends `call_hangup`, a recording is saved. */
	endCall(call: SimCall): void {
		this.stopPlayback(call, 'call_hangup');
		this.stopTranscription(call);
		this.saveRecording(call);
	}
}
