// What the simulator keeps about calls and tools, and how a call looks on the wire.
export type CallStatus = 'queued' | 'ringing' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

export const FINAL: CallStatus[] = ['completed', 'failed', 'cancelled'];

export interface TranscriptLine {
	speaker: 'agent' | 'callee' | 'tool' | 'system';
	text: string;
	timestamp: string;
	tool_name?: string;
	correlation_id?: string;
}

export interface ToolDefinition {
	id: string;
	name: string;
	description?: string;
	input_schema?: Record<string, unknown>;
	output_schema?: Record<string, unknown>;
	timeout_ms: number;
	active: boolean;
	created_at: string;
}

export interface SimCall {
	id: string;
	call_session_id: string;
	status: CallStatus;
	to: string;
	task: string;
	created_at: string;
	started_at?: string;
	ended_at?: string;
	duration_seconds?: number;
	summary?: string;
	metadata?: Record<string, unknown>;
	/** The create request as received (country, voice, tools, …). */
	request: Record<string, unknown>;
	transcript: TranscriptLine[];
	/** Simulated ms after which GET shows the transcript (it lags completion, contract §4). */
	transcriptReadyAt?: number;
	/** Simulated ms when the call connected, to work out the duration. */
	connectedAt?: number;
}

/** Entry field names vary across clients' expectations; the simulator can send either pair. */
export type TranscriptShape = 'speaker-text' | 'role-content';

export function wireTranscript(lines: TranscriptLine[], shape: TranscriptShape): Array<Record<string, unknown>> {
	return lines.map(({ speaker, text, ...rest }) =>
		shape === 'role-content' ? { role: speaker, content: text, ...rest } : { speaker, text, ...rest },
	);
}

/** GET /calls/{id}: the transcript stays empty until a few seconds after completion. */
export function wireCall(call: SimCall, shape: TranscriptShape, now: number): Record<string, unknown> {
	const { request, transcript, transcriptReadyAt, connectedAt, ...fields } = call;
	void request;
	void connectedAt;
	const ready = transcriptReadyAt !== undefined && now >= transcriptReadyAt;
	return { ...fields, transcript: ready ? wireTranscript(transcript, shape) : [] };
}
