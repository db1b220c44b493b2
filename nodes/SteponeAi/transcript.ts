import type { IDataObject } from 'n8n-workflow';

/** One conversation turn in the shape every Stepone operation outputs. */
export interface Turn extends IDataObject {
	role: string;
	text: string;
	/** When the turn was said (from the record) or received (from the stream), ISO 8601. */
	time: string | null;
}

/** What one SSE `data:` payload means (contract §5). */
export type StreamEvent =
	| { kind: 'turn'; role: string; text: string }
	| { kind: 'done' }
	| { kind: 'timeout' }
	| { kind: 'system'; text: string }
	| { kind: 'unparseable'; raw: string };

function textOf(entry: IDataObject): string {
	const value = entry.content ?? entry.text ?? entry.message;
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Reads one `data:` payload: a turn, the end markers `[DONE]` / `[TIMEOUT]`, or other system text. */
export function parseStreamEvent(data: string): StreamEvent {
	let entry: unknown;
	try {
		entry = JSON.parse(data);
	} catch {
		return { kind: 'unparseable', raw: data };
	}
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { kind: 'unparseable', raw: data };
	const role = String((entry as IDataObject).role ?? '');
	const text = textOf(entry as IDataObject);
	if (role === 'system') {
		const marker = text.trim();
		if (marker === '[DONE]') return { kind: 'done' };
		if (marker === '[TIMEOUT]') return { kind: 'timeout' };
		return { kind: 'system', text };
	}
	return { kind: 'turn', role: role || 'unknown', text };
}

function timeOf(entry: IDataObject): string | null {
	const value = entry.time ?? entry.timestamp ?? entry.created_at ?? entry.createdAt;
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
	return String(value);
}

/** The record's `call_content` (`[{role, content}]`, sometimes a JSON string) as turns. */
export function turnsFromRecord(callContent: unknown): Turn[] {
	let entries = callContent;
	if (typeof entries === 'string') {
		try {
			entries = JSON.parse(entries);
		} catch {
			return entries ? [{ role: 'unknown', text: entries as string, time: null }] : [];
		}
	}
	if (!Array.isArray(entries)) return [];
	return entries
		.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object')
		.map((entry) => ({ role: String(entry.role ?? 'unknown'), text: textOf(entry), time: timeOf(entry) }));
}

/** The whole conversation as plain text, one "role: text" line per turn. */
export function transcriptText(turns: Turn[]): string {
	return turns.map((turn) => `${turn.role}: ${turn.text}`).join('\n');
}
