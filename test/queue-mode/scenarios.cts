// The queue-mode scenarios. 1: a campaign per provider (Place Call from batches of contacts sent to
// the webhook processor, run on the workers; outcomes through the Telnyx and Pamela Triggers in
// Call Outcome mode, and through Wait for Outcome for Pamela and Stepone) into one Postgres sink.
// 2: Telnyx Wait for Outcome across processes. 3: a worker SIGKILLed mid-campaign and restarted,
// then the user's re-run; Redis down for a few seconds; every outcome webhook delivered again,
// shuffled, two copies at once. Counts are from the simulator's ledger and the sink.
import type { RunningSimulator } from '../simulator/index.cts';
import type { CalleeScript } from '../simulator/core/callees.cts';
import type { Cluster } from './cluster.cts';
import { WEBHOOK_BASE, WEBHOOK_PORT } from './cluster.cts';
import type { Processes } from './processes.cts';
import type { Report } from './report.cts';
import { dropRedis } from './services.cts';
import { SINK_TABLE } from './workflows.cts';

interface Pg {
	query: (sql: string, values?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;
}

export interface Context {
	cluster: Cluster;
	processes: Processes;
	simulator: RunningSimulator;
	pg: Pg;
	report: Report;
	n: number;
	work: string;
	log: (text: string) => void;
}

type Provider = 'telnyx' | 'pamela' | 'stepone';
interface Contact {
	contact: string;
	phone: string;
	campaign: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let numbering = 0;

/** Callee behaviours cycled over the contacts: answered and talking, busy, not answered. */
const SCRIPTS: CalleeScript[] = [
	{ answer: 'answer', ringMs: 2000, hangUpAfterMs: 4000, says: ['Hello?', 'Yes, thanks.'] },
	{ answer: 'busy', ringMs: 1000 },
	{ answer: 'no-answer', ringMs: 8000 },
];

function contactsFor(ctx: Context, provider: Provider, campaign: string, n: number): Contact[] {
	return Array.from({ length: n }, (_, i) => {
		const k = ++numbering;
		const phone = provider === 'stepone' ? `139${String(k).padStart(8, '0')}` : `+1415${200 + Math.floor(k / 10000)}${String(k % 10000).padStart(4, '0')}`;
		const script = SCRIPTS[i % SCRIPTS.length];
		if (provider === 'telnyx') ctx.simulator.telnyx.callee(phone, script);
		if (provider === 'pamela') ctx.simulator.pamela.callees.set(phone, script);
		return { contact: `${campaign}-${String(i).padStart(5, '0')}`, phone, campaign };
	});
}

function callsTo(ctx: Context, provider: Provider, phones: Set<string>): string[] {
	const s = ctx.simulator;
	if (provider === 'telnyx') return [...s.telnyx.calls.values()].filter((c) => c.direction !== 'incoming' && phones.has(c.to)).map((c) => c.to);
	if (provider === 'pamela') return [...s.pamela.calls.calls.values()].filter((c) => phones.has(c.to)).map((c) => c.to);
	return [...s.stepone.calls.values()].filter((c) => phones.has(c.phone)).map((c) => c.phone);
}

async function rowsOf(ctx: Context, campaign: string, source: string): Promise<Map<string, number>> {
	const { rows } = await ctx.pg.query(`SELECT contact, count(*)::int AS n FROM ${SINK_TABLE} WHERE campaign = $1 AND source = $2 GROUP BY contact`, [campaign, source]);
	return new Map(rows.map((r) => [String(r.contact), Number(r.n)]));
}

/** Sends like a client that retries a refused request (503 while n8n's database is busy) for up to a minute. */
async function post(path: string, body: unknown): Promise<number> {
	let status = 0;
	for (let attempt = 0; attempt < 30; attempt++) {
		try {
			const response = await fetch(`${WEBHOOK_BASE}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			await response.text();
			status = response.status;
			if (response.ok) return status;
		} catch {
			status = 0;
		}
		await sleep(2000);
	}
	return status;
}

async function postBatches(path: string, contacts: Contact[], batches = 20): Promise<void> {
	const size = Math.max(1, Math.ceil(contacts.length / batches));
	const posts: Array<Promise<number>> = [];
	for (let i = 0; i < contacts.length; i += size) posts.push(post(path, { contacts: contacts.slice(i, i + size) }));
	const statuses = await Promise.all(posts);
	const refused = statuses.filter((s) => s !== 200);
	if (refused.length) throw new Error(`webhook processor refused ${refused.length} batch(es) of ${path}: ${refused.join(', ')}`);
}

interface Run {
	name: string;
	provider: Provider;
	hook: string;
	source: 'trigger' | 'wait';
	n: number;
	/** Called while the campaign runs with the calls placed so far. */
	during?: (placed: number) => Promise<void>;
	/** After it settles: send the contacts without an outcome row again (the user's re-run). */
	rerun?: boolean;
	settleMs?: number;
}

async function campaign(ctx: Context, run: Run): Promise<void> {
	const contacts = contactsFor(ctx, run.provider, run.name, run.n);
	const phones = new Set(contacts.map((c) => c.phone));
	const started = Date.now();
	let placedAt = started;
	let placed = 0;
	let doneAt = started;
	const settle = async (deadlineMs: number) => {
		let lastChange = Date.now();
		let lastSeen = '';
		while (Date.now() - started < deadlineMs) {
			const calls = callsTo(ctx, run.provider, phones).length;
			const rows = await rowsOf(ctx, run.name, run.source);
			if (calls !== placed) {
				placed = calls;
				placedAt = Date.now();
			}
			if (run.during) await run.during(calls);
			const seen = `${calls}/${[...rows.values()].reduce((a, b) => a + b, 0)}`;
			if (seen !== lastSeen) {
				lastSeen = seen;
				lastChange = Date.now();
				doneAt = Date.now();
			}
			if (rows.size === contacts.length && calls >= contacts.length) return;
			// Settled: nothing new for a while and no provider webhook still queued or being retried
			// (a provider sends a call's events in order, so a slow receiver delays its final one).
			if (Date.now() - lastChange > (run.settleMs ?? 30000) && ctx.simulator.sim.webhooks.pending === 0) return;
			await sleep(250);
		}
	};
	await postBatches(run.hook, contacts);
	await settle(15 * 60000);
	let note = '';
	if (run.rerun) {
		const rows = await rowsOf(ctx, run.name, run.source);
		const missing = contacts.filter((c) => !rows.has(c.contact));
		note = `re-ran ${missing.length} contacts without an outcome row`;
		ctx.log(`${run.name}: ${note}`);
		if (missing.length) {
			await postBatches(run.hook, missing, 4);
			await settle(15 * 60000);
		}
	}
	const rows = await rowsOf(ctx, run.name, run.source);
	const { rows: repeated } = await ctx.pg.query(`SELECT coalesce(sum(repeats), 0)::int AS n FROM ${SINK_TABLE} WHERE campaign = $1 AND source = $2`, [run.name, run.source]);
	const calls = callsTo(ctx, run.provider, phones);
	const perPhone = new Map<string, number>();
	for (const phone of calls) perPhone.set(phone, (perPhone.get(phone) ?? 0) + 1);
	ctx.report.campaign({
		scenario: run.name,
		contacts: contacts.length,
		placed: calls.length,
		outcomes: [...rows.values()].reduce((a, b) => a + b, 0),
		duplicateCalls: [...perPhone.values()].filter((k) => k > 1).reduce((a, k) => a + k - 1, 0),
		duplicateRows: [...rows.values()].filter((k) => k > 1).reduce((a, k) => a + k - 1, 0),
		lost: contacts.filter((c) => !rows.has(c.contact)).length,
		repeatedOutcomes: Number(repeated[0].n),
		wallSeconds: (doneAt - started) / 1000,
		callsPerSecond: placed / Math.max(0.001, (placedAt - started) / 1000),
		note,
	});
}

/** Telnyx Wait for Outcome: each execution waits (n8n's waiting state), resumed through the webhook processor. */
async function telnyxWaitAcrossProcesses(ctx: Context, n: number): Promise<void> {
	const contacts = contactsFor(ctx, 'telnyx', 'telnyx-wait', n);
	const expected = new Map(contacts.map((c, i) => [c.contact, ['completed', 'busy', 'no_answer'][i % 3]]));
	const started = Date.now();
	let waitingSeen = 0;
	for (const c of contacts) await post('qm-telnyx-wait', c);
	let rows = new Map<string, number>();
	// Maximum Wait is 2 minutes: a call whose hang-up never got through comes out as `timeout`
	// when n8n's wait tracker (once a minute) resumes it, so every contact ends with a row.
	while (Date.now() - started < 5 * 60000) {
		const { rows: waiting } = await ctx.pg.query(`SELECT count(*)::int AS n FROM execution_entity WHERE status = 'waiting' AND "workflowId" = 'qmTelnyxWait'`);
		waitingSeen = Math.max(waitingSeen, Number(waiting[0].n));
		rows = await rowsOf(ctx, 'telnyx-wait', 'wait');
		if (rows.size === n) break;
		await sleep(250);
	}
	const { rows: statuses } = await ctx.pg.query(`SELECT contact, status FROM ${SINK_TABLE} WHERE campaign = 'telnyx-wait'`);
	const timedOut = statuses.filter((r) => r.status === 'timeout');
	const wrong = statuses.filter((r) => r.status !== 'timeout' && expected.get(String(r.contact)) !== r.status);
	const resumes = ctx.simulator.sim.webhooks.deliveries.filter((d) => d.url.includes('/webhook-waiting/') && d.body.includes('"call.hangup"'));
	const viaWebhookProcessor = resumes.every((d) => d.url.startsWith(`http://127.0.0.1:${WEBHOOK_PORT}/`));
	ctx.report.campaign({
		scenario: 'telnyx-wait (across processes)',
		contacts: n,
		placed: callsTo(ctx, 'telnyx', new Set(contacts.map((c) => c.phone))).length,
		outcomes: [...rows.values()].reduce((a, b) => a + b, 0),
		duplicateCalls: 0,
		duplicateRows: [...rows.values()].filter((k) => k > 1).length,
		lost: n - rows.size,
		repeatedOutcomes: 0,
		wallSeconds: (Date.now() - started) / 1000,
		callsPerSecond: n / Math.max(0.001, (Date.now() - started) / 1000),
	});
	ctx.report.check('Telnyx Wait for Outcome: executions wait in n8n (status waiting, no worker held)', waitingSeen > 0, `up to ${waitingSeen} waiting at once`);
	ctx.report.check('Telnyx Wait for Outcome: every hang-up resumed its execution through the webhook processor', viaWebhookProcessor && resumes.length >= n, `${resumes.length} hang-up deliveries, all to port ${WEBHOOK_PORT}: ${viaWebhookProcessor}`);
	ctx.report.check('Telnyx Wait for Outcome: each execution finished with its own right outcome, or timeout with its call ID', wrong.length === 0 && rows.size === n, `${wrong.length} wrong, ${timedOut.length} timeout (hang-up never got through), ${n - rows.size} missing`);
}

/**
 * The final-event deliveries of the last 4 minutes (inside both triggers' 300 s replay window) sent
 * again, shuffled, two copies at once. Older ones are refused by the replay window (401) anyway.
 */
async function replayDeliveries(ctx: Context): Promise<void> {
	const totals = async () => (await ctx.pg.query(`SELECT count(*)::int AS rows, coalesce(sum(repeats), 0)::int AS repeats FROM ${SINK_TABLE} WHERE source = 'trigger'`)).rows[0];
	const before = await totals();
	const recent = Date.now() - 240000;
	const finals = ctx.simulator.sim.webhooks.deliveries.filter(
		(d) => d.status === 200 && d.at > recent && /\/webhook\/qm-(telnyx|pamela)-outcomes\//.test(d.url) && /"(call\.hangup|call\.completed|call\.failed)"/.test(d.body),
	);
	const shuffled = finals.map((d) => ({ d, k: Math.random() })).sort((a, b) => a.k - b.k).map(({ d }) => d);
	const answers: Record<string, number> = {};
	for (let i = 0; i < shuffled.length; i += 10) {
		const sends = shuffled.slice(i, i + 10).flatMap((d) =>
			[0, 1].map(async () => {
				try {
					const response = await fetch(d.url, { method: 'POST', headers: d.headers, body: d.body });
					const text = await response.text();
					return `${response.status}${text.includes('duplicate') ? ' duplicate' : ''}`;
				} catch {
					return 'no answer';
				}
			}),
		);
		for (const answer of await Promise.all(sends)) answers[answer] = (answers[answer] ?? 0) + 1;
	}
	await sleep(15000);
	const after = await totals();
	const added = Number(after.rows) - Number(before.rows);
	const rerun = Number(after.repeats) - Number(before.repeats);
	ctx.report.check('repeated and reordered outcome deliveries (each twice at once) add no outcome row', added === 0, `${finals.length} recent final deliveries sent twice each, answers ${JSON.stringify(answers)}, ${added} rows added, ${rerun} outcome executions ran again (absorbed by the upsert)`);
}

async function executionStatuses(ctx: Context): Promise<string> {
	const { rows } = await ctx.pg.query('SELECT status, count(*)::int AS n FROM execution_entity GROUP BY status ORDER BY status');
	return rows.map((r) => `${r.status} ${r.n}`).join(', ');
}

export async function scenarios(ctx: Context): Promise<void> {
	const { n, log } = ctx;
	console.log(`\nScenario 1: a campaign per provider, ${n} contacts each, batches over two workers`);
	await campaign(ctx, { name: 'telnyx', provider: 'telnyx', hook: 'qm-telnyx', source: 'trigger', n });
	log('telnyx done');
	await campaign(ctx, { name: 'pamela', provider: 'pamela', hook: 'qm-pamela', source: 'trigger', n });
	log('pamela done');
	await campaign(ctx, { name: 'pamela-wait', provider: 'pamela', hook: 'qm-pamela-wait', source: 'wait', n });
	log('pamela-wait done');
	await campaign(ctx, { name: 'stepone-wait', provider: 'stepone', hook: 'qm-stepone-wait', source: 'wait', n });
	log('stepone-wait done');

	console.log('\nScenario 2: Telnyx Wait for Outcome across processes');
	await telnyxWaitAcrossProcesses(ctx, Math.min(30, n));
	log('telnyx-wait done');

	console.log('\nScenario 3: faults');
	const killAt = (name: string) => {
		let done = false;
		return async (placed: number) => {
			if (done || placed < Math.ceil(n * 0.3)) return;
			done = true;
			log(`${name}: ${placed} calls placed, SIGKILL worker-1`);
			await ctx.cluster.killWorker('worker-1');
			void sleep(3000).then(() => ctx.cluster.startWorker('worker-1')).then(() => log('worker-1 back'));
		};
	};
	await campaign(ctx, { name: 'pamela-wait-kill', provider: 'pamela', hook: 'qm-pamela-wait', source: 'wait', n, during: killAt('pamela-wait-kill'), rerun: true });
	ctx.simulator.stepone.dedupeIdempotencyKeys = true;
	await campaign(ctx, { name: 'stepone-wait-kill', provider: 'stepone', hook: 'qm-stepone-wait', source: 'wait', n, during: killAt('stepone-wait-kill'), rerun: true });
	await campaign(ctx, { name: 'telnyx-kill', provider: 'telnyx', hook: 'qm-telnyx', source: 'trigger', n, during: killAt('telnyx-kill'), rerun: true });
	let dropped = false;
	await campaign(ctx, {
		name: 'pamela-redis-drop',
		provider: 'pamela',
		hook: 'qm-pamela',
		source: 'trigger',
		n,
		rerun: true,
		during: async (placed) => {
			if (dropped || placed < Math.ceil(n * 0.3)) return;
			dropped = true;
			log(`pamela-redis-drop: ${placed} calls placed, Redis down for 4 s`);
			await dropRedis(ctx.processes, ctx.work, 4000);
			log('Redis back');
		},
	});
	await replayDeliveries(ctx);
	log(`executions by status now: ${await executionStatuses(ctx)}`);
	// n8n marks what the killed worker was running as failed about 100 s later (never re-queued).
	const deadline = Date.now() + 150000;
	while (Date.now() < deadline) {
		const { rows } = await ctx.pg.query(`SELECT count(*)::int AS n FROM execution_entity WHERE status IN ('running', 'new')`);
		if (Number(rows[0].n) === 0) break;
		await sleep(2000);
	}
	ctx.report.check('n8n after the faults: executions by status', true, await executionStatuses(ctx));
}
