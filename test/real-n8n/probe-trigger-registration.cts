// Probe in a real n8n (run by hand: `scripts/node24.sh node -r ./test/support/register.cjs <this file>`; PROBE_MAJOR=1 with Node 20 for n8n 1.x where supported): the Telnyx Trigger registering its URL in a real n8n 2.41.1
// against the in-process simulator: activation PATCHes, a call's events arrive, a restart
// changes nothing, deactivation through n8n's REST API restores the previous URL.
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { installPackage } from './install-package.cts';
import { RealN8n } from './n8n-process.cts';
import { startSimulator } from '../simulator/index.cts';
import { applicationsOf } from '../simulator/providers/telnyx/applications.cts';
import { TELNYX_TEST_KEY } from '../simulator/providers/telnyx/index.cts';

const root = path.resolve(__dirname, '../..');

const OWNER = { email: 'probe@example.com', password: 'Probe-2026-pass' };

/** An owner set by environment, so the probe can log in and deactivate through n8n's REST API. */
function ownerByEnv(n8n: RealN8n): void {
	const bcrypt = require(`${root}/.tools/n8n/node_modules/bcryptjs`) as { hashSync(text: string, rounds: number): string };
	Object.assign(n8n.env, {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Probe',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
	});
}

const bin = realpathSync(`${root}/.tools/n8n/node_modules/.bin/n8n`);
const sqlite3 = require(`${root}/.tools/n8n/node_modules/sqlite3`);
const APP = '4000000000000000004';

async function query(file: string, sql: string): Promise<any[]> {
	const db = new sqlite3.Database(file);
	try {
		return await new Promise((resolve, reject) => db.all(sql, (error: Error | null, rows: any[]) => (error ? reject(error) : resolve(rows))));
	} finally {
		db.close();
	}
}

async function until(what: string, ok: () => boolean, ms = 30000) {
	const deadline = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function main() {
	const simulator = await startSimulator({ timeScale: 0.05 });
	const apps = applicationsOf(simulator.telnyx);
	simulator.telnyx.connection(APP, { webhookUrl: 'https://example.com/old-hook' });
	apps.name(APP, 'probe-app');
	const user = mkdtempSync(path.join(tmpdir(), 'registration-'));
	installPackage(user, process.execPath);
	const port = 5793;
	const n8n = new RealN8n({ bin, node: process.execPath, major: 2 }, user, port);
	ownerByEnv(n8n);
	await n8n.importJson('credentials', 'creds', [{ id: 'tx1', name: 'Telnyx', type: 'telnyxApi', data: { apiKey: TELNYX_TEST_KEY, publicKey: simulator.telnyx.publicKeyBase64, baseUrl: simulator.telnyx.baseUrl } }]);
	await n8n.importJson('workflow', 'wf', {
		id: 'probeReg',
		name: 'probe registration',
		nodes: [
			{ id: 't1', name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', typeVersion: 1, position: [0, 0], webhookId: 'probe-reg', parameters: { applicationId: APP, output: 'outcome' }, credentials: { telnyxApi: { id: 'tx1', name: 'Telnyx' } } },
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});
	await n8n.activate('probeReg');
	const db = path.join(user, '.n8n', 'database.sqlite');
	const url = `http://127.0.0.1:${port}/webhook/probe-reg/webhook`;
	const log: string[] = [];
	await n8n.start();
	await until('activation PATCH', () => apps.patches.length >= 1);
	log.push(`after start: PATCHes ${JSON.stringify(apps.patches.map((p) => [p.status, p.body.webhook_event_url]))}; app URL = ${apps.webhookUrl(APP)} (trigger URL ${url})`);
	log.push(`static data: ${(await query(db, "select staticData from workflow_entity where id = 'probeReg'"))[0].staticData}`);
	simulator.telnyx.callee('+14155550991', { answer: 'answer', ringMs: 100, hangUpAfterMs: 500 });
	const dial = await fetch(`${simulator.telnyx.baseUrl}/calls`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TELNYX_TEST_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ connection_id: APP, to: '+14155550991', from: '+14155550100', client_state: Buffer.from('{"leadId":"L-42"}').toString('base64') }),
	});
	const id = ((await dial.json()) as { data: { call_control_id: string } }).data.call_control_id;
	await simulator.telnyx.waitForEvent(id, 'call.hangup');
	await simulator.sim.deliveriesDone();
	await new Promise((r) => setTimeout(r, 2000));
	const rows = await query(db, "select e.id, e.status, d.data from execution_entity e join execution_data d on d.executionId = e.id where e.workflowId = 'probeReg'");
	log.push(`events sent to the app URL: ${simulator.telnyx.webhooks.events.filter((e) => e.callControlId === id).map((e) => e.eventType).join(', ')}`);
	log.push(`executions: ${rows.length} (${rows.map((r) => r.status).join(', ')}); correlation in the run data: ${rows.some((r) => String(r.data).includes('L-42'))}`);
	await n8n.stop();
	await n8n.start();
	await new Promise((r) => setTimeout(r, 3000));
	log.push(`after restart: PATCHes ${apps.patches.length} (GETs ${simulator.sim.requestsTo('GET', new RegExp(`/v2/call_control_applications/${APP}`)).length})`);
	const browser = 'probe-browser';
	const loginResponse = await fetch(`http://127.0.0.1:${port}/rest/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'browser-id': browser }, body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }) });
	const cookie = loginResponse.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='))!.split(';')[0];
	const deactivate = await fetch(`http://127.0.0.1:${port}/rest/workflows/probeReg/deactivate`, { method: 'POST', headers: { cookie, 'browser-id': browser, 'content-type': 'application/json' }, body: '{}' });
	log.push(`deactivate: HTTP ${deactivate.status}`);
	await until('restore PATCH', () => apps.patches.length >= 2, 15000).catch((e) => log.push(String(e)));
	log.push(`after deactivation: PATCHes ${JSON.stringify(apps.patches.map((p) => [p.status, p.body.webhook_event_url]))}; app URL = ${apps.webhookUrl(APP)}`);
	await n8n.stop();
	await simulator.stop();
	console.log(log.join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
