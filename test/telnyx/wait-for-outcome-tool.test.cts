// Place Call with Wait for Outcome run as an AI Agent's tool: a tool call cannot wait for
// Telnyx's webhooks, so the node places the call, returns its ID at once and says so.
import { ExecutionLifecycleHooks, SupplyDataContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { HarnessCredentialsHelper } from '../harness/credentials-helper.cts';
import { additionalDataFor, buildWorkflow, runWorkflow } from '../harness/engine.cts';
import { loadPackage } from '../harness/package.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { telnyxNode } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
});
afterAll(async () => await simulator.stop());

it('as a tool it places the call without waiting and says how to get the outcome', async () => {
	const node = telnyxNode('Telnyx', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550501', waitForOutcome: true, options: {} });
	const workflow = await buildWorkflow({ nodes: [node] });
	const hooks = new ExecutionLifecycleHooks('manual', 'tool-context', { id: 'tool', name: 'tool', nodes: [node], connections: {}, active: false } as never);
	const additionalData = additionalDataFor(hooks, new HarnessCredentialsHelper(await loadPackage(), { telnyxApi: simulator.telnyx.credentials() }));
	const runData = { version: 1, startData: {}, resultData: { runData: {} }, executionData: { contextData: {}, metadata: {}, nodeExecutionStack: [], waitingExecution: {}, waitingExecutionSource: {} } };
	const executeData = { node, data: { main: [[]] }, source: null };
	// As n8n-core's tool wrapper runs a node for an agent's tool call.
	const context = new SupplyDataContext(workflow, node, additionalData, 'manual', runData as never, 0, [], {}, 'ai_tool', executeData as never, [], new AbortController().signal);
	context.addInputData('ai_tool', [[{ json: { query: 'call the pharmacy' } }]]);
	expect(context.isToolExecution()).toBe(true);
	const output = await workflow.nodeTypes.getByNameAndVersion(node.type, 1).execute!.call(context as never);
	const [[item]] = output as Array<Array<{ json: IDataObject }>>;
	expect(item.json).toMatchObject({ callControlId: expect.stringMatching(/^v3:/), waitedForOutcome: false });
	expect(item.json.note).toContain('cannot wait for Telnyx webhooks');
	expect(item.json.note).toContain('Telnyx Trigger');
	// The call keeps the application's webhook URL: nothing points at a resume URL no one serves.
	const dial = simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as IDataObject;
	expect(dial.webhook_url).toBeUndefined();
});

it('run as Agent 3.x runs a tool (the engine runs the node, marked ai_tool) it does not wait either', async () => {
	// n8n 2.41.1 and 1.123.81's AI Agent 3.x: an engine request; n8n-core sets rewireOutputLogTo
	// (requests-response.js) and runs the node with an ordinary context (isToolExecution() false).
	const node = { ...telnyxNode('Telnyx', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550502', waitForOutcome: true, options: {} }), rewireOutputLogTo: 'ai_tool' as const };
	const result = await runWorkflow({ nodes: [node] }, { credentials: { telnyxApi: simulator.telnyx.credentials() } });
	// Before the fix the whole execution (the agent's) went into waiting for Telnyx's hang-up.
	expect(result.status).toBe('success');
	expect(result.run.waitTill).toBeUndefined();
	const [item] = result.run.data.resultData.runData.Telnyx[0].data!.ai_tool[0]!;
	expect(item.json).toMatchObject({ callControlId: expect.stringMatching(/^v3:/), waitedForOutcome: false });
	expect(String(item.json.note)).toContain('Telnyx Trigger');
});
