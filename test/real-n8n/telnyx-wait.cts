// Telnyx Place Call with Wait for Outcome in a real n8n: a webhook-started execution waits,
// the simulator's signed webhooks reach n8n's webhook-waiting route, a forged one gets 401,
// the On Answer gather runs, and the hang-up resumes the run, whose next node reports the outcome.
import type { RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID, TELNYX_SINK_PATH } from '../simulator/providers/telnyx/index.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';
import type { RealN8n } from './n8n-process.cts';

type Check = (name: string, ok: boolean, detail?: string) => void;

const TO = '+14155550610';

export async function importTelnyxWait(n8n: RealN8n, simulator: RunningSimulator): Promise<void> {
	const gather = { step: [{ stepType: 'gather', text: '=Hello {{ $json.body.name }}, press 3 then hash.', maxDigits: 4 }] };
	await importWorkflow(n8n, simulator, 'telnyxWait', 'place-wait', 5, gather);
	// Maximum Wait 1 minute and no steps, for a call that outlasts it: n8n's wait tracker resumes it.
	await importWorkflow(n8n, simulator, 'telnyxWaitTimeout', 'place-wait-timeout', 1, {});
}

async function importWorkflow(n8n: RealN8n, simulator: RunningSimulator, id: string, path: string, maxWaitMinutes: number, onAnswer: Record<string, unknown>): Promise<void> {
	const telnyx = { telnyxApi: { id: 'telnyx', name: 'Telnyx simulator' } };
	const node = (id: string, name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id, name, type, typeVersion, position: [0, 0], parameters, ...extra });
	await n8n.importJson('workflow', id, {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('b7c3c1de-0000-4000-8000-000000000001', 'Start', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived' }, { webhookId: `${path}-id` }),
			node('b7c3c1de-0000-4000-8000-000000000002', 'Place Call', 'n8n-nodes-ai-calls.telnyx', 1, {
				resource: 'call',
				operation: 'dial',
				connectionId: TELNYX_CONNECTION_ID,
				from: '+14155550100',
				to: '={{ $json.body.to }}',
				waitForOutcome: true,
				maxWaitMinutes,
				onAnswer,
				options: { clientState: '={{ JSON.stringify({ row: $json.body.row }) }}' },
			}, { credentials: telnyx }),
			node('b7c3c1de-0000-4000-8000-000000000003', 'Report', 'n8n-nodes-base.httpRequest', 4.2, {
				method: 'POST',
				url: `${simulator.baseUrl}${TELNYX_SINK_PATH}`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Place Call', type: 'main', index: 0 }]] },
			'Place Call': { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
		},
	});
	await n8n.activate(id);
}

async function until<T>(find: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T | undefined> {
	const deadline = Date.now() + ms;
	for (;;) {
		const found = await find();
		if (found !== undefined || Date.now() > deadline) return found;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const TIMEOUT_TO = '+14155550611';

/** Starts the call that outlasts its 1-minute Maximum Wait; `timedOut` reads the report (up to ~2 min: the tracker checks once a minute). */
async function startTimeoutCall(n8n: RealN8n, simulator: RunningSimulator) {
	simulator.telnyx.callee(TIMEOUT_TO, { answer: 'answer', ringMs: 1000 });
	await fetch(`http://127.0.0.1:${n8n.port}/webhook/place-wait-timeout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: TIMEOUT_TO, name: 'Bo', row: 13 }) });
	const startedAt = Date.now();
	return async (check: Check) => {
		const report = await until(() => simulator.sim.requestsTo('POST', TELNYX_SINK_PATH).find((r) => JSON.stringify(r.body ?? {}).includes('"row":13')), 180_000);
		const outcome = (report?.body ?? {}) as Record<string, unknown>;
		const call = simulator.telnyx.callsTo(TIMEOUT_TO)[0];
		check(
			'Telnyx Wait for Outcome: past the Maximum Wait n8n\'s wait tracker resumes the run and the item is a recognisable timeout',
			outcome.status === 'timeout' && outcome.callId === call?.callControlId && JSON.stringify(outcome.correlation) === '{"row":13}',
			`${JSON.stringify({ status: outcome.status, correlation: outcome.correlation })} after ${Math.round((Date.now() - startedAt) / 1000)} s`,
		);
	};
}

export async function telnyxWaitForOutcome(n8n: RealN8n, simulator: RunningSimulator, check: Check): Promise<void> {
	const timedOut = await startTimeoutCall(n8n, simulator);
	// Rings 20 simulated s (1 s at the smoke run's 0.05 scale, within the 30 s ring timeout): time to send a forged hang-up while it waits.
	simulator.telnyx.callee(TO, { answer: 'answer', ringMs: 20_000, digits: '3#' });
	const started = await fetch(`http://127.0.0.1:${n8n.port}/webhook/place-wait`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to: TO, name: 'Ana', row: 12 }),
	});
	check('Telnyx Wait for Outcome: the webhook-started execution is accepted', started.status === 200, String(started.status));
	const dial = await until(() => simulator.sim.requestsTo('POST', '/v2/calls').find((r) => (r.body as Record<string, unknown>).to === TO), 20000);
	const webhookUrl = String((dial?.body as Record<string, unknown> | undefined)?.webhook_url ?? '');
	// n8n 2.x adds a per-execution resume token; 1.x (1.123) has none, so there the node's own signature check is the only guard.
	const resumeUrl = n8n.major === 1 ? /\/webhook-waiting\/\d+\/b7c3c1de-0000-4000-8000-000000000002$/ : /\/webhook-waiting\/[^/]+\/b7c3c1de-0000-4000-8000-000000000002\?signature=[0-9a-f]{64}$/;
	check('Telnyx Wait for Outcome: the Dial\'s webhook_url is n8n\'s webhook-waiting URL for this node', resumeUrl.test(webhookUrl), webhookUrl);
	if (!webhookUrl) return;

	// Until n8n has saved the execution as waiting: before that a delivery gets 409 (2.x) or, seen once in 1.123, 500.
	const executionId = /\/webhook-waiting\/([^/]+)\//.exec(webhookUrl)?.[1];
	await until(async () => ((await n8n.executions('telnyxWait')).some((e) => String(e.id) === executionId && e.status === 'waiting') ? true : undefined), 20000);
	const forgedBody = JSON.stringify({ data: { record_type: 'event', event_type: 'call.hangup', id: 'evt-forged', occurred_at: new Date().toISOString(), payload: { call_control_id: 'v3:forged', hangup_cause: 'user_busy' } } });
	const forged = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...new TelnyxSigner().sign(forgedBody) }, body: forgedBody });
	check('Telnyx Wait for Outcome: a hang-up signed with another key gets 401 from the node, through n8n', forged.status === 401, String(forged.status));

	const report = await until(() => simulator.sim.requestsTo('POST', TELNYX_SINK_PATH).find((r) => JSON.stringify(r.body ?? {}).includes('"provider":"telnyx"')), 30000);
	const outcome = (report?.body ?? {}) as Record<string, unknown>;
	const gathered = (outcome.gathered ?? {}) as Record<string, unknown>;
	check(
		'Telnyx Wait for Outcome: the hang-up resumed the run and the next node got the outcome (gathered digits, Client State)',
		outcome.status === 'completed' && gathered.digits === '3' && JSON.stringify(outcome.correlation) === '{"row":12}',
		JSON.stringify({ status: outcome.status, gathered, correlation: outcome.correlation }),
	);
	const deliveries = simulator.sim.webhooks.deliveries.filter((d) => d.url === webhookUrl);
	// An event sent while the execution is still starting to wait gets 409; Telnyx's retry (the Dial's policy) then lands.
	const lastAttempt = new Map(deliveries.map((d) => [JSON.parse(d.body).data.id as string, d]));
	check(
		'Telnyx Wait for Outcome: every signed event was finally answered 2xx by n8n (interim ones without resuming)',
		lastAttempt.size >= 4 && [...lastAttempt.values()].every((d) => d.status === 200),
		deliveries.map((d) => `${JSON.parse(d.body).data.event_type}:${d.status}`).join(', '),
	);
	const hangup = deliveries.find((d) => d.body.includes('"call.hangup"'));
	if (hangup) {
		const again = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...simulator.telnyx.signer.sign(hangup.body) }, body: hangup.body });
		check('Telnyx Wait for Outcome: the hang-up sent again after the end gets 409', again.status === 409, String(again.status));
	}
	const executed = simulator.telnyx.callsTo(TO)[0]?.executed.map((c) => c.action) ?? [];
	check('Telnyx Wait for Outcome: the On Answer gather ran once, then the node hung up', executed.join(',') === 'gather_using_speak,hangup', executed.join(','));
	await timedOut(check);
}
