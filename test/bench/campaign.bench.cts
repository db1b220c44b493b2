// Campaigns at the providers' limits, in n8n-core's engine against the simulator.
// Run: scripts/node24.sh npm run bench:campaign   (after `npm run build`)
//
// 1. Place Call, CALLS (1,000) per provider at Concurrency 20, every create request held
//    LATENCY_MS (50 ms) by the simulator: wall time against the ideal (calls × latency /
//    concurrency) and against the same calls one after another (Concurrency 1, measured in
//    the same run on SEQUENTIAL (100) calls and scaled to CALLS); peak RSS growth; duplicates.
//    Telnyx pacing and the simulator's dial limit are off here: this measures concurrency.
// 2. Telnyx, 1,000 dials with the simulator enforcing 150 dials per rolling 5 s and the node's
//    default Dial Rate Limit (30/s): wall time against 1,000 / 30 s, 429s answered, items failed.
// 3. 200 calls with Wait for Outcome per provider on a scaled simulator clock: wall time
//    against the longest call, API requests and polls per outcome (campaign-wait.cts).
//
// SECTIONS=1,2,3 (the default) picks the sections to run, e.g. SECTIONS=3 for Wait for Outcome alone.
// The simulator runs in a child process (campaign-sim.cts), as a provider is elsewhere, so
// the engine here has its process to itself. Its clock runs at scale 1 for sections 1 and 2:
// "50 ms" and "5 s" on the simulator are real time. Telnyx webhooks are sent in section 3 only.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { itemsFor, PROVIDERS, runPlaceCallsWith, type ProviderName } from '../campaign/helpers.cts';
import type { SimCommand, SimStats } from './campaign-sim.cts';
import { waitMisses, waitNotes, waitRows, waitTable, WAIT_CALLS, type WaitRow } from './campaign-wait.cts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CALLS = Number(process.env.CALLS ?? 1000);
const SEQUENTIAL = Number(process.env.SEQUENTIAL ?? 100);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 50);
const PACED_CALLS = Number(process.env.PACED_CALLS ?? 1000);
const MB = 1024 * 1024;
const SECTIONS = new Set((process.env.SECTIONS ?? '1,2,3').split(',').map((section) => section.trim()));

interface Row {
	run: string;
	calls: number;
	concurrency: number;
	wallMs: number;
	/** CPU time of this (the engine's) process during the run. */
	cpuMs: number;
	targetMs: number;
	targetLabel: string;
	limit: number;
	sequentialMs?: number;
	rssGrowth: number;
	rateLimited: number;
	failed: number;
	duplicates: number;
}

/** Peak RSS growth over the level before `work` (after a GC), sampled every 10 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number; rssGrowth: number }> {
	gc();
	const base = process.memoryUsage().rss;
	let peak = base;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	const cpu = process.cpuUsage();
	const started = performance.now();
	try {
		const result = await work();
		const wallMs = performance.now() - started;
		const used = process.cpuUsage(cpu);
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, wallMs, cpuMs: (used.user + used.system) / 1000, rssGrowth: peak - base };
	} finally {
		clearInterval(sampler);
	}
}

/** The simulator in its own process, driven over IPC. */
class RemoteSimulator {
	private nextId = 1;
	private readonly waiting = new Map<number, (result: unknown) => void>();
	credentials: Record<string, ICredentialDataDecryptedObject> = {};

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (message: { id: number; result: unknown }) => {
			this.waiting.get(message.id)?.(message.result);
			this.waiting.delete(message.id);
		});
	}

	static async start(): Promise<RemoteSimulator> {
		const root = path.resolve(__dirname, '../..');
		const child = fork(path.join(__dirname, 'campaign-sim.cts'), [], { execArgv: ['-r', path.join(root, 'test/support/register.cjs')], cwd: root });
		const remote = new RemoteSimulator(child);
		remote.credentials = (await new Promise<unknown>((resolve) => remote.waiting.set(0, resolve))) as Record<string, ICredentialDataDecryptedObject>;
		return remote;
	}

	async send<T = unknown>(command: Omit<SimCommand, 'id'>): Promise<T> {
		const id = this.nextId++;
		const answered = new Promise<unknown>((resolve) => this.waiting.set(id, resolve));
		this.child.send({ ...command, id });
		return (await answered) as T;
	}

	/** Forgets earlier calls and faults; every create request of `provider` waits LATENCY_MS. */
	async prepare(provider: ProviderName, dialLimit?: { max: number; windowMs: number }): Promise<void> {
		await this.send({ command: 'reset' });
		await this.send({ command: 'limitDials', max: dialLimit?.max, windowMs: dialLimit?.windowMs });
		await this.send({ command: 'latency', provider, ms: LATENCY_MS });
	}

	async stats(provider: ProviderName): Promise<SimStats> {
		return await this.send<SimStats>({ command: 'stats', provider });
	}

	async stop(): Promise<void> {
		await this.send({ command: 'stop' });
	}
}

const optionsFor = (provider: ProviderName, concurrency: number) =>
	provider === 'telnyx' ? { concurrency, dialRateLimit: 0 } : { concurrency };

async function placeBatch(sim: RemoteSimulator, provider: ProviderName, calls: number, options: IDataObject, offset: number) {
	const result = await runPlaceCallsWith(sim.credentials, provider, itemsFor(provider, calls, offset), options, { continueOnFail: true });
	if (result.errors['Place Call']) throw new Error(`${provider}: ${result.errors['Place Call'].message}`);
	const out = result.outputs['Place Call'] ?? [];
	return { failed: out.filter((item) => item.json.error).length + (calls - out.length) };
}

async function placeCallsRow(sim: RemoteSimulator, provider: ProviderName): Promise<Row> {
	await sim.prepare(provider);
	const sequential = await measured(() => placeBatch(sim, provider, SEQUENTIAL, optionsFor(provider, 1), 8000));
	await sim.prepare(provider);
	const run = await measured(() => placeBatch(sim, provider, CALLS, optionsFor(provider, CONCURRENCY), 0));
	const stats = await sim.stats(provider);
	return {
		run: `${provider} Place Call`,
		calls: CALLS,
		concurrency: CONCURRENCY,
		wallMs: run.wallMs,
		cpuMs: run.cpuMs,
		targetMs: (CALLS * LATENCY_MS) / CONCURRENCY,
		targetLabel: 'ideal',
		limit: 1.25,
		sequentialMs: (sequential.wallMs * CALLS) / SEQUENTIAL,
		rssGrowth: run.rssGrowth,
		rateLimited: 0,
		failed: run.result.failed + sequential.result.failed,
		duplicates: stats.duplicates + Math.max(0, stats.calls - CALLS),
	};
}

/**
 * The floor under section 1: the same requests with Node's own http module (a new connection
 * each, as n8n's request helper makes), no n8n and no node. What n8n adds shows against it.
 */
async function rawFloorRow(sim: RemoteSimulator): Promise<Row> {
	await sim.prepare('stepone');
	const { baseUrl, apiKey, skillVersion } = sim.credentials.steponeAiApi as { baseUrl: string; apiKey: string; skillVersion: string };
	const post = (index: number) =>
		new Promise<void>((resolve, reject) => {
			const request = http.request(`${baseUrl}/api/v1/callinfo/initiate_call`, {
				method: 'POST',
				agent: new http.Agent(),
				headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-skill-version': skillVersion },
			}, (response) => response.resume().on('end', resolve));
			request.on('error', reject);
			request.end(JSON.stringify({ phones: itemsFor('stepone', 1, index)[0].json.to, user_requirement: 'benchmark' }));
		});
	let next = 0;
	const run = await measured(() => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
		while (next < CALLS) await post(next++);
	})));
	const stats = await sim.stats('stepone');
	return {
		run: 'floor: plain Node http, no n8n',
		calls: CALLS,
		concurrency: CONCURRENCY,
		wallMs: run.wallMs,
		cpuMs: run.cpuMs,
		targetMs: (CALLS * LATENCY_MS) / CONCURRENCY,
		targetLabel: 'ideal',
		limit: Infinity,
		rssGrowth: run.rssGrowth,
		rateLimited: 0,
		failed: CALLS - stats.calls,
		duplicates: stats.duplicates,
	};
}

async function pacedTelnyxRow(sim: RemoteSimulator): Promise<Row> {
	await sim.prepare('telnyx', { max: 150, windowMs: 5000 });
	// The node's defaults: Dial Rate Limit 30/s, Maximum Rate-Limit Wait 5 min.
	const run = await measured(() => placeBatch(sim, 'telnyx', PACED_CALLS, { concurrency: CONCURRENCY }, 0));
	const stats = await sim.stats('telnyx');
	return {
		run: 'telnyx paced, 150 dials/5 s enforced',
		calls: PACED_CALLS,
		concurrency: CONCURRENCY,
		wallMs: run.wallMs,
		cpuMs: run.cpuMs,
		targetMs: (PACED_CALLS / 30) * 1000,
		targetLabel: 'calls / 30 s',
		limit: 1.15,
		rssGrowth: run.rssGrowth,
		rateLimited: stats.refused,
		failed: run.result.failed,
		duplicates: stats.duplicates + Math.max(0, stats.calls - PACED_CALLS),
	};
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function table(rows: Row[]): string {
	const header = ['run', 'calls', 'conc.', 'wall', 'engine CPU', 'target', 'wall/target', 'one after another', 'speed-up', 'peak RSS growth', '429s', 'failed', 'duplicates'];
	const lines = rows.map((row) => [
		row.run,
		String(row.calls),
		String(row.concurrency),
		seconds(row.wallMs),
		seconds(row.cpuMs),
		`${seconds(row.targetMs)} (${row.targetLabel})`,
		`${(row.wallMs / row.targetMs).toFixed(2)}×${Number.isFinite(row.limit) ? ` (≤ ${row.limit}×)` : ''}`,
		row.sequentialMs === undefined ? '' : `${seconds(row.sequentialMs)} (scaled from ${SEQUENTIAL})`,
		row.sequentialMs === undefined ? '' : `${(row.sequentialMs / row.wallMs).toFixed(1)}×`,
		`${(row.rssGrowth / MB).toFixed(1)} MB`,
		String(row.rateLimited),
		String(row.failed),
		String(row.duplicates),
	]);
	const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((cells) => `| ${cells.join(' | ')} |`)];
	return out.join('\n');
}

async function main() {
	const load = loadavg()[0];
	const sim = await RemoteSimulator.start();
	const rows: Row[] = [];
	let waits: WaitRow[] = [];
	try {
		// Warm-up: the package loaded, the code paths compiled and the heap grown before anything is timed.
		for (const provider of PROVIDERS) {
			await sim.prepare(provider);
			await placeBatch(sim, provider, 300, optionsFor(provider, CONCURRENCY), 9000);
		}
		// Section 1: Place Call at Concurrency 20 with 50 ms latency, and the floor without n8n.
		if (SECTIONS.has('1')) {
			for (const provider of PROVIDERS) rows.push(await placeCallsRow(sim, provider));
			rows.push(await rawFloorRow(sim));
		}
		// Section 2: Telnyx paced at its dial limit.
		if (SECTIONS.has('2')) rows.push(await pacedTelnyxRow(sim));
		// Section 3: 200 calls with Wait for Outcome on each provider, on a scaled clock.
		if (SECTIONS.has('3')) {
			const bench = { credentials: sim.credentials, send: <T,>(command: Record<string, unknown>) => sim.send<T>(command as Omit<SimCommand, 'id'>), measured };
			waits = await waitRows(bench, PROVIDERS);
		}
	} finally {
		await sim.stop();
	}
	const lines = [
		`Campaign benchmark: n8n-core engine, simulator in its own process with ${LATENCY_MS} ms latency per create request; Node ${process.version}, load average ${load.toFixed(2)} at start`,
		...(rows.length
			? [
					'',
					table(rows),
					'',
					`Ideal = calls × ${LATENCY_MS} ms / concurrency. "One after another" is Concurrency 1 on ${SEQUENTIAL} calls, scaled to ${CALLS}. Duplicates: numbers called twice, and calls beyond one per item.`,
				]
			: []),
		...(waits.length ? ['', `Wait for Outcome, ${WAIT_CALLS} calls per provider (scaled simulator clock)`, '', waitTable(waits), '', ...waitNotes(waits)] : []),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const misses = [
		...rows.filter((row) => row.wallMs / row.targetMs > row.limit || row.failed > 0 || row.duplicates > 0 || row.rssGrowth >= 100 * MB),
		...waitMisses(waits),
	];
	if (misses.length) {
		process.stderr.write(`Targets missed: ${misses.map((row) => row.run).join(', ')}\n`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
