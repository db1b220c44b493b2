// Probe in a real n8n (run by hand: `scripts/node24.sh node -r ./test/support/register.cjs <this file>`; PROBE_MAJOR=1 with Node 20 for n8n 1.x where supported): does the Telnyx Trigger's repeat list survive in a real n8n
// 2.41.1 between requests and across a process restart (static data in the database)?
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { RealN8n } from './n8n-process.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';

const root = path.resolve(__dirname, '../..');

/** Installs the packed package into the user folder as n8n's installer does (no dev or peer dependencies). */
function installPackage(userFolder: string, node: string): void {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
	const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', userFolder], { cwd: root, encoding: 'utf8', env }));
	execFileSync('npm', ['install', path.join(userFolder, packed[0].filename), '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodesDir, env });
}

const major = Number(process.env.PROBE_MAJOR ?? 2) as 1 | 2;
const node = major === 1 ? process.env.NODE20 ?? 'node' : process.execPath;
const tools = major === 1 ? `${root}/.tools/n8n1` : `${root}/.tools/n8n`;
const bin = realpathSync(`${tools}/node_modules/.bin/n8n`);
const sqlite3 = require(`${tools}/node_modules/sqlite3`);

async function query(file: string, sql: string): Promise<any[]> {
	const db = new sqlite3.Database(file);
	try {
		return await new Promise((resolve, reject) => db.all(sql, (error: Error | null, rows: any[]) => (error ? reject(error) : resolve(rows))));
	} finally {
		db.close();
	}
}

async function main() {
	const user = mkdtempSync(path.join(tmpdir(), 'repeats-'));
	installPackage(user, node);
	const port = Number(process.env.PROBE_PORT ?? 5791);
	const n8n = new RealN8n({ bin, node, major }, user, port);
	const signer = new TelnyxSigner();
	await n8n.importJson('credentials', 'creds', [{ id: 'tx1', name: 'Telnyx', type: 'telnyxApi', data: { apiKey: 'KEYprobe', publicKey: signer.publicKeyBase64, baseUrl: 'http://127.0.0.1:9/v2' } }]);
	await n8n.importJson('workflow', 'wf', {
		id: 'probeRepeats',
		name: 'probe repeats',
		nodes: [
			{ id: 't1', name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', typeVersion: 1, position: [0, 0], webhookId: 'probe-hook', parameters: { events: ['call.hangup'] }, credentials: { telnyxApi: { id: 'tx1', name: 'Telnyx' } } },
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});
	await n8n.activate('probeRepeats');
	const db = path.join(user, '.n8n', 'database.sqlite');
	const url = `http://127.0.0.1:${port}/webhook/probe-hook/webhook`;
	const event = (id: string) => JSON.stringify({ data: { record_type: 'event', event_type: 'call.hangup', id, occurred_at: new Date().toISOString(), payload: { call_control_id: 'v3:p', hangup_cause: 'normal_clearing' } }, meta: { attempt: 1 } });
	const post = async (id: string) => {
		const body = event(id);
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signer.sign(body) }, body });
		return `${response.status} ${await response.text()}`;
	};
	const executions = async () => (await query(db, "select count(*) as n from execution_entity where workflowId = 'probeRepeats'"))[0].n;
	const settle = () => new Promise((r) => setTimeout(r, 1500));
	/** Waits until n8n has registered the webhook: an event type not selected is answered 200 and starts nothing. */
	const registered = async () => {
		for (let i = 0; i < 60; i++) {
			const body = JSON.stringify({ data: { record_type: 'event', event_type: 'call.speak.ended', id: `probe-${i}`, payload: {} } });
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signer.sign(body) }, body });
			if (response.status === 200) return;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error('webhook never registered');
	};
	const log: string[] = [];
	await n8n.start();
	await registered();
	log.push(`E1 first: ${await post('evt-1')}`);
	log.push(`E1 again (same process): ${await post('evt-1')}`);
	await settle();
	log.push(`executions after E1 x2: ${await executions()}`);
	log.push(`static data: ${(await query(db, "select staticData from workflow_entity where id = 'probeRepeats'"))[0].staticData}`);
	await n8n.stop();
	await n8n.start();
	await registered();
	log.push(`E1 again (after restart, new process): ${await post('evt-1')}`);
	log.push(`E2 (new id): ${await post('evt-2')}`);
	log.push(`E2 again 100 ms later: ${await new Promise((r) => setTimeout(r, 100)).then(() => post('evt-2'))}`);
	await settle();
	log.push(`executions after restart: ${await executions()}`);
	log.push(`static data now: ${(await query(db, "select staticData from workflow_entity where id = 'probeRepeats'"))[0].staticData}`);
	// Simultaneous copies: n8n does not lock static data between requests.
	let both = 0;
	const pairs = 5;
	for (let i = 0; i < pairs; i++) {
		const answers = await Promise.all([post(`race-${i}`), post(`race-${i}`)]);
		if (answers.every((a) => !a.includes('duplicate'))) both++;
	}
	await settle();
	log.push(`simultaneous pairs: ${pairs}, pairs where both copies started: ${both}; executions now: ${await executions()}`);
	await n8n.stop();
	console.log(log.join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
