import type { IDataObject } from 'n8n-workflow';

import { isoTime, type OutcomeTurn } from './outcome';

/**
 * One transcript line as the provider sent it, under stable names: who (`role`, the
 * provider's own word), what (`text`) and when (`at`, ISO 8601 or null).
 */
export interface TranscriptLine {
	role: string;
	text: string;
	at: string | null;
}

const ROLE_KEYS = ['speaker', 'role'];
const TEXT_KEYS = ['text', 'content', 'message'];
const TIME_KEYS = ['timestamp', 'time', 'created_at', 'createdAt'];

/** The first of `keys` that holds something, as text; objects (structured content) as JSON. */
function firstText(entry: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = entry[key];
		if (value === undefined || value === null) continue;
		if (typeof value === 'string') return value;
		if (typeof value === 'number' || typeof value === 'boolean') return String(value);
		return JSON.stringify(value);
	}
	return undefined;
}

/** The text of a `{role, content}`-like entry (`text`, `content` or `message`), '' when none. */
export function entryText(entry: IDataObject): string {
	return firstText(entry, TEXT_KEYS) ?? '';
}

/**
 * Reads one entry whatever names the provider used: `speaker` or `role`; `text`, `content`
 * or `message`; `timestamp`, `time`, `created_at` or `createdAt` (epoch numbers become ISO).
 * A plain string is text of an unknown speaker. Field names are undocumented (Pamela §4).
 */
export function readTranscriptEntry(raw: unknown): TranscriptLine {
	if (typeof raw === 'string') return { role: 'unknown', text: raw, at: null };
	const entry = (raw !== null && typeof raw === 'object' ? raw : {}) as IDataObject;
	const time = TIME_KEYS.map((key) => entry[key]).find((value) => value !== undefined && value !== null && value !== '');
	return { role: firstText(entry, ROLE_KEYS) ?? 'unknown', text: entryText(entry), at: isoTime(time) };
}

/**
 * A transcript as lines: an array of entries, or a JSON string of one (Stepone sometimes sends
 * `call_content` that way); other text is one line of an unknown speaker. Missing: no lines.
 * Entries that are neither objects nor text (null, numbers) are skipped.
 */
export function readTranscript(raw: unknown): TranscriptLine[] {
	let entries = raw;
	if (typeof entries === 'string') {
		if (!entries.trim()) return [];
		try {
			entries = JSON.parse(entries);
		} catch {
			return [readTranscriptEntry(raw)];
		}
		// JSON that is not a list (an object, null) holds no lines we can read.
		if (!Array.isArray(entries)) return entries === null || typeof entries === 'object' ? [] : [readTranscriptEntry(raw)];
	}
	if (!Array.isArray(entries)) return [];
	return entries.filter((entry) => typeof entry === 'string' || (!!entry && typeof entry === 'object')).map(readTranscriptEntry);
}

/** Provider words for the AI side and for the person called; anything else (tool, system…) is not speech. */
const AGENT_ROLES = new Set(['agent', 'assistant', 'ai', 'bot', 'model']);
const CALLEE_ROLES = new Set(['callee', 'user', 'human', 'customer', 'contact']);

/** Whose turn a provider's role word means, or undefined for tool, system and unknown lines. */
export function speakerOf(role: string): OutcomeTurn['role'] | undefined {
	const word = role.trim().toLowerCase();
	if (AGENT_ROLES.has(word)) return 'agent';
	if (CALLEE_ROLES.has(word)) return 'callee';
	return undefined;
}

/** The spoken turns of a transcript for an outcome; tool, system and unknown lines stay in the outcome's `raw`. */
export function outcomeTurns(lines: TranscriptLine[]): OutcomeTurn[] {
	const turns: OutcomeTurn[] = [];
	for (const line of lines) {
		const role = speakerOf(line.role);
		if (role) turns.push({ role, text: line.text, at: line.at });
	}
	return turns;
}

/** The whole conversation as plain text, one "role: text" line per turn. */
export function transcriptText(lines: Array<{ role: string; text: string }>): string {
	return lines.map((line) => `${line.role}: ${line.text}`).join('\n');
}
