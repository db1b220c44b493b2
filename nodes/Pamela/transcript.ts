import type { IDataObject } from 'n8n-workflow';

/** One transcript line, the same whatever field names Pamela used (contract §4 leaves them undocumented). */
export interface TranscriptEntry extends IDataObject {
	speaker: string;
	text: string;
	timestamp: string | null;
}

const firstText = (entry: IDataObject, keys: string[]): string | undefined => {
	for (const key of keys) {
		const value = entry[key];
		if (typeof value === 'string') return value;
		if (typeof value === 'number') return String(value);
	}
	return undefined;
};

/** Reads `speaker` or `role`, `text` or `content` (or `message`); plain strings become text of an unknown speaker. */
export function normaliseTranscriptEntry(raw: unknown): TranscriptEntry {
	if (typeof raw === 'string') return { speaker: 'unknown', text: raw, timestamp: null };
	const entry = (raw !== null && typeof raw === 'object' ? raw : {}) as IDataObject;
	const timestamp = entry.timestamp ?? entry.time ?? entry.created_at;
	return {
		speaker: firstText(entry, ['speaker', 'role']) ?? 'unknown',
		text: firstText(entry, ['text', 'content', 'message']) ?? '',
		timestamp: timestamp === undefined || timestamp === null ? null : String(timestamp),
	};
}

/** A transcript in one shape; a missing transcript (not filled in yet) is an empty list. */
export function normaliseTranscript(raw: unknown): TranscriptEntry[] {
	if (Array.isArray(raw)) return raw.map((entry) => normaliseTranscriptEntry(entry));
	if (typeof raw === 'string' && raw.trim()) return [normaliseTranscriptEntry(raw)];
	return [];
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
