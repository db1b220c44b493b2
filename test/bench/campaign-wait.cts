// Section 3 of the campaign benchmark: WAIT_CALLS (200) calls with Wait for Outcome per
// provider, on the simulator's clock scaled by WAIT_SCALE (0.01: a 60 s call takes 0.6 s),
// with a mix of outcomes and lengths (campaign-sim-wait.cts). Wall time against the longest
// call (in real ms at that scale), API requests and polls per outcome, peak RSS growth,
// items failed (an error, no outcome, a wait never resumed), outcomes other than the scripted
// one (kept apart: on a scaled clock, real handling time is long against the gaps between
// events), duplicates (calls beyond one per input).
// - Pamela and Stepone wait inside the node: the WAIT_CALLS items run in one execution at
//   Concurrency 50 (the option's maximum), so they wait in ceil(calls / 50) rounds. Their
//   Poll Interval is 5 s of simulated time (the default), WAIT_SCALE × 5 s of real time
//   (the option's floor of 0.05 s makes it longer below WAIT_SCALE 0.01).
// - Telnyx waits with n8n's wait-and-resume, one call per execution (by design): WAIT_CALLS
//   executions start at once in the waiting harness and are resumed by the simulator's signed
//   webhooks over real HTTP. The node's dial pacing is off (as in section 1): it is real
//   time, while the calls here run on scaled time.
import { loadavg } from 'node:os';

import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../harness/engine.cts';
import { startWaitingServer, type WaitingExecution } from '../harness/waiting.cts';
import { placeCallNode, type ProviderName } from '../campaign/helpers.cts';
import type { WaitCosts, WaitMix } from './campaign-sim-wait.cts';
import type { SimStats } from './campaign-sim.cts';

export const WAIT_CALLS = Number(process.env.WAIT_CALLS ?? 200);
export const WAIT_SCALE = Number(process.env.WAIT_SCALE ?? 0.01);
const WAIT_CONCURRENCY = 50;
const MB = 1024 * 1024;

/** What section 3 needs of the benchmark: the simulator process and a measured run. */
export interface WaitBench {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	send<T = unknown>(command: Record<string, unknown>): Promise<T>;
	measured<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number; rssGrowth: number }>;
}

export interface WaitRow {
	run: string;
	calls: number;
	concurrency: string;
	wallMs: number;
	cpuMs: number;
	/** The longest call at this scale, in real ms. */
	longestMs: number;
	costs: WaitCosts;
	rssGrowth: number;
	failed: number;
	/** Outcomes whose status is not the scripted one, as "kind → status": count. */
	unscripted: Record<string, number>;
	duplicates: number;
	statuses: Record<string, number>;
	/** Telnyx: deliveries the waiting harness answered 409 (the execution was not waiting yet). */
	early?: number;
	/** Telnyx: interim events whose state write failed (the call had ended by then: 422 90018). */
	lateWrites?: number;
	/** Telnyx: real ms until every execution had placed its call and was waiting. */
	startMs?: number;
}

interface Tally {
	failed: number;
	unscripted: Record<string, number>;
	statuses: Record<string, number>;
}

/**
 * Counts outcomes by status. Failed: an error, no outcome, or a wait that was never resumed
 * (`missing`). Any other status than the scripted one is counted apart, by kind.
 */
function tally(mix: WaitMix, outcomes: Array<{ json: IDataObject } | undefined>): Tally {
	const statuses: Record<string, number> = {};
	const unscripted: Record<string, number> = {};
	let failed = 0;
	mix.rows.forEach((row, index) => {
		const outcome = outcomes[index]?.json;
		const status = outcome ? String(outcome.error ? 'error' : outcome.status) : 'missing';
		statuses[status] = (statuses[status] ?? 0) + 1;
		if (status === 'error' || status === 'missing') failed++;
		else if (status !== row.expected) unscripted[`${row.kind} → ${status}`] = (unscripted[`${row.kind} → ${status}`] ?? 0) + 1;
	});
	return { failed, unscripted, statuses };
}

/** Pamela or Stepone: one execution, every item waits inside the node. */
async function waitInNode(bench: WaitBench, provider: ProviderName, mix: WaitMix): Promise<Tally> {
	const input: INodeExecutionData[] = mix.rows.map((row, n) => ({ json: { to: row.to, n } }));
	const node = placeCallNode(provider, { concurrency: WAIT_CONCURRENCY, pollIntervalSeconds: 5 * WAIT_SCALE }, { onError: 'continueRegularOutput' });
	// Two real minutes: far past every scripted call at a small scale, and a bound if one never ended.
	node.parameters = { ...node.parameters, waitForOutcome: true, maxWaitMinutes: 2 };
	const result: RunResult = await runWorkflow({ nodes: [node] }, { credentials: bench.credentials, input });
	if (result.errors['Place Call']) throw new Error(`${provider}: ${result.errors['Place Call'].message}`);
	const byRow: Array<{ json: IDataObject } | undefined> = [];
	for (const item of result.outputs['Place Call'] ?? []) {
		const row = (item.pairedItem as { item: number } | undefined)?.item ?? -1;
		if (row >= 0 && !byRow[row]) byRow[row] = { json: item.json };
	}
	return tally(mix, byRow);
}

/** Telnyx: one execution per call, each waiting until its call's hang-up resumes it. */
async function waitAndResume(mix: WaitMix, guardMs: number, server: Awaited<ReturnType<typeof startWaitingServer>>): Promise<Tally & { startMs: number }> {
	const began = performance.now();
	const started = await Promise.all(
		mix.rows.map(async (row, n) => {
			const node = placeCallNode('telnyx', { ...row.options, dialRateLimit: 0, clientState: JSON.stringify({ row: n }) });
			node.parameters = { ...node.parameters, waitForOutcome: true, maxWaitMinutes: 10 };
			return await server.run({ nodes: [node] }, { input: [{ json: { to: row.to, n } }] });
		}),
	);
	const startMs = performance.now() - began;
	// A wait that is never resumed (every delivery of its hang-up lost) would wait 10 minutes:
	// past the guard it is ended as n8n's wait tracker would, and counts as failed.
	let guard: NodeJS.Timeout | undefined;
	const deadline = new Promise<void>((resolve) => (guard = setTimeout(resolve, guardMs)));
	const finals = await Promise.all(
		started.map(async (execution: WaitingExecution) => {
			// Not waiting after its first run: the node failed (the first run holds the error).
			if (execution.first.status !== 'waiting') return execution.first;
			await Promise.race([execution.resumed(), deadline]);
			if (execution.status() === 'waiting') {
				await execution.timeout();
				return undefined;
			}
			// Resumed: its hang-up's outcome.
			return await execution.resumed();
		}),
	);
	clearTimeout(guard);
	return { ...tally(mix, finals.map((final) => (final?.outputs['Place Call']?.[0] ? { json: final.outputs['Place Call'][0].json } : undefined))), startMs };
}

async function waitRow(bench: WaitBench, provider: ProviderName, offset: number): Promise<WaitRow> {
	await bench.send({ command: 'reset' });
	const mix = await bench.send<WaitMix>({ command: 'waitMix', provider, count: WAIT_CALLS, offset, scale: WAIT_SCALE });
	const longestMs = mix.longestMs * WAIT_SCALE;
	let early: number | undefined;
	let lateWrites: number | undefined;
	let startMs: number | undefined;
	let run;
	if (provider === 'telnyx') {
		const server = await startWaitingServer({ telnyxApi: bench.credentials.telnyxApi });
		try {
			const resumed = await bench.measured(() => waitAndResume(mix, Math.max(20_000, 20 * longestMs), server));
			run = resumed;
			startMs = resumed.result.startMs;
			early = server.deliveries.filter((delivery) => delivery.status === 409).length;
			lateWrites = server.deliveries.filter((delivery) => (delivery.body as IDataObject | undefined)?.commandFailed).length;
		} finally {
			await server.stop();
		}
	} else {
		run = await bench.measured(() => waitInNode(bench, provider, mix));
	}
	const costs = await bench.send<WaitCosts>({ command: 'waitCosts', provider });
	const stats = await bench.send<SimStats>({ command: 'stats', provider });
	return {
		run: `${provider} Wait for Outcome`,
		calls: WAIT_CALLS,
		concurrency: provider === 'telnyx' ? `1 × ${WAIT_CALLS} executions` : String(WAIT_CONCURRENCY),
		wallMs: run.wallMs,
		cpuMs: run.cpuMs,
		longestMs,
		costs,
		rssGrowth: run.rssGrowth,
		failed: run.result.failed,
		unscripted: run.result.unscripted,
		duplicates: stats.duplicates + Math.max(0, stats.calls - WAIT_CALLS),
		statuses: run.result.statuses,
		early,
		lateWrites,
		startMs,
	};
}

/** Section 3 for every provider, after the warm-up of sections 1 and 2 (or its own). */
export async function waitRows(bench: WaitBench, providers: ProviderName[]): Promise<WaitRow[]> {
	const rows: WaitRow[] = [];
	for (const provider of providers) rows.push(await waitRow(bench, provider, 6000));
	return rows;
}

/** Rows that miss a target: failed items, duplicates, memory, and any Telnyx poll. */
export function waitMisses(rows: WaitRow[]): WaitRow[] {
	return rows.filter((row) => row.failed > 0 || row.duplicates > 0 || row.rssGrowth >= 100 * MB || (row.run.startsWith('telnyx') && row.costs.polls > 0));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fixed = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function waitTable(rows: WaitRow[]): string {
	const header = ['run', 'calls', 'conc.', 'wall', 'engine CPU', 'longest call', 'wall/longest', 'requests per outcome: mean (min–max)', 'of which, mean', 'polls per outcome', 'peak RSS growth', 'failed', 'not as scripted', 'duplicates', 'outcomes'];
	const lines = rows.map((row) => [
		row.run,
		String(row.calls),
		row.concurrency,
		seconds(row.wallMs),
		seconds(row.cpuMs),
		seconds(row.longestMs),
		`${(row.wallMs / row.longestMs).toFixed(2)}×`,
		`${fixed(row.costs.mean)} (${row.costs.min}–${row.costs.max})`,
		Object.entries(row.costs.parts).map(([kind, n]) => `${fixed(n)} ${kind}`).join(' + '),
		`${fixed(row.costs.polls)}${row.run.startsWith('telnyx') ? ' (target 0)' : ''}`,
		`${(row.rssGrowth / MB).toFixed(1)} MB`,
		String(row.failed),
		Object.entries(row.unscripted).map(([what, n]) => `${n} ${what}`).join(', ') || '0',
		String(row.duplicates),
		Object.entries(row.statuses).map(([status, n]) => `${status} ${n}`).join(', '),
	]);
	const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((cells) => `| ${cells.join(' | ')} |`)];
	return out.join('\n');
}

export function waitNotes(rows: WaitRow[]): string[] {
	const telnyx = rows.find((row) => row.startMs !== undefined);
	return [
		`Wait for Outcome: ${WAIT_CALLS} calls per provider, simulator clock at scale ${WAIT_SCALE} (a 60 s call takes ${seconds(60_000 * WAIT_SCALE)}), no added latency; load average ${loadavg()[0].toFixed(2)} at the end.`,
		`Longest call = the longest scripted call from placement to its end, in real time at that scale; the outcome also waits for Pamela's transcript (3 s simulated) and Stepone's record (5 s).`,
		`Pamela and Stepone: ${WAIT_CALLS} items in one execution at Concurrency ${WAIT_CONCURRENCY} (the option's maximum), so they wait in ${Math.ceil(WAIT_CALLS / WAIT_CONCURRENCY)} rounds; Poll Interval 5 s simulated. Polls: Pamela's GET /calls/{id}, Stepone's record reads.`,
		`Telnyx: one call per execution, all started at once (all ${WAIT_CALLS} placed and waiting after ${seconds(telnyx?.startMs ?? 0)}), resumed by webhooks to each resume URL (signed with Node's native Ed25519 in the simulator, verified by the node); polls = status reads outside any webhook delivery of the call. Deliveries answered 409 while an execution was not yet waiting (Telnyx retries them): ${telnyx?.early ?? 0}.`,
		`Telnyx interim events whose client_state_update reached the simulator after the call had ended (422 90018), so their note (answer time, machine greeting) is missing from the outcome: ${telnyx?.lateWrites ?? 0}. The engine's handling time is real while the calls run ${Math.round(1 / WAIT_SCALE)}× fast: a hang-up 20 s (simulated) after the greeting comes ${seconds(20_000 * WAIT_SCALE)} later, before a busy engine has written the note. "Not as scripted" counts what that changed.`,
	];
}
