// Tool calls: an n8n workflow (Pamela Trigger in Tool Call mode → Pamela > Tool > Build Result)
// answers the agent mid-call; the answer shows in the call's transcript. Unknown tools get 400,
// and a reply slower than the tool's timeout is a timeout in the simulator.
import type { IDataObject } from 'n8n-workflow';

import { chain } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { jsonOf, pamelaNode, placeCall, runPamela, triggerNode } from './helpers.cts';

let simulator: RunningSimulator;
const servers: TriggerServer[] = [];

beforeAll(async () => {
	simulator = await startSimulator();
	// Calls move only as the tests step the clock, and never while a tool call is on the wire:
	// a tool timeout fires only when a test moves time past it on purpose.
	simulator.sim.clock.hold();
});
afterAll(async () => {
	await Promise.all(servers.map((server) => server.stop()));
	await simulator.stop();
});

async function toolWorkflow(toolNames: string, middle: ReturnType<typeof pamelaNode>[] = []) {
	const nodes = [
		triggerNode('Tool Call', { mode: 'toolCall', toolNames, respondWith: 'lastNode' }),
		...middle,
		pamelaNode('Answer', { resource: 'tool', operation: 'buildResult', resultType: 'text', resultText: '={{ "Order " + $("Tool Call").item.json.args.order_id + " ships tomorrow" }}' }),
	];
	const server = await startTriggerServer(
		{ nodes, connections: chain(...nodes.map((n) => n.name)) },
		{ triggerNode: 'Tool Call', credentials: { pamelaApi: simulator.pamela.credentials() } },
	);
	servers.push(server);
	await server.activate();
	simulator.pamela.toolUrl = server.url;
	return server;
}

async function registerTool(name: string, timeoutSeconds: number) {
	const result = await runPamela(simulator, {
		resource: 'tool',
		operation: 'register',
		name,
		description: 'Finds an order',
		schemaSource: 'fields',
		inputFields: { fields: [{ name: 'order_id', type: 'string', required: true }] },
		options: { timeoutSeconds },
	});
	return jsonOf(result)[0];
}

async function transcriptOf(callId: string): Promise<IDataObject[]> {
	await simulator.pamela.waitForTranscript(callId, 20000);
	const [call] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'get', callId }));
	return call.transcript as IDataObject[];
}

it('a tool-call workflow answers a mid-call invocation, and the answer shows in the transcript', async () => {
	const server = await toolWorkflow('lookup_order, check_stock');
	await registerTool('lookup_order', 30);
	simulator.pamela.callee('+14155550160', {
		answer: 'answer',
		ringMs: 200,
		says: ['My order number is A-17.', 'Great, thanks.'],
		tools: [{ name: 'lookup_order', arguments: { order_id: 'A-17' }, afterTurn: 0 }],
	});
	const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550160', 'Tell the customer when order A-17 ships')));
	const transcript = await transcriptOf(String(placed.id));
	const [delivery] = await server.waitForDeliveries(1);
	expect(delivery).toMatchObject({ status: 200, body: { result: 'Order A-17 ships tomorrow' }, workflowStarted: true });
	expect(delivery.triggerItems[0].json).toEqual({
		toolName: 'lookup_order',
		args: { order_id: 'A-17' },
		callId: placed.id,
		correlationId: expect.stringMatching(/^corr_/),
		callSessionId: expect.any(String),
		partnerId: 'partner_sim',
		projectId: 'project_sim',
	});
	expect(transcript.map((e) => [e.speaker, e.text])).toEqual([
		['agent', 'Hi, this is Pamela calling. Tell the customer when order A-17 ships'],
		['callee', 'My order number is A-17.'],
		['tool', 'Order A-17 ships tomorrow'],
		['agent', 'I checked: Order A-17 ships tomorrow'],
		['callee', 'Great, thanks.'],
		['agent', 'Thank you, goodbye.'],
	]);
	expect(simulator.pamela.tools.invocations.at(-1)).toMatchObject({ outcome: 'answered', result: 'Order A-17 ships tomorrow' });
});

it('an unknown tool name gets 400 {"error"} and starts nothing', async () => {
	const server = await toolWorkflow('lookup_order');
	const { body, headers } = simulator.pamela.signed({ tool_name: 'delete_everything', arguments: {}, call_id: 'call_x', correlation_id: 'corr_x' });
	const response = await fetch(server.url, { method: 'POST', headers, body });
	expect(response.status).toBe(400);
	expect(await response.json()).toEqual({ error: 'Unknown tool: delete_everything' });
	const [delivery] = await server.waitForDeliveries(1);
	expect(delivery.workflowStarted).toBe(false);
});

it('a tool call with a bad signature gets 401 and starts nothing', async () => {
	const server = await toolWorkflow('lookup_order');
	const { body, headers } = simulator.pamela.signed({ tool_name: 'lookup_order', arguments: { order_id: 'A-1' }, call_id: 'call_x', correlation_id: 'corr_x' }, 'whsec_wrong');
	const response = await fetch(server.url, { method: 'POST', headers, body });
	expect(response.status).toBe(401);
	expect(await response.json()).toEqual({ error: 'Invalid signature' });
	expect((await server.waitForDeliveries(1))[0].workflowStarted).toBe(false);
});

it('a reply slower than the tool timeout is a timeout: the agent goes on without it', async () => {
	// The workflow reads the call first; that read takes 20 s of simulated time against a 2 s timeout.
	const server = await toolWorkflow('slow_lookup', [pamelaNode('Read Call', { resource: 'call', operation: 'get', callId: '={{ $json.callId }}' })]);
	await registerTool('slow_lookup', 2);
	simulator.pamela.callee('+14155550161', {
		answer: 'answer',
		ringMs: 200,
		says: ['Order A-18 please.'],
		tools: [{ name: 'slow_lookup', arguments: { order_id: 'A-18' }, afterTurn: 0 }],
	});
	simulator.sim.faults.add({ method: 'GET', path: /^\/api\/b2b\/v1\/calls\/call_/, kind: 'latency', ms: 20000 });
	const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550161')));
	// Step to the moment the tool call is on the wire, then move time past its timeout while the
	// workflow is still waiting for its slow read.
	await simulator.sim.waitFor(() => simulator.pamela.tools.invocations.some((i) => i.toolName === 'slow_lookup'), () => 'The tool was never called');
	await simulator.sim.clock.advance(2000, { overtake: true });
	const transcript = await transcriptOf(String(placed.id));
	expect(simulator.pamela.tools.invocations.at(-1)).toMatchObject({ toolName: 'slow_lookup', outcome: 'timeout', timeoutMs: 2000 });
	expect(transcript.map((e) => [e.speaker, e.text])).toContainEqual(['system', 'Tool slow_lookup timed out after 2000 ms']);
	expect(transcript.map((e) => e.text)).not.toContain('Order A-18 ships tomorrow');
	// The workflow did answer once its slow read came back, too late: the simulator had stopped listening.
	await simulator.sim.clock.advance(20000);
	const [late] = await server.waitForDeliveries(1);
	expect(late).toMatchObject({ workflowStarted: true, body: { result: 'Order A-18 ships tomorrow' } });
});
