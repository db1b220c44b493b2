// The package's own checks in a real n8n (1.x or 2.x): a workflow run by `n8n execute`
// (Stepone batch + SSE stream), and signed webhooks through n8n's own webhook server to the
// Telnyx Trigger and to a Pamela tool-call workflow. run.cts installs n8n and the package.
import type { RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import type { RealN8n } from './n8n-process.cts';
import type { Check } from './report.cts';

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

/** Imports the smoke workflows (credentials are imported by run.cts) and activates the webhook ones. */
export async function importSmoke(n8n: RealN8n) {
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
	await n8n.activate('telnyxTrigger');
	await n8n.activate('pamelaTool');
}

export async function steponeByExecute(n8n: RealN8n, check: Check) {
	const run = await n8n.execute('steponeSmoke');
	const placed = run.data.resultData.runData['Place Call']?.[0]?.data?.main[0] ?? [];
	const stream = run.data.resultData.runData.Stream?.[0]?.data?.main[0]?.[0]?.json;
	check('n8n execute: Stepone batch places one call per number', placed.length === 2, `${placed.length} calls`);
	const transcript = (stream?.transcript ?? []) as Array<{ text: string }>;
	check('n8n execute: the SSE stream ends with the Chinese transcript intact', stream?.status === 'completed' && transcript.some((t) => t.text.includes('到店取货')), String(stream?.status));
}

export async function telnyxThroughWebhookServer(n8n: RealN8n, simulator: RunningSimulator, check: Check) {
	const url = `http://127.0.0.1:${n8n.port}/webhook/telnyx-smoke/webhook`;
	await n8n.webhookRegistered(url);
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

export async function pamelaToolThroughWebhookServer(n8n: RealN8n, simulator: RunningSimulator, check: Check) {
	const url = `http://127.0.0.1:${n8n.port}/webhook/pamela-smoke/webhook`;
	// n8n registers active workflows one by one after it is ready: with many active examples (1.x) this one may still answer 404.
	await n8n.webhookRegistered(url);
	const { body, headers } = simulator.pamela.signed({ tool_name: 'check_stock', arguments: { sku: 'A-17' }, call_id: 'call_1', correlation_id: 'corr_1' });
	const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	const text = await answer.text();
	check('Pamela tool call is answered with {"result": …} from the workflow', answer.status === 200 && text === JSON.stringify({ result: 'In stock: A-17' }), `${answer.status} ${text}`);
	const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	check('Pamela Trigger answers 401 without a signature', unsigned.status === 401, String(unsigned.status));
}
