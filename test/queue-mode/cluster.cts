// n8n in queue mode on loopback: one main, two workers, one webhook processor, sharing Postgres,
// Redis, the encryption key and the user folder where this package is installed (as n8n's
// installer does). Settings from ../shared/n8n-runtime.md "Queue mode on these machines".
import path from 'node:path';

import { PG, REDIS_PORT } from './services.cts';
import type { Processes } from './processes.cts';

export const MAIN_PORT = 15678;
export const WEBHOOK_PORT = 15680;
const WORKER_HEALTH = { 'worker-1': 15681, 'worker-2': 15682 } as const;
const BROKER = { main: 15690, 'worker-1': 15691, 'worker-2': 15692, webhook: 15693 } as const;
export type WorkerName = keyof typeof WORKER_HEALTH;
export const WORKERS: WorkerName[] = ['worker-1', 'worker-2'];
export const WEBHOOK_BASE = `http://127.0.0.1:${WEBHOOK_PORT}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Cluster {
	readonly env: NodeJS.ProcessEnv;

	constructor(
		private readonly processes: Processes,
		private readonly n8nBin: string,
		readonly userFolder: string,
		private readonly concurrency: number,
	) {
		this.env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'queue-mode-check-key',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: `${WEBHOOK_BASE}/`,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: PG.host,
			DB_POSTGRESDB_PORT: String(PG.port),
			DB_POSTGRESDB_DATABASE: PG.database,
			DB_POSTGRESDB_USER: PG.user,
			DB_POSTGRESDB_PASSWORD: PG.password,
			// n8n's default pool of 2 connections timed out under a burst of webhooks: the webhook
			// processor then answered 503 "Database is not ready" and the provider retried.
			DB_POSTGRESDB_POOL_SIZE: '10',
			// On 2 busy cores a 20 s connection timeout failed n8n's database pings ("Database is not ready").
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(REDIS_PORT),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// With the default 0 the webhook processor misses jobs that finish before it looks (runtime notes).
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_LOG_FORMAT: 'json',
			PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
		};
	}

	private spawn(name: string, args: string[], env: NodeJS.ProcessEnv): void {
		this.processes.start(name, process.execPath, [this.n8nBin, ...args], { env: { ...this.env, ...env }, cwd: this.userFolder });
	}

	async cli(...args: string[]): Promise<void> {
		const { execFileSync } = await import('node:child_process');
		execFileSync(process.execPath, [this.n8nBin, ...args], { env: { ...this.env, N8N_RUNNERS_BROKER_PORT: '15699' }, cwd: this.userFolder, stdio: 'ignore' });
	}

	async startMain(): Promise<void> {
		this.spawn('main', ['start'], { N8N_PORT: String(MAIN_PORT), N8N_RUNNERS_BROKER_PORT: String(BROKER.main) });
		await ready(`http://127.0.0.1:${MAIN_PORT}/healthz/readiness`, 120000, 'main');
	}

	async startWorker(name: WorkerName): Promise<void> {
		this.spawn(name, ['worker', `--concurrency=${this.concurrency}`], {
			N8N_RUNNERS_BROKER_PORT: String(BROKER[name]),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(WORKER_HEALTH[name]),
			// A shared event log name made a restarted worker mark the other's executions as crashed.
			N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}`,
		});
		await ready(`http://127.0.0.1:${WORKER_HEALTH[name]}/healthz/readiness`, 90000, name);
	}

	async startWebhook(): Promise<void> {
		this.spawn('webhook', ['webhook'], { N8N_PORT: String(WEBHOOK_PORT), N8N_RUNNERS_BROKER_PORT: String(BROKER.webhook) });
		await ready(`${WEBHOOK_BASE}/healthz/readiness`, 90000, 'webhook');
	}

	async killWorker(name: WorkerName): Promise<void> {
		await this.processes.stop(name, 'SIGKILL');
	}
}

async function ready(url: string, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s (${url})`);
}
