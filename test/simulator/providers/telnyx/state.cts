// What the simulator remembers about one call leg (contract §3, §4, §7).
import type { CalleeScript } from '../../core/callees.cts';
import type { Timer } from '../../core/clock.cts';

export type CallState = 'ringing' | 'answered' | 'ended';

export interface CommandRecord {
	at: number;
	response: { status: number; body?: unknown };
}

export interface ActiveGather {
	kind: 'gather' | 'gather_using_speak' | 'gather_using_audio';
	id: string;
	timers: Timer[];
}

export interface ActiveAi {
	kind: 'gather_using_ai' | 'ai_assistant_start';
	conversationId: string;
	startedAt: number;
	assistantId?: string;
	timers: Timer[];
}

/** A recording started by record_start or by `record: record-from-answer` (SDK actions.d.ts). */
export interface ActiveRecording {
	id: string;
	format: 'mp3' | 'wav';
	channels: 'single' | 'dual';
	startedAt: string;
	timers: Timer[];
}

export interface ActivePlayback {
	media: Record<string, unknown>;
	overlay: boolean;
	timers: Timer[];
}

export interface SimCall {
	callControlId: string;
	/** `incoming` for calls placed by `inboundCall`, else outgoing (a Dial or a transfer's new leg). */
	direction?: 'incoming' | 'outgoing';
	callLegId: string;
	callSessionId: string;
	connectionId: string;
	from: string;
	to: string;
	/** Base64 text echoed in webhooks; "" when none. */
	clientState: string;
	webhookUrl?: string;
	webhookUrls: Record<string, string[]>;
	retriesMs: Record<string, number[]>;
	/** The Dial request, for its options (AMD, timeouts, record…). */
	dial: Record<string, unknown>;
	script: CalleeScript;
	state: CallState;
	startTime?: string;
	endTime?: string;
	endedAt?: number;
	hangupCause?: string;
	recordingId?: string;
	timers: Timer[];
	gather?: ActiveGather;
	ai?: ActiveAi;
	recording?: ActiveRecording;
	playback?: ActivePlayback;
	/** Timers of a running real-time transcription. */
	transcription?: { timers: Timer[] };
	/** The leg this one is bridged to. */
	bridgedWith?: string;
	/** command_id → first response, kept 60 s (contract §5). */
	commands: Map<string, CommandRecord>;
	/** Commands carried out (not deduplicated copies), for tests. */
	executed: Array<{ action: string; commandId?: string; body: Record<string, unknown> }>;
}

/** Telnyx returns data for 10 minutes after a call ends (contract §4). */
export const RETENTION_MS = 10 * 60 * 1000;
/** Window in which a repeated command_id is ignored (contract §5, D-recv). */
export const DEDUPE_MS = 60 * 1000;

/** Telnyx's timestamps carry microseconds; pass the simulator clock's now. */
export function isoMicro(date: Date | number): string {
	if (typeof date === 'number') date = new Date(date);
	return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
