import type { IDataObject } from 'n8n-workflow';

import { speakerOf } from '../shared/transcript';
import { decodeClientState } from './clientState';

/**
 * What a call's interim webhooks said, kept small because it travels inside the call's own
 * `client_state` (updated with `client_state_update`) to the final `call.hangup`: nothing is
 * kept in n8n or in a process between deliveries. Keys are one or two letters for size.
 */
export interface Observed extends IDataObject {
	/** Answered: epoch ms of the answer (`call.answered` start_time), 0 when the time was unreadable. */
	a?: number;
	/** Machine detection result, standard or premium (human, machine, not_sure, human_residence, fax_detected…). */
	m?: string;
	/** Greeting-ended result, standard or premium (beep_detected, ended, no_beep_detected, not_sure). */
	g?: string;
	/** DTMF digits of the last `call.gather.ended`, and its status. */
	d?: string;
	ds?: string;
	/** AI gather fields (final, or partial while `fs` is unset) and the final status (valid, invalid). */
	f?: IDataObject;
	fs?: string;
	/** The AI conversation: `[who, text]` with who `a` (agent) or `c` (callee); tool and system lines left out. */
	h?: Array<[string, string]>;
	/** Status of the last `call.speak.ended` (completed, call_hangup, cancelled_amd). */
	sp?: string;
	/** Wait for Outcome's On Answer steps not started yet (nodes/Telnyx/wait/steps.ts), and the kind of the running one. */
	q?: IDataObject[];
	c?: string;
}

/**
 * Telnyx states no maximum for `client_state` (contract §3, §5): inferred, we keep the whole
 * encoded value within 4 KB so a long AI conversation cannot make a command fail.
 */
export const CLIENT_STATE_MAX_LENGTH = 4096;

/** Marks client_state written by this package, so the user's own state is told apart from ours. */
const MARK = 'aic';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/** A webhook's `data` (the envelope's, or the object itself when already unwrapped). */
export function eventData(body: IDataObject): IDataObject {
	return obj(body.data) && typeof (body.data as IDataObject).event_type === 'string' ? (body.data as IDataObject) : body;
}

/** `message_history` (`[{role, content}]`) as compact `[who, text]` pairs. */
function compactHistory(history: unknown): Array<[string, string]> | undefined {
	if (!Array.isArray(history)) return undefined;
	const pairs: Array<[string, string]> = [];
	for (const entry of history) {
		const turn = obj(entry);
		const role = turn && speakerOf(String(turn.role ?? ''));
		if (turn && role) pairs.push([role === 'agent' ? 'a' : 'c', typeof turn.content === 'string' ? turn.content : JSON.stringify(turn.content ?? '')]);
	}
	return pairs;
}

/** A detection result replaces what is known unless it is a `not_sure` after a definite answer (order is not guaranteed, §6.1). */
const better = (known: string | undefined, next: string | undefined): string | undefined =>
	next === undefined || (known !== undefined && known !== 'not_sure' && next === 'not_sure') ? known : next;

/**
 * Folds one webhook into what is known. Returns the new notes and whether they changed, so
 * the caller sends `client_state_update` only when needed. Duplicated or reordered deliveries
 * (contract §6.1) leave the notes as they were: each field is set, not appended to.
 * `call.dtmf.received` is left out on purpose: digits are taken whole from `call.gather.ended`.
 */
export function observe(known: Observed, body: IDataObject): { observed: Observed; changed: boolean } {
	const data = eventData(body);
	const payload = obj(data.payload) ?? {};
	const next: Observed = { ...known };
	switch (data.event_type) {
		case 'call.answered': {
			if (next.a !== undefined) break;
			const at = Date.parse(str(payload.start_time) ?? str(data.occurred_at) ?? '');
			next.a = Number.isFinite(at) ? at : 0;
			break;
		}
		case 'call.machine.detection.ended':
		case 'call.machine.premium.detection.ended':
			next.m = better(next.m, str(payload.result));
			break;
		case 'call.machine.greeting.ended':
		case 'call.machine.premium.greeting.ended':
			next.g = better(next.g, str(payload.result));
			break;
		case 'call.gather.ended':
			next.d = str(payload.digits) ?? '';
			next.ds = str(payload.status);
			break;
		case 'call.ai_gather.ended':
			next.f = obj(payload.result) ?? {};
			next.fs = str(payload.status);
			next.h = compactHistory(payload.message_history) ?? next.h;
			break;
		case 'call.ai_gather.partial_results':
			if (next.fs === undefined) next.f = obj(payload.partial_results) ?? next.f;
			next.h = longer(next.h, compactHistory(payload.message_history));
			break;
		case 'call.ai_gather.message_history_updated':
			next.h = longer(next.h, compactHistory(payload.message_history));
			break;
		case 'call.speak.ended':
			next.sp = str(payload.status);
			break;
	}
	for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
	return { observed: next, changed: JSON.stringify(next) !== JSON.stringify(known) };
}

/** Each history update carries the whole history (contract §5.6), so the longer one is the later one. */
function longer(known: Array<[string, string]> | undefined, next: Array<[string, string]> | undefined) {
	return next && next.length > (known?.length ?? -1) ? next : known;
}

/** The user's client state as the trigger shows it: parsed JSON when it is JSON, otherwise the text. */
function asDecoded(user: unknown): unknown {
	if (typeof user !== 'string') return user;
	try {
		return JSON.parse(user) as unknown;
	} catch {
		return user;
	}
}

const toBase64 = (value: IDataObject): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/**
 * The call's `client_state`: the user's own correlation state and the notes, in one base64
 * JSON object `{"aic":1,"u":…,"n":{…}}`. When it would pass `maxLength`, the oldest AI
 * conversation turns go first; if the rest still does not fit, the reason is returned.
 */
export function encodeCallState(user: unknown, observed: Observed, maxLength = CLIENT_STATE_MAX_LENGTH): { clientState: string } | { reason: string } {
	const decoded = asDecoded(user);
	const hasUser = decoded !== undefined && decoded !== null && decoded !== '';
	const envelope = (notes: Observed): IDataObject => ({ [MARK]: 1, ...(hasUser ? { u: decoded as IDataObject } : {}), n: notes });
	let notes = observed;
	let encoded = toBase64(envelope(notes));
	while (encoded.length > maxLength && notes.h) {
		const rest = notes.h.slice(Math.ceil(notes.h.length / 4));
		notes = { ...notes, h: rest.length ? rest : undefined };
		if (!notes.h) delete notes.h;
		encoded = toBase64(envelope(notes));
	}
	if (encoded.length > maxLength) {
		return { reason: `The Client State is too long: with what the call reports it takes ${encoded.length} of at most ${maxLength} characters. Shorten the Client State.` };
	}
	return { clientState: encoded };
}

/** Keeps only notes of the expected types: client_state is echoed from the wire. */
function cleanNotes(raw: unknown): Observed {
	const notes = obj(raw) ?? {};
	const clean: Observed = {};
	if (typeof notes.a === 'number' && Number.isFinite(notes.a)) clean.a = notes.a;
	for (const key of ['m', 'g', 'd', 'ds', 'fs', 'sp', 'c'] as const) if (typeof notes[key] === 'string') clean[key] = notes[key] as string;
	if (obj(notes.f)) clean.f = notes.f as IDataObject;
	if (Array.isArray(notes.q)) clean.q = (notes.q as unknown[]).filter((step): step is IDataObject => obj(step) !== undefined);
	if (Array.isArray(notes.h)) {
		clean.h = (notes.h as unknown[]).filter(
			(pair): pair is [string, string] => Array.isArray(pair) && (pair[0] === 'a' || pair[0] === 'c') && typeof pair[1] === 'string',
		);
	}
	return clean;
}

export interface CallState {
	/** The user's own client state (parsed JSON or text), undefined when none was given. */
	user: unknown;
	observed: Observed;
	/** Whether the state was written by this package (Wait for Outcome): then the notes are complete. */
	tracked: boolean;
}

/** Reads a call's `client_state`: ours gives the user's state and the notes; anything else is the user's alone. */
export function decodeCallState(encoded: unknown): CallState {
	const decoded = decodeClientState(encoded);
	const envelope = obj(decoded);
	if (envelope && envelope[MARK] === 1 && Object.keys(envelope).every((key) => key === MARK || key === 'u' || key === 'n')) {
		return { user: envelope.u, observed: cleanNotes(envelope.n), tracked: true };
	}
	return { user: decoded, observed: {}, tracked: false };
}
