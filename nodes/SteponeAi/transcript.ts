import type { IDataObject } from 'n8n-workflow';

import { entryText, readTranscript } from '../shared/transcript';

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
	const text = entryText(entry as IDataObject);
	if (role === 'system') {
		const marker = text.trim();
		if (marker === '[DONE]') return { kind: 'done' };
		if (marker === '[TIMEOUT]') return { kind: 'timeout' };
		return { kind: 'system', text };
	}
	return { kind: 'turn', role: role || 'unknown', text };
}

/** The record's `call_content` (`[{role, content}]`, sometimes a JSON string) as turns. */
export function turnsFromRecord(callContent: unknown): Turn[] {
	return readTranscript(callContent).map((line) => ({ role: line.role, text: line.text, time: line.at }));
}
