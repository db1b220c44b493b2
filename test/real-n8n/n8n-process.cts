// Drives a real n8n CLI in its own user folder: import, publish, execute, and a server.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class RealN8n {
	private server?: ChildProcess;
	readonly env: NodeJS.ProcessEnv;

	constructor(
		private readonly bin: string,
		readonly userFolder: string,
		readonly port: number,
	) {
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
		};
	}

	async cli(...args: string[]): Promise<string> {
		// `execute --rawOutput` prints the run through n8n's logger at level info.
		const env = { ...this.env, N8N_LOG_LEVEL: 'info' };
		const { stdout } = await run(this.bin, args, { env, cwd: this.userFolder, maxBuffer: 64 * 1024 * 1024 });
		return stdout;
	}

	async importJson(kind: 'credentials' | 'workflow', name: string, data: unknown): Promise<void> {
		const file = path.join(this.userFolder, `${name}.json`);
		writeFileSync(file, JSON.stringify(data));
		await this.cli(`import:${kind}`, `--input=${file}`);
	}

	/** Runs a workflow with `n8n execute` and returns the run's JSON (printed among log lines). */
	async execute(id: string): Promise<{ status: string; data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>> } } }> {
		const out = await this.cli('execute', `--id=${id}`, '--rawOutput');
		const start = out.indexOf('{\n');
		const end = out.lastIndexOf('\n}');
		return JSON.parse(out.slice(start, end + 2));
	}

	async start(): Promise<void> {
		mkdirSync(this.userFolder, { recursive: true });
		this.server = spawn(this.bin, ['start'], { env: this.env, cwd: this.userFolder, stdio: ['ignore', 'ignore', 'inherit'] });
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

	async stop(): Promise<void> {
		if (!this.server || this.server.exitCode !== null) return;
		const exited = new Promise((resolve) => this.server!.once('exit', resolve));
		this.server.kill('SIGTERM');
		await exited;
	}
}
