// Cost per event of this package's triggers in ONE real n8n 2.x (loopback, SQLite), against
// n8n's own Webhook node (bare and with Header Auth) in the same run: N signed events per
// workflow at a fixed concurrency, the workflows taking turns in ROUNDS slices (so a busy machine
// weighs on all alike), each slice's executions drained before the next. Both triggers run at type
// version 1.1 (the default) and 1 (saved workflows; n8n evaluates an expression per request for it).
// Besides req/s (wall time, which other processes on a shared machine slow down), it reports the
// CPU time n8n's main process spent per event, and the ratio of both to the Header Auth Webhook.
// Run: scripts/node24.sh npm run bench:trigger-n8n
//   EVENTS=2000 CONCURRENCY=20 ROUNDS=4  PROFILE=1 (a CPU profile of n8n per workflow, after the timed runs;
//   PROFILE_EVENTS=300 events each, PROFILE_ONLY=<label part> to profile fewer)
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Pool } from 'undici';

import { pamelaJson, pamelaSignature } from '../simulator/providers/pamela/signing.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';
import { formatSummary, summariseProfile } from './cpu-profile.cts';
import { InspectorProfiler } from './inspector.cts';
import { installPackage } from './install-package.cts';
import { RealN8n } from './n8n-process.cts';

const root = path.resolve(__dirname, '../..');
const EVENTS = Math.max(1, Number(process.env.EVENTS || 2000));
const CONCURRENCY = Math.max(1, Number(process.env.CONCURRENCY || 20));
const ROUNDS = Math.max(1, Number(process.env.ROUNDS || 4));
const WARMUP = Math.min(Number(process.env.WARMUP || 100), EVENTS);
const PROFILE = process.env.PROFILE === '1';
const PROFILE_EVENTS = Math.max(1, Number(process.env.PROFILE_EVENTS || Math.min(EVENTS, 300)));
/** A phase that has not finished by then is a hung n8n: the run stops and says so. */
const PHASE_DEADLINE_MS = 20 * 60 * 1000;

const PACKAGE = 'n8n-nodes-ai-calls';
const HEADER = { name: 'x-bench-key', value: 'bench-header-secret' };
const PAMELA_SECRET = 'bench-pamela-webhook-secret';

/** A loopback port with the next `span - 1` ports free too (n8n takes port + 1 and + 2 for its task brokers). */
async function freePorts(span: number): Promise<number> {
	const listen = (port: number) =>
		new Promise<number | undefined>((resolve) => {
			const server = createServer();
			server.once('error', () => resolve(undefined));
			server.listen(port, '127.0.0.1', () => {
				const got = (server.address() as { port: number }).port;
				server.close(() => resolve(got));
			});
		});
	for (let attempt = 0; attempt < 50; attempt++) {
		const base = await listen(0);
		if (!base || base + span > 65535) continue;
		let ok = true;
		for (let i = 1; i < span && ok; i++) ok = (await listen(base + i)) === base + i;
		if (ok) return base;
	}
	throw new Error('no run of free loopback ports found');
}

/** The process listening on a loopback port (n8n's main process). */
function listenerPid(port: number): number {
	const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
	const pid = /pid=(\d+)/.exec(line)?.[1];
	if (!pid) throw new Error(`no process found listening on port ${port}`);
	return Number(pid);
}

/** CPU time (user + system, ms) a process has used: on a shared machine it does not grow with other processes' load, unlike wall time. */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Target {
	label: string;
	workflowId: string;
	path: string;
	/** One request body and its headers; `i` makes every event distinct (own ID, own call). */
	request(i: number): { body: string; headers: Record<string, string> };
	/** Whether the answer is the accepted one (an execution started). */
	accepted(status: number, text: string): boolean;
}

function telnyxEvent(i: number, run: string): string {
	return JSON.stringify({
		data: {
			record_type: 'event',
			event_type: 'call.hangup',
			id: `${run}-${i}`,
			occurred_at: new Date().toISOString(),
			payload: {
				call_control_id: `v3:bench-${run}-${i}`,
				call_leg_id: `leg-${i}`,
				call_session_id: `session-${i}`,
				connection_id: '1494404757140276705',
				from: '+14155550100',
				to: '+14155550123',
				direction: 'outgoing',
				state: 'hangup',
				hangup_cause: 'normal_clearing',
				hangup_source: 'callee',
				sip_hangup_cause: '200',
				start_time: new Date().toISOString(),
				client_state: 'eyJ4IjoxfQ==',
			},
		},
		meta: { attempt: 1, delivered_to: 'http://127.0.0.1/webhook' },
	});
}

function workflow(id: string, node: Record<string, unknown>): Record<string, unknown> {
	return { id, name: id, nodes: [{ id: `${id}-n`, position: [0, 0], ...node }], connections: {}, settings: { executionOrder: 'v1' }, active: false };
}

async function main(): Promise<void> {
	const tools = path.join(root, '.tools/n8n/node_modules');
	const bin = realpathSync(path.join(tools, '.bin/n8n'));
	const sqlite3 = require(path.join(tools, 'sqlite3'));
	const user = mkdtempSync(path.join(tmpdir(), 'trigger-cost-'));
	console.error(`trigger-cost: installing ${PACKAGE} into ${user} as n8n's installer does`);
	installPackage(user);
	const port = await freePorts(3);
	const n8n = new RealN8n({ bin, node: process.execPath, major: 2 }, user, port);
	const signer = new TelnyxSigner();
	await n8n.importJson('credentials', 'creds', [
		{ id: 'benchTelnyx', name: 'Telnyx bench', type: 'telnyxApi', data: { apiKey: 'KEYbench', publicKey: signer.publicKeyBase64, baseUrl: 'http://127.0.0.1:9/v2' } },
		{ id: 'benchPamela', name: 'Pamela bench', type: 'pamelaApi', data: { apiKey: 'pk_live_bench', webhookSecret: PAMELA_SECRET, baseUrl: 'http://127.0.0.1:9/api/b2b/v1' } },
		{ id: 'benchHeader', name: 'Header bench', type: 'httpHeaderAuth', data: HEADER },
	]);
	const webhookNode = (p: string, auth: boolean) => ({
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `wh-${p}`,
		parameters: { httpMethod: 'POST', path: p, responseMode: 'onReceived', ...(auth ? { authentication: 'headerAuth' } : {}), options: {} },
		...(auth ? { credentials: { httpHeaderAuth: { id: 'benchHeader', name: 'Header bench' } } } : {}),
	});
	const workflows = [
		workflow('benchWebhookBare', webhookNode('bench-bare', false)),
		workflow('benchWebhookAuth', webhookNode('bench-auth', true)),
		...[1.1, 1].flatMap((typeVersion) => {
			const v = String(typeVersion).replace('.', '');
			return [
				workflow(`benchTelnyx${v}`, {
					name: 'Telnyx Trigger',
					type: `${PACKAGE}.telnyxTrigger`,
					typeVersion,
					webhookId: `bench-telnyx-${v}`,
					parameters: { events: ['call.hangup'] },
					credentials: { telnyxApi: { id: 'benchTelnyx', name: 'Telnyx bench' } },
				}),
				workflow(`benchPamela${v}`, {
					name: 'Pamela Trigger',
					type: `${PACKAGE}.pamelaTrigger`,
					typeVersion,
					webhookId: `bench-pamela-${v}`,
					parameters: { mode: 'events', events: ['call.completed'] },
					credentials: { pamelaApi: { id: 'benchPamela', name: 'Pamela bench' } },
				}),
			];
		}),
	];
	for (const wf of workflows) {
		await n8n.importJson('workflow', String(wf.id), wf);
		await n8n.activate(String(wf.id));
	}
	await n8n.flush();

	let run = `r${Date.now().toString(36)}`;
	const webhookBody = (i: number) => telnyxEvent(i, run);
	const ok = (status: number) => status === 200;
	const telnyx = (v: string, label: string): Target => ({
		label,
		workflowId: `benchTelnyx${v}`,
		path: `/webhook/bench-telnyx-${v}/webhook`,
		request: (i) => {
			const body = telnyxEvent(i, run);
			return { body, headers: signer.sign(body) };
		},
		accepted: (status, text) => ok(status) && !text.includes('ignored') && !text.includes('duplicate'),
	});
	const pamela = (v: string, label: string): Target => ({
		label,
		workflowId: `benchPamela${v}`,
		path: `/webhook/bench-pamela-${v}/webhook`,
		request: (i) => {
			const body = pamelaJson({
				event: 'call.completed',
				call_id: `call_${run}_${i}`,
				status: 'completed',
				timestamp: new Date().toISOString(),
				transcript: [{ speaker: 'agent', text: 'Hello, this is a reminder.' }, { speaker: 'user', text: 'Thanks.' }],
			});
			return { body, headers: { 'x-pamela-signature': pamelaSignature(PAMELA_SECRET, body) } };
		},
		accepted: (status, text) => ok(status) && !text.includes('ignored') && !text.includes('duplicate'),
	});
	const targets: Target[] = [
		{ label: 'Webhook node (bare)', workflowId: 'benchWebhookBare', path: '/webhook/bench-bare', request: (i) => ({ body: webhookBody(i), headers: {} }), accepted: ok },
		{
			label: 'Webhook node (Header Auth)',
			workflowId: 'benchWebhookAuth',
			path: '/webhook/bench-auth',
			request: (i) => ({ body: webhookBody(i), headers: { [HEADER.name]: HEADER.value } }),
			accepted: ok,
		},
		telnyx('11', 'Telnyx Trigger v1.1'),
		pamela('11', 'Pamela Trigger v1.1'),
		telnyx('1', 'Telnyx Trigger v1 (saved workflows)'),
		pamela('1', 'Pamela Trigger v1 (saved workflows)'),
	];

	let inspectPort: number | undefined;
	if (PROFILE) {
		inspectPort = await freePorts(1);
		// Only the server: the CLI commands above ran without it.
		n8n.env.NODE_OPTIONS = `${n8n.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim();
	}
	const dbFile = path.join(user, '.n8n', 'database.sqlite');
	const finished = (workflowId: string) =>
		new Promise<number>((resolve, reject) => {
			const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
			db.get("SELECT count(*) AS n FROM execution_entity WHERE workflowId = ? AND status NOT IN ('new', 'running', 'waiting')", [workflowId], (error: Error | null, row: { n: number }) => {
				db.close();
				if (error) reject(error);
				else resolve(row.n);
			});
		});
	const base = `http://127.0.0.1:${port}`;
	const pool = new Pool(base, { connections: CONCURRENCY, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });

	/** Sends `count` events with at most CONCURRENCY in flight; waits until their executions have ended. */
	async function phase(target: Target, count: number, from: number) {
		const before = await finished(target.workflowId);
		const cpuBefore = cpuMs(n8nPid);
		const requests = Array.from({ length: count }, (_, k) => target.request(from + k));
		const statuses = new Map<string, number>();
		let accepted = 0;
		let next = 0;
		const deadline = Date.now() + PHASE_DEADLINE_MS;
		const started = process.hrtime.bigint();
		const worker = async () => {
			while (next < requests.length && Date.now() < deadline) {
				const { body, headers } = requests[next++];
				const response = await pool.request({ path: target.path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
				const text = await response.body.text();
				if (target.accepted(response.statusCode, text)) accepted++;
				else {
					const key = `${response.statusCode} ${text.slice(0, 80)}`;
					statuses.set(key, (statuses.get(key) ?? 0) + 1);
				}
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, worker));
		const answeredMs = Number(process.hrtime.bigint() - started) / 1e6;
		while ((await finished(target.workflowId)) - before < accepted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
		const drainedMs = Number(process.hrtime.bigint() - started) / 1e6;
		const cpu = cpuMs(n8nPid) - cpuBefore;
		if (Date.now() >= deadline) throw new Error(`${target.label}: the phase did not end within ${PHASE_DEADLINE_MS / 60000} min`);
		return { answeredMs, drainedMs, cpu, accepted, refused: [...statuses.entries()] };
	}

	const results = new Map<string, { answeredMs: number; drainedMs: number; cpu: number; count: number; refused: Array<[string, number]> }>();
	let n8nPid = 0;
	const lines: string[] = [];
	try {
		await n8n.start();
		n8nPid = listenerPid(port);
		for (const target of targets) await n8n.webhookRegistered(`${base}${target.path}`);
		console.error(`trigger-cost: n8n on ${base}, ${targets.length} workflows active; warm-up ${WARMUP} events each`);
		for (const target of targets) await phase(target, WARMUP, 0);
		const slice = (round: number) => Math.floor(EVENTS / ROUNDS) + (round < EVENTS % ROUNDS ? 1 : 0);
		for (let round = 0; round < ROUNDS; round++) {
			run = `r${round}-${Date.now().toString(36)}`;
			for (const target of targets) {
				const result = await phase(target, slice(round), WARMUP);
				const sum = results.get(target.label) ?? { answeredMs: 0, drainedMs: 0, cpu: 0, count: 0, refused: [] };
				sum.cpu += result.cpu;
				sum.answeredMs += result.answeredMs;
				sum.drainedMs += result.drainedMs;
				sum.count += result.accepted;
				sum.refused.push(...result.refused);
				results.set(target.label, sum);
				console.error(`trigger-cost: round ${round + 1}, ${target.label}: ${((result.accepted / result.answeredMs) * 1000).toFixed(1)} req/s, ${(result.cpu / result.accepted).toFixed(1)} ms CPU per event`);
			}
		}
		const reference = results.get('Webhook node (Header Auth)')!;
		const refRate = reference.count / reference.answeredMs;
		const refCpu = reference.cpu / reference.count;
		lines.push(`Trigger cost in n8n ${require(path.join(tools, 'n8n/package.json')).version} (Node ${process.versions.node}, SQLite, loopback): ${EVENTS} signed events per workflow in ${ROUNDS} turn(s), concurrency ${CONCURRENCY}, ${WARMUP} warm-up events each before`);
		lines.push('| Workflow | accepted | req/s (answered) | req/s (executions ended) | vs Webhook + Header Auth (req/s) | n8n CPU ms per event | vs Webhook + Header Auth (CPU) |');
		lines.push('|---|---:|---:|---:|---:|---:|---:|');
		for (const [label, r] of results) {
			const rate = (r.count / r.answeredMs) * 1000;
			const cpu = r.cpu / r.count;
			lines.push(`| ${label} | ${r.count} | ${rate.toFixed(1)} | ${((r.count / r.drainedMs) * 1000).toFixed(1)} | ${(r.count / r.answeredMs / refRate).toFixed(2)}x | ${cpu.toFixed(1)} | ${(refCpu / cpu).toFixed(2)}x |`);
			for (const [answer, n] of r.refused) lines.push(`|   not accepted: ${answer} | ${n} | | | | | |`);
		}
		if (PROFILE && inspectPort) {
			const profiler = await InspectorProfiler.connect(inspectPort);
			try {
				for (const target of targets.filter((t) => !process.env.PROFILE_ONLY || t.label.includes(process.env.PROFILE_ONLY))) {
					run = `p-${Date.now().toString(36)}`;
					await profiler.start();
					const result = await phase(target, PROFILE_EVENTS, WARMUP);
					const profile = await profiler.stop();
					const file = path.join(user, `${target.workflowId}.cpuprofile`);
					writeFileSync(file, JSON.stringify(profile));
					const summary = summariseProfile(profile, 15, [
						'webhook TelnyxTrigger',
						'webhook PamelaTrigger',
						'acquireIsolate',
						'releaseIsolate',
						'parseRequestBody',
						'evaluateResponseOptions',
						'getSimpleParameterValue',
						'getNodeParameter ',
						'getCredentials ',
						'runWebhook',
						'executeWebhook',
						'saveStaticData',
						'processRunExecutionData',
						'runNode ',
					]);
					lines.push('', formatSummary(`Profile, ${target.label} (${result.accepted} events; ${file})`, summary, result.accepted));
				}
			} finally {
				profiler.close();
			}
		}
	} finally {
		await pool.close();
		await n8n.stop();
	}
	console.log(lines.join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
