import type { IDataObject } from 'n8n-workflow';

import { readTranscript } from '../shared/transcript';

/** One transcript line, the same whatever field names Pamela used (contract §4 leaves them undocumented). */
export interface TranscriptEntry extends IDataObject {
	speaker: string;
	text: string;
	timestamp: string | null;
}

/** A transcript in Pamela's output shape; a missing transcript (not filled in yet) is an empty list. */
export function normaliseTranscript(raw: unknown): TranscriptEntry[] {
	return readTranscript(raw).map((line) => ({ speaker: line.role, text: line.text, timestamp: line.at }));
}

const FINAL_STATUSES = ['completed', 'failed', 'cancelled'];

/**
 * A call object for the workflow: the fields most flows need under stable names, the
 * transcript normalised, and the call exactly as Pamela sent it under `raw`.
 */
export function normaliseCall(call: IDataObject): IDataObject {
	const transcript = normaliseTranscript(call.transcript);
	const status = call.status as string | undefined;
	return {
		id: call.id ?? call.call_id,
		status,
		summary: call.summary ?? null,
		transcript,
		// The transcript is often filled in a few seconds after a call completes (contract §4).
		transcriptPending: status === 'completed' && transcript.length === 0,
		final: status !== undefined && FINAL_STATUSES.includes(status),
		to: call.to,
		createdAt: call.created_at ?? null,
		startedAt: call.started_at ?? null,
		endedAt: call.ended_at ?? null,
		durationSeconds: call.duration_seconds ?? null,
		callSessionId: call.call_session_id,
		raw: call,
	};
}
