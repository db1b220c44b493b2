// `npm run test:queue-mode [N]`: this package in n8n queue mode. Starts Postgres, Redis, an n8n
// main, two workers, a webhook processor and the simulator on loopback, runs the scenarios and
// prints their counts, then stops everything it started (also on Ctrl-C). Args: n8n's CLI, a
// scratch folder (scripts/queue-mode.sh makes and removes it), contacts per campaign.
import { createRequire } from 'node:module';
import path from 'node:path';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { installPackage } from '../real-n8n/install-package.cts';
import { Cluster, WEBHOOK_BASE, WORKERS } from './cluster.cts';
import { Processes } from './processes.cts';
import { Report } from './report.cts';
import { scenarios } from './scenarios.cts';
import { PG, startPostgres, startRedis } from './services.cts';
import { CREDENTIALS, postgresCredential, SINK_DDL, WEBHOOK_WORKFLOWS, workflows } from './workflows.cts';

const [n8nBin, work, countArg] = process.argv.slice(2);
const N = Number(countArg ?? 1000);
const SIM_PORT = 15610;
const WORKER_CONCURRENCY = 10;
const LOGS = path.resolve(__dirname, '../../.tools/queue-mode-logs');

async function main(): Promise<number> {
	const processes = new Processes(work);
	let simulator: RunningSimulator | undefined;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await processes.stopAll();
		await simulator?.stop();
		// The scratch folder goes with the run; the processes' logs are kept for a look afterwards.
		const { cpSync, rmSync } = await import('node:fs');
		rmSync(LOGS, { recursive: true, force: true });
		cpSync(path.join(work, 'logs'), LOGS, { recursive: true });
		console.error(`queue-mode: process logs in ${LOGS}`);
	};
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.error(`queue-mode: ${signal}, stopping everything started`);
			void stop().then(() => process.exit(130));
		});
	}
	try {
		const began = Date.now();
		const log = (text: string) => console.error(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${text}`);
		await Promise.all([startPostgres(processes, work), startRedis(processes, work)]);
		log('Postgres and Redis up');
		// Provider delays 10x faster than real time; signatures use real time.
		simulator = await startSimulator({ timeScale: 0.1, port: SIM_PORT });
		simulator.pamela.webhookUrl = `${WEBHOOK_BASE}/webhook/qm-pamela-outcomes/webhook`;
		// Failed deliveries retried 5 times over about a minute of real time, as Telnyx allows at
		// most (contract: webhook_retries_policies); the simulator's short defaults suit unit tests.
		const retries = [2000, 5000, 10000, 20000, 20000].map((ms) => ms * 10);
		simulator.telnyx.webhooks.defaultRetriesMs = retries;
		simulator.pamela.webhookRetriesMs = retries;

		const userFolder = path.join(work, 'n8n');
		installPackage(userFolder);
		log('package installed into the n8n user folder as n8n does');
		const cluster = new Cluster(processes, n8nBin, userFolder, WORKER_CONCURRENCY);
		const { writeFileSync, mkdirSync } = await import('node:fs');
		const creds = [
			{ ...CREDENTIALS.telnyxApi, type: 'telnyxApi', data: simulator.telnyx.credentials() },
			{ ...CREDENTIALS.pamelaApi, type: 'pamelaApi', data: simulator.pamela.credentials() },
			{ ...CREDENTIALS.steponeAiApi, type: 'steponeAiApi', data: simulator.stepone.credentials() },
			postgresCredential(),
		];
		writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(creds));
		const dir = path.join(userFolder, 'import');
		mkdirSync(dir, { recursive: true });
		const pamelaNode = require(path.resolve(__dirname, '../../dist/nodes/Pamela/Pamela.node.js')).Pamela;
		const operations = new pamelaNode().description.properties.filter((p: { name: string }) => p.name === 'operation').flatMap((p: { options: Array<{ value: string }> }) => p.options.map((o) => o.value));
		const pamelaPlace = operations.includes('placeCall') ? 'placeCall' : 'place';
		for (const wf of workflows({ concurrency: 10, pollSeconds: 0.5, pamelaPlace })) writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf));
		await cluster.cli('import:credentials', `--input=${path.join(userFolder, 'credentials.json')}`);
		await cluster.cli('import:workflow', '--separate', `--input=${dir}`);
		for (const id of WEBHOOK_WORKFLOWS) await cluster.cli('publish:workflow', `--id=${id}`);
		log('credentials and workflows imported, published');

		const pg = new (createRequire(n8nBin).call(null, path.join(path.dirname(path.dirname(n8nBin)), 'pg')).Pool)({ ...PG, max: 4 });
		// Postgres is stopped under the pool at the end: its idle clients' errors are expected then.
		pg.on('error', () => undefined);
		await pg.query(SINK_DDL);

		await cluster.startMain();
		log('main ready');
		await Promise.all([cluster.startWebhook(), ...WORKERS.map((name) => cluster.startWorker(name))]);
		log('webhook processor and two workers ready');
		processes.startSampling();

		const report = new Report();
		try {
			await scenarios({ cluster, processes, simulator, pg, report, n: N, work, log });
		} finally {
			processes.stopSampling();
			report.print(processes.peakRssMb);
			await pg.end();
		}
		return report.failed ? 1 : 0;
	} catch (error) {
		console.error('queue-mode failed:', error);
		return 1;
	} finally {
		await stop();
	}
}

void main().then((code) => process.exit(code));
