// Probe in a real n8n 2.41.1 in queue mode (run by hand, after starting Redis on 6391 and a
// PostgreSQL 15 cluster on 5441 with user/database n8n, as ../shared/n8n-runtime.md describes):
// main + webhook processor + one worker; the same signed call.hangup sent to the webhook
// processor twice, 100 ms apart, then after restarting the webhook processor. Prints what
// started and what the database holds as the Telnyx Trigger's static data.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { installPackage } from './install-package.cts';
import { RealN8n } from './n8n-process.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const bin = realpathSync(`${root}/.tools/n8n/node_modules/.bin/n8n`);
const node = process.execPath;
const MAIN = 5801;
const HOOK = 5803;
const WORKER_HEALTH = 5805;

async function psql(sql: string): Promise<string> {
	const { stdout } = await run('psql', ['-h', '127.0.0.1', '-p', '5441', '-U', 'n8n', '-d', 'n8n', '-At', '-c', sql], { env: { ...process.env, PGPASSWORD: 'n8n' } });
	return stdout.trim();
}

async function ready(url: string) {
	for (let i = 0; i < 120; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${url} never became ready`);
}

async function main() {
	const user = mkdtempSync(path.join(tmpdir(), 'queue-'));
	installPackage(user, node);
	const n8n = new RealN8n({ bin, node, major: 2 }, user, MAIN);
	Object.assign(n8n.env, {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: '5441',
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: 'n8n',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: '6391',
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${HOOK}/`,
		WEBHOOK_URL: `http://127.0.0.1:${HOOK}/`,
	});
	const signer = new TelnyxSigner();
	await n8n.importJson('credentials', 'creds', [{ id: 'tx1', name: 'Telnyx', type: 'telnyxApi', data: { apiKey: 'KEYprobe', publicKey: signer.publicKeyBase64, baseUrl: 'http://127.0.0.1:9/v2' } }]);
	await n8n.importJson('workflow', 'wf', {
		id: 'probeQueue',
		name: 'probe queue repeats',
		nodes: [{ id: 't1', name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', typeVersion: 1, position: [0, 0], webhookId: 'probe-queue', parameters: { events: ['call.hangup'] }, credentials: { telnyxApi: { id: 'tx1', name: 'Telnyx' } } }],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});
	await n8n.activate('probeQueue');
	await n8n.start();
	const children: ChildProcess[] = [];
	const spawnN8n = (args: string[], env: NodeJS.ProcessEnv) => {
		const child = spawn(node, [bin, ...args], { env: { ...n8n.env, ...env }, cwd: user, stdio: ['ignore', 'ignore', 'inherit'] });
		children.push(child);
		return child;
	};
	const startHook = () => spawnN8n(['webhook'], { N8N_PORT: String(HOOK), N8N_RUNNERS_BROKER_PORT: String(HOOK + 1) });
	let hook = startHook();
	spawnN8n(['worker', '--concurrency=5'], { N8N_RUNNERS_BROKER_PORT: String(WORKER_HEALTH + 1), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(WORKER_HEALTH), N8N_EVENTBUS_LOGWRITER_LOGBASENAME: 'worker1' });
	await ready(`http://127.0.0.1:${HOOK}/healthz/readiness`);
	await ready(`http://127.0.0.1:${WORKER_HEALTH}/healthz/readiness`);
	const url = `http://127.0.0.1:${HOOK}/webhook/probe-queue/webhook`;
	const post = async (id: string, type = 'call.hangup') => {
		const body = JSON.stringify({ data: { record_type: 'event', event_type: type, id, occurred_at: new Date().toISOString(), payload: { call_control_id: 'v3:q', hangup_cause: 'normal_clearing' } }, meta: { attempt: 1 } });
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signer.sign(body) }, body });
		return `${response.status} ${await response.text()}`;
	};
	for (let i = 0; i < 60 && !(await post(`probe-${i}`, 'call.speak.ended')).startsWith('200'); i++) await new Promise((r) => setTimeout(r, 500));
	const executions = () => psql(`select count(*) from execution_entity where "workflowId" = 'probeQueue'`);
	const staticData = () => psql(`select "staticData" from workflow_entity where id = 'probeQueue'`);
	const settle = () => new Promise((r) => setTimeout(r, 3000));
	const log: string[] = [];
	log.push(`E1: ${await post('evt-1')}`);
	log.push(`E1 again 100 ms later: ${await new Promise((r) => setTimeout(r, 100)).then(() => post('evt-1'))}`);
	await settle();
	log.push(`executions: ${await executions()}; static data: ${await staticData()}`);
	log.push(`E2: ${await post('evt-2')}`);
	log.push(`E2 again 100 ms later: ${await new Promise((r) => setTimeout(r, 100)).then(() => post('evt-2'))}`);
	await settle();
	log.push(`executions: ${await executions()}; static data: ${await staticData()}`);
	hook.kill('SIGTERM');
	await new Promise((r) => hook.once('exit', r));
	hook = startHook();
	await ready(`http://127.0.0.1:${HOOK}/healthz/readiness`);
	for (let i = 100; i < 160 && !(await post(`probe-${i}`, 'call.speak.ended')).startsWith('200'); i++) await new Promise((r) => setTimeout(r, 500));
	log.push(`after restarting the webhook processor, E1 again: ${await post('evt-1')}; E2 again: ${await post('evt-2')}`);
	await settle();
	log.push(`executions: ${await executions()}`);
	for (const child of children) child.kill('SIGTERM');
	await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined)));
	await n8n.stop();
	console.log(log.join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
