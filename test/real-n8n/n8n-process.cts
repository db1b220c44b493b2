// Drives a real n8n CLI in its own user folder: import, publish, execute, and a server.
// `major` picks what differs between n8n 1.x (Node 20) and 2.x (Node 24); `node` runs the CLI.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface N8nInstall {
	/** n8n's CLI script (`node_modules/.bin/n8n`). */
	bin: string;
	/** The Node binary that runs it: Node 24 for 2.x, Node 20 for 1.x. */
	node: string;
	major: 1 | 2;
}

export interface ExecutionRow {
	id: number;
	status: string;
	data: string;
	error?: string;
	lastNode?: string;
	startedBy?: string;
	event?: string;
}

export class RealN8n {
	private server?: ChildProcess;
	readonly env: NodeJS.ProcessEnv;
	private readonly bin: string;
	readonly major: 1 | 2;

	constructor(
		private readonly install: N8nInstall,
		readonly userFolder: string,
		readonly port: number,
	) {
		this.bin = install.bin;
		this.major = install.major;
		this.env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'real-n8n-smoke-key',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(port),
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
			// The Node that runs n8n also runs its task runner and the npm it calls.
			PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		};
		if (install.major === 1) {
			// 1.123 aborts on an unknown module name; its isolated-vm expression engine needs Node 22+.
			delete this.env.N8N_DISABLED_MODULES;
			this.env.N8N_EXPRESSION_ENGINE = 'legacy';
		}
	}

	async cli(...args: string[]): Promise<string> {
		// `execute --rawOutput` prints the run through n8n's logger at level info.
		// Its own task-broker port: a CLI command may run while the server holds port + 1.
		const env = { ...this.env, N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(this.port + 2) };
		const { stdout } = await run(this.install.node, [this.bin, ...args], { env, cwd: this.userFolder, maxBuffer: 64 * 1024 * 1024 });
		return stdout;
	}

	// Each CLI command boots n8n (4-5 s): workflows and activations are queued and done in one
	// import plus one command per activation when first needed (`flush`, `execute`, `start`).
	private readonly pendingWorkflows: unknown[] = [];
	private readonly pendingActivations: string[] = [];

	async importJson(kind: 'credentials' | 'workflow', name: string, data: unknown): Promise<void> {
		if (kind === 'workflow') {
			this.pendingWorkflows.push(data);
			return;
		}
		const file = path.join(this.userFolder, `${name}.json`);
		writeFileSync(file, JSON.stringify(data));
		await this.cli(`import:${kind}`, `--input=${file}`);
	}

	/** Imports the queued workflows in one command, then makes the queued ones active. */
	async flush(): Promise<void> {
		if (this.pendingWorkflows.length) {
			const dir = path.join(this.userFolder, 'import');
			mkdirSync(dir, { recursive: true });
			for (const [i, workflow] of this.pendingWorkflows.splice(0).entries()) writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(workflow));
			await this.cli('import:workflow', '--separate', `--input=${dir}`);
			rmSync(dir, { recursive: true, force: true });
		}
		for (const id of this.pendingActivations.splice(0)) {
			if (this.major === 1) await this.cli('update:workflow', '--active=true', `--id=${id}`);
			else await this.cli('publish:workflow', `--id=${id}`);
		}
	}

	/** Makes an imported workflow active before `start` (2.x publishes; 1.x has no `publish:workflow`). */
	async activate(id: string): Promise<void> {
		this.pendingActivations.push(id);
	}

	/** Runs a workflow with `n8n execute` and returns the run's JSON (printed among log lines). */
	async execute(id: string): Promise<{ status: string; data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>> } } }> {
		await this.flush();
		const out = await this.cli('execute', `--id=${id}`, '--rawOutput');
		const start = out.indexOf('{\n');
		const end = out.lastIndexOf('\n}');
		return JSON.parse(out.slice(start, end + 2));
	}

	/**
	 * This workflow's executions from n8n's SQLite database (read with n8n's own sqlite3, flatted
	 * and Node): status, the raw data, and for reports the error, the node that started the run
	 * and what its first item said (event type and ID for our triggers).
	 */
	async executions(workflowId: string): Promise<ExecutionRow[]> {
		const modules = path.resolve(path.dirname(this.bin), '..');
		const script = [
			'const [sqlite3, flatted, file, id] = process.argv.slice(1);',
			'const s = require(sqlite3); const { parse } = require(flatted);',
			'const db = new s.Database(file, s.OPEN_READONLY);',
			'db.all("SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id", [id], (err, rows) => {',
			'  if (err) { console.error(err.message); process.exit(1); }',
			'  for (const row of rows) { try { const r = parse(row.data).resultData; const first = Object.keys(r.runData || {})[0];',
			'    const json = first ? r.runData[first][0]?.data?.main?.[0]?.[0]?.json : undefined;',
			'    Object.assign(row, { error: r.error?.message, lastNode: r.lastNodeExecuted, startedBy: first, event: json && [json.eventType, json.eventId, json.direction].filter(Boolean).join(" ") }); } catch {} }',
			'  process.stdout.write(JSON.stringify(rows)); db.close();',
			'});',
		].join('\n');
		const args = ['-e', script, path.join(modules, 'sqlite3'), path.join(modules, 'flatted'), path.join(this.userFolder, '.n8n', 'database.sqlite'), workflowId];
		const { stdout } = await run(this.install.node, args, { maxBuffer: 64 * 1024 * 1024 });
		return JSON.parse(stdout);
	}

	async start(): Promise<void> {
		mkdirSync(this.userFolder, { recursive: true });
		await this.flush();
		this.server = spawn(this.install.node, [this.bin, 'start'], { env: this.env, cwd: this.userFolder, stdio: ['ignore', 'ignore', 'inherit'] });
		const deadline = Date.now() + 60000;
		while (Date.now() < deadline) {
			try {
				if ((await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error('n8n did not become ready within 60 s');
	}

	/** n8n registers active workflows' webhooks after it is ready: waits until `url` no longer answers 404. */
	async webhookRegistered(url: string, ms = 60000): Promise<void> {
		// An unsigned empty POST: our triggers answer it 401 (nothing runs), n8n 404 until registered.
		await (await this.postOnceRegistered(url, '{}', ms)).arrayBuffer();
	}

	/** POSTs `body` (JSON) until n8n has registered `url` (a 404 ran nothing) and returns that answer. */
	async postOnceRegistered(url: string, body: string, ms = 60000): Promise<Response> {
		const deadline = Date.now() + ms;
		while (Date.now() < deadline) {
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			if (response.status !== 404) return response;
			await response.arrayBuffer();
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`n8n did not register ${url} within ${ms / 1000} s`);
	}

	async stop(): Promise<void> {
		if (!this.server || this.server.exitCode !== null) return;
		const exited = new Promise((resolve) => this.server!.once('exit', resolve));
		this.server.kill('SIGTERM');
		await exited;
	}
}
