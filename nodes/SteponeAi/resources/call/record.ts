import type { IDataObject } from 'n8n-workflow';

import { payloadOf } from '../../transport';
import { transcriptText } from '../../../shared/transcript';
import { turnsFromRecord } from '../../transcript';

/** Statuses the official 1.0.14 client treats as final (its own list, not a server enum). */
const TERMINAL = new Set(['completed', 'complete', 'ended', 'hung_up', 'hangup', 'failed', 'cancelled', 'canceled', 'no_answer', 'busy', 'declined', 'rejected', 'timeout', 'voicemail']);

/** The record in a `search_callinfo` reply, or undefined when Stepone has none (yet). */
export function recordOf(body: unknown): IDataObject | undefined {
	if (!body || typeof body !== 'object') return undefined;
	if ((body as IDataObject).success === false) return undefined;
	let payload = payloadOf(body);
	if (Array.isArray(payload)) payload = payload[0];
	if (!payload || typeof payload !== 'object') return undefined;
	const record = payload as IDataObject;
	const keys = Object.keys(record).filter((key) => key !== 'success' && key !== 'message');
	return keys.length > 0 ? record : undefined;
}

export function statusOf(record: IDataObject): string | undefined {
	const value = record.call_status ?? record.status ?? record.state;
	return typeof value === 'string' && value ? value : undefined;
}

export function endedAtOf(record: IDataObject): string | undefined {
	const value = record.ended_at ?? record.end_time ?? record.endedAt;
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** Finished once `duration_seconds` is set (the official signal), a final status, or an end time. */
export function isFinished(record: IDataObject): boolean {
	if (record.duration_seconds !== undefined && record.duration_seconds !== null) return true;
	const status = statusOf(record);
	if (status && TERMINAL.has(status.toLowerCase())) return true;
	return endedAtOf(record) !== undefined;
}

function numberOrNull(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

/** The record in the one shape the node outputs, whatever field names Stepone used. */
export function shapeRecord(callId: string, record: IDataObject, attempts: number): IDataObject {
	const complete = isFinished(record);
	const transcript = turnsFromRecord(record.call_content);
	return {
		callId,
		status: statusOf(record) ?? (complete ? 'completed' : 'in_progress'),
		complete,
		durationSeconds: numberOrNull(record.duration_seconds ?? record.duration),
		cost: numberOrNull(record.cost),
		billed: typeof record.billed === 'boolean' ? record.billed : null,
		phones: record.phones ?? null,
		requirement: record.user_requirement ?? null,
		endedAt: endedAtOf(record) ?? null,
		transcript,
		transcriptText: transcriptText(transcript),
		attempts,
		raw: record,
	};
}
