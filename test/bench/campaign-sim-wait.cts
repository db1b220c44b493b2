// Section 3 of the campaign benchmark, the simulator's side: a mix of scripted outcomes and
// call lengths per provider, and what each outcome cost in API requests.
import { CREATE_PATH, numberFor, type ProviderName } from '../campaign/helpers.cts';
import type { RunningSimulator } from '../simulator/index.cts';
import { DEFAULT_SCRIPT, type SteponeScript } from '../simulator/providers/stepone/index.cts';

/** One scripted call: the number, what happens, the status the outcome must have, Place Call options it needs. */
export interface WaitMixRow {
	to: string;
	kind: string;
	expected: string;
	options: Record<string, unknown>;
}

export interface WaitMix {
	rows: WaitMixRow[];
	/** The longest call, placement to its end, in simulated ms. */
	longestMs: number;
}

export interface WaitCosts {
	outcomes: number;
	/** API requests per outcome (create, stream, reads, commands): lowest, mean, highest. */
	min: number;
	mean: number;
	max: number;
	/** Mean per outcome of each kind of request. */
	parts: Record<string, number>;
	/** Status reads per outcome. Telnyx: reads no webhook delivery of the call caused (a poll). */
	polls: number;
}

/** The Telnyx no-answer timeout the mix dials with (simulated seconds). */
const RING_TIMEOUT_SECS = 30;
/** Pamela's simulated time per spoken turn in the mix (as its tests use: a 4-turn call is about a minute). */
const PAMELA_TURN_MS = 10_000;
const KINDS = ['answered', 'busy', 'answered', 'no-answer', 'voicemail', 'rejected'] as const;

/** Row `i`'s ring (2–10 s) and talk time (20–60 s), simulated. */
const ringMs = (i: number) => 2000 + (i % 9) * 1000;
const talkMs = (i: number) => 20_000 + (i % 5) * 10_000;

function telnyxRow(simulator: RunningSimulator, to: string, kind: (typeof KINDS)[number], i: number): WaitMixRow & { ms: number } {
	const options = { timeoutSecs: RING_TIMEOUT_SECS };
	const ring = ringMs(i);
	const script = {
		answered: { answer: 'answer' as const, ringMs: ring, hangUpAfterMs: talkMs(i) },
		busy: { answer: 'busy' as const, ringMs: ring },
		'no-answer': { answer: 'no-answer' as const },
		voicemail: { answer: 'voicemail' as const, ringMs: ring, hangUpAfterMs: talkMs(i) },
		rejected: { answer: 'reject' as const, ringMs: ring },
	}[kind];
	simulator.telnyx.callee(to, script);
	const expected = { answered: 'completed', busy: 'busy', 'no-answer': 'no_answer', voicemail: 'voicemail', rejected: 'failed' }[kind];
	const ms = kind === 'no-answer' ? RING_TIMEOUT_SECS * 1000 : ring + (script.hangUpAfterMs ?? 0);
	return { to, kind, expected, options: kind === 'voicemail' ? { ...options, answeringMachineDetection: 'detect_beep' } : options, ms };
}

function pamelaRow(simulator: RunningSimulator, to: string, kind: (typeof KINDS)[number], i: number): WaitMixRow & { ms: number } {
	const ring = kind === 'no-answer' ? 30_000 : ringMs(i);
	const says = Array.from({ length: 1 + (i % 5) }, (_, turn) => `Answer ${turn + 1}.`);
	const answer = { answered: 'answer', busy: 'busy', 'no-answer': 'no-answer', voicemail: 'voicemail', rejected: 'reject' }[kind] as 'answer';
	simulator.pamela.callee(to, { answer, ringMs: ring, says });
	// Pamela reports no machine detection (contract §7): a voicemail is a completed call.
	const expected = kind === 'answered' || kind === 'voicemail' ? 'completed' : 'failed';
	// Queue, ring, then per callee turn one turn, and the agent's goodbye one turn later.
	const turns = kind === 'answered' ? says.length + 1 : kind === 'voicemail' ? 2 : 0;
	return { to, kind, expected, options: {}, ms: simulator.pamela.timings.queueMs + ring + turns * PAMELA_TURN_MS };
}

function steponeRow(simulator: RunningSimulator, to: string, kind: (typeof KINDS)[number], i: number): WaitMixRow & { ms: number } {
	const talking = { ...DEFAULT_SCRIPT, ringMs: ringMs(i), turnGapMs: talkMs(i) / DEFAULT_SCRIPT.turns.length };
	const voicemail = [
		{ role: 'assistant' as const, content: '您好，我是人工智能助理小步。' },
		{ role: 'user' as const, content: '您拨打的用户暂时无法接听，请在提示音后留言。' },
	];
	const script: SteponeScript = {
		answered: talking,
		busy: { ...DEFAULT_SCRIPT, answered: false, recordStatus: 'busy', hangupCause: 'user_busy' },
		'no-answer': { ...DEFAULT_SCRIPT, answered: false },
		voicemail: { ...talking, turns: voicemail, turnGapMs: 10_000, recordStatus: 'voicemail' },
		rejected: { ...DEFAULT_SCRIPT, answered: false, recordStatus: 'failed', hangupCause: 'call_rejected' },
	}[kind];
	simulator.stepone.scripts.set(to, script);
	const expected = { answered: 'completed', busy: 'busy', 'no-answer': 'no_answer', voicemail: 'voicemail', rejected: 'failed' }[kind];
	// Unanswered: the stream's [TIMEOUT] after 30 s (script.cts).
	return { to, kind, expected, options: {}, ms: script.answered ? script.ringMs + script.turns.length * script.turnGapMs : 30_000 };
}

/** Scripts `count` callees from `offset` on with the mix, for `provider`. */
export function scriptWaitMix(simulator: RunningSimulator, provider: ProviderName, count: number, offset: number): WaitMix {
	if (provider === 'pamela') simulator.pamela.timings.turnMs = PAMELA_TURN_MS;
	const make = { telnyx: telnyxRow, pamela: pamelaRow, stepone: steponeRow }[provider];
	const rows = Array.from({ length: count }, (_, i) => make(simulator, numberFor(provider, offset + i), KINDS[i % KINDS.length], i));
	return { rows: rows.map(({ ms: _ms, ...row }) => row), longestMs: Math.max(...rows.map((row) => row.ms)) };
}

/**
 * Real-time windows in which a webhook of each call was on the wire (by call): a status read
 * inside one was caused by that delivery (the node's webhook reads the call's state before
 * writing it), any other read is a poll.
 */
export function trackDeliveryWindows(simulator: RunningSimulator): Map<string, Array<[number, number]>> {
	const windows = new Map<string, Array<[number, number]>>();
	type Post = (job: { orderKey?: string }, ...rest: unknown[]) => Promise<boolean>;
	const sender = simulator.sim.webhooks as unknown as { post: Post };
	const post = sender.post.bind(sender);
	sender.post = async (job, ...rest) => {
		const started = Date.now();
		try {
			return await post(job, ...rest);
		} finally {
			if (job.orderKey) (windows.get(job.orderKey) ?? windows.set(job.orderKey, []).get(job.orderKey)!).push([started, Date.now()]);
		}
	};
	return windows;
}

type Tally = Record<string, number>;

/** Requests per call of the provider since the last reset, by kind. */
function tallies(simulator: RunningSimulator, provider: ProviderName, windows: Map<string, Array<[number, number]>>): Tally[] {
	const requests = simulator.sim.requests;
	const creates = new Map<string, number>();
	for (const request of requests) {
		if (request.method !== 'POST' || request.path !== CREATE_PATH[provider]) continue;
		const body = (request.body ?? {}) as Record<string, unknown>;
		const number = String(provider === 'stepone' ? body.phones : body.to);
		creates.set(number, (creates.get(number) ?? 0) + 1);
	}
	if (provider === 'telnyx') {
		return [...simulator.telnyx.calls.values()].map((call) => {
			const base = `/v2/calls/${encodeURIComponent(call.callControlId)}`;
			const tally: Tally = { dial: creates.get(call.to) ?? 0, GET: 0, client_state_update: 0, 'other commands': 0, polls: 0 };
			const inDelivery = (at: number) => (windows.get(call.callControlId) ?? []).some(([from, to]) => at >= from && at <= to);
			for (const request of requests) {
				if (request.path !== base && !request.path.startsWith(`${base}/`)) continue;
				if (request.method === 'GET') {
					tally.GET++;
					if (!inDelivery(request.at)) tally.polls++;
				} else if (request.path.endsWith('/client_state_update')) tally.client_state_update++;
				else tally['other commands']++;
			}
			return tally;
		});
	}
	if (provider === 'pamela') {
		return [...simulator.pamela.calls.calls.values()].map((call) => {
			const gets = requests.filter((request) => request.method === 'GET' && request.path === `${CREATE_PATH.pamela}/${call.id}`).length;
			return { 'POST /calls': creates.get(call.to) ?? 0, 'GET /calls/{id}': gets, polls: gets };
		});
	}
	const byCall = (path: string, id: string) => requests.filter((request) => request.path === path && (request.body as Record<string, unknown> | undefined)?.call_id === id).length;
	return [...simulator.stepone.calls.entries()].map(([id, call]) => {
		const reads = byCall('/api/v1/callinfo/search_callinfo', id);
		return { initiate_call: creates.get(call.phone) ?? 0, stream: byCall('/api/v1/callinfo/stream_chat_history', id), search_callinfo: reads, polls: reads };
	});
}

export function waitCosts(simulator: RunningSimulator, provider: ProviderName, windows: Map<string, Array<[number, number]>>): WaitCosts {
	const all = tallies(simulator, provider, windows);
	const totals = all.map(({ polls: _polls, ...tally }) => Object.values(tally).reduce((sum, n) => sum + n, 0));
	const mean = (values: number[]) => (values.length ? values.reduce((sum, n) => sum + n, 0) / values.length : 0);
	const parts: Record<string, number> = {};
	for (const key of Object.keys(all[0] ?? {})) if (key !== 'polls') parts[key] = mean(all.map((tally) => tally[key]));
	return { outcomes: all.length, min: Math.min(...totals), mean: mean(totals), max: Math.max(...totals), parts, polls: mean(all.map((tally) => tally.polls)) };
}
