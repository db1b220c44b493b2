// The package in a real n8n 2.x: installed from its tarball as n8n's installer does, a
// workflow run by `n8n execute` (Stepone batch + SSE stream), and signed webhooks through
// n8n's own webhook server to the Telnyx Trigger and to a Pamela tool-call workflow.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { RealN8n } from './n8n-process.cts';
import { importTelnyxWait, telnyxWaitForOutcome } from './telnyx-wait.cts';

const root = path.resolve(__dirname, '../..');
const results: Array<{ name: string; ok: boolean; detail: string }> = [];

function check(name: string, ok: boolean, detail = '') {
	results.push({ name, ok, detail });
	process.stdout.write(`${ok ? '✓' : '✗'} ${name}${detail ? ` (${detail})` : ''}\n`);
}

/** Installs the packed package into `<user>/.n8n/nodes` without dev and peer dependencies. */
function installPackage(userFolder: string) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', userFolder], { cwd: root, encoding: 'utf8' }));
	execFileSync('npm', ['install', path.join(userFolder, packed[0].filename), '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodesDir });
}

const node = (name: string, type: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	id: name.replace(/\W/g, '').toLowerCase(),
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	...extra,
});
const workflow = (id: string, nodes: unknown[], connections: Record<string, unknown> = {}) => ({ id, name: id, active: false, nodes, connections, settings: { executionOrder: 'v1' } });
const link = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });

async function importAll(n8n: RealN8n, simulator: RunningSimulator) {
	await n8n.importJson('credentials', 'credentials', [
		{ id: 'stepone', name: 'Stepone simulator', type: 'steponeAiApi', data: simulator.stepone.credentials() },
		{ id: 'telnyx', name: 'Telnyx simulator', type: 'telnyxApi', data: simulator.telnyx.credentials() },
		{ id: 'pamela', name: 'Pamela simulator', type: 'pamelaApi', data: simulator.pamela.credentials() },
	]);
	const stepone = { steponeAiApi: { id: 'stepone', name: 'Stepone simulator' } };
	await n8n.importJson('workflow', 'stepone', workflow('steponeSmoke', [
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node('Place Call', 'n8n-nodes-ai-calls.steponeAi', { resource: 'call', operation: 'placeCall', phones: '+86 138 0013 8000, 0086-139-0013-9000', requirement: '提醒客户明天上午十点到店取货。' }, { credentials: stepone }),
		node('Stream', 'n8n-nodes-ai-calls.steponeAi', { resource: 'call', operation: 'streamConversation', callId: '={{ $json.callId }}', outputMode: 'transcript' }, { credentials: stepone }),
	], { ...link('Start', 'Place Call'), ...link('Place Call', 'Stream') }));
	await n8n.importJson('workflow', 'telnyx', workflow('telnyxTrigger', [
		node('Telnyx Trigger', 'n8n-nodes-ai-calls.telnyxTrigger', { events: ['call.answered', 'call.hangup'] }, { webhookId: 'telnyx-smoke', credentials: { telnyxApi: { id: 'telnyx', name: 'Telnyx simulator' } } }),
	]));
	const pamela = { pamelaApi: { id: 'pamela', name: 'Pamela simulator' } };
	await n8n.importJson('workflow', 'pamela', workflow('pamelaTool', [
		node('Tool Call', 'n8n-nodes-ai-calls.pamelaTrigger', { mode: 'toolCall', toolNames: 'check_stock' }, { webhookId: 'pamela-smoke', credentials: pamela }),
		node('Answer', 'n8n-nodes-ai-calls.pamela', { resource: 'tool', operation: 'buildResult', resultType: 'text', resultText: '={{ "In stock: " + $json.args.sku }}' }, { credentials: pamela }),
	], link('Tool Call', 'Answer')));
	await n8n.cli('publish:workflow', '--id=telnyxTrigger');
	await n8n.cli('publish:workflow', '--id=pamelaTool');
}

async function steponeByExecute(n8n: RealN8n) {
	const run = await n8n.execute('steponeSmoke');
	const placed = run.data.resultData.runData['Place Call']?.[0]?.data?.main[0] ?? [];
	const stream = run.data.resultData.runData.Stream?.[0]?.data?.main[0]?.[0]?.json;
	check('n8n execute: Stepone batch places one call per number', placed.length === 2, `${placed.length} calls`);
	const transcript = (stream?.transcript ?? []) as Array<{ text: string }>;
	check('n8n execute: the SSE stream ends with the Chinese transcript intact', stream?.status === 'completed' && transcript.some((t) => t.text.includes('到店取货')), String(stream?.status));
}

async function telnyxThroughWebhookServer(n8n: RealN8n, simulator: RunningSimulator) {
	const url = `http://127.0.0.1:${n8n.port}/webhook/telnyx-smoke/webhook`;
	simulator.telnyx.callee('+14155550123', { answer: 'answer', ringMs: 200, hangUpAfterMs: 400 });
	const dial = await fetch(`${simulator.telnyx.baseUrl}/calls`, {
		method: 'POST',
		headers: { authorization: `Bearer ${simulator.telnyx.credentials().apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550123', webhook_url: url }),
	});
	check('simulator dial accepted', dial.status === 200, String(dial.status));
	const deadline = Date.now() + 15000;
	// Until the hang-up's delivery has its answer (a delivery is recorded before its reply comes).
	while (Date.now() < deadline && !simulator.sim.webhooks.deliveries.some((d) => d.url === url && d.body.includes('"call.hangup"') && d.status !== undefined)) {
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const toN8n = simulator.sim.webhooks.deliveries.filter((d) => d.url === url);
	// n8n registers a published workflow's webhook about 1 s after it is ready: an early event may get 404, and its retry lands.
	const lastAttempt = new Map(toN8n.map((d) => [JSON.parse(d.body).data.id as string, d]));
	check('Telnyx Trigger in n8n accepts every signed event', lastAttempt.size >= 3 && [...lastAttempt.values()].every((d) => d.status === 200), toN8n.map((d) => `${JSON.parse(d.body).data.event_type}:${d.status}`).join(', '));

	// Pretty-printed JSON: re-serialising the parsed body would not reproduce these bytes, so a pass proves the raw body is verified.
	const body = JSON.stringify({ data: { record_type: 'event', event_type: 'call.answered', id: 'evt-pretty', occurred_at: new Date().toISOString(), payload: { call_control_id: 'v3:pretty', to: '+14155550123' } } }, null, 2);
	const signed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(body) }, body });
	check('Telnyx Trigger verifies the raw body bytes n8n received', signed.status === 200, String(signed.status));
	const tampered = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(body) }, body: body.replace('pretty', 'forged') });
	check('Telnyx Trigger answers 401 to a tampered body', tampered.status === 401, String(tampered.status));
}

async function pamelaToolThroughWebhookServer(n8n: RealN8n, simulator: RunningSimulator) {
	const url = `http://127.0.0.1:${n8n.port}/webhook/pamela-smoke/webhook`;
	const { body, headers } = simulator.pamela.signed({ tool_name: 'check_stock', arguments: { sku: 'A-17' }, call_id: 'call_1', correlation_id: 'corr_1' });
	const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	const text = await answer.text();
	check('Pamela tool call is answered with {"result": …} from the workflow', answer.status === 200 && text === JSON.stringify({ result: 'In stock: A-17' }), `${answer.status} ${text}`);
	const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	check('Pamela Trigger answers 401 without a signature', unsigned.status === 401, String(unsigned.status));
}

async function main() {
	const bin = process.argv[2];
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-real-'));
	const simulator = await startSimulator({ timeScale: 0.05 });
	const n8n = new RealN8n(bin, userFolder, 5688);
	try {
		installPackage(userFolder);
		await importAll(n8n, simulator);
		await importTelnyxWait(n8n, simulator);
		await steponeByExecute(n8n);
		await n8n.start();
		await telnyxThroughWebhookServer(n8n, simulator);
		await pamelaToolThroughWebhookServer(n8n, simulator);
		await telnyxWaitForOutcome(n8n, simulator, check);
	} catch (error) {
		check('smoke run', false, (error as Error).message);
	} finally {
		await n8n.stop();
		await simulator.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok).length;
	process.stdout.write(`real-n8n: ${results.length - failed} passed, ${failed} failed\n`);
	process.exitCode = failed ? 1 : 0;
}

void main();
