// examples/ai-agent-phone-tools.json as shipped, its tools run the way n8n's AI Agent runs them,
// in n8n-core's engine against the simulator. The model is a script (harness/scripted-agent.cts):
// it is given the tools n8n builds from the example's nodes (names, descriptions, the schema of
// their $fromAI() keys), calls them with arguments, and reads back the tool result string.
// The example's Manual Trigger and Sample Request start the run; the clock is held and stepped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode, IConnections } from 'n8n-workflow';

import { agentNodeTypes } from '../harness/ai-nodes.cts';
import { runWorkflow, type RunResult } from '../harness/engine.cts';
import { agentLog, scriptAgent, type AgentScript, type AgentTurn } from '../harness/scripted-agent.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CALLS_PATH } from './helpers.cts';

const example = JSON.parse(readFileSync(path.resolve(__dirname, '../../examples/ai-agent-phone-tools.json'), 'utf8')) as { nodes: INode[]; connections: IConnections };
const RESTAURANT = '+14155550142';
const TASK = 'Book a table for two tonight at 8 pm under the name Smith.';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	// The transcript is there when the call ends, so every status check after the end sees both
	// (the lagging transcript has its own tests in wait-for-outcome.test.cts).
	simulator.pamela.timings.transcriptDelayMs = 0;
	simulator.pamela.callee(RESTAURANT, { answer: 'answer', ringMs: 4000, says: ['Yes, we have a table for two at 8 pm.', 'Smith, noted. See you tonight.'] });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.sim.requests.length = 0;
});

/**
 * The example's nodes as shipped, but for one option: the Poll Interval, whose 5 s default would
 * make the first status check wait 15 s of real time. The clock is held, so the outcome does not
 * depend on when the checks come.
 */
function exampleNodes(): INode[] {
	return (JSON.parse(JSON.stringify(example.nodes)) as INode[]).map((node) =>
		node.name === 'Place a Call' ? { ...node, parameters: { ...node.parameters, options: { ...(node.parameters.options as IDataObject), pollIntervalSeconds: 0.05 } } } : node,
	);
}

/** Runs the example from Try It while the callee's call runs on the held clock, to its end. */
async function runExample(script: AgentScript): Promise<RunResult> {
	scriptAgent(script);
	const run = runWorkflow({ nodes: exampleNodes(), connections: example.connections }, { startNode: 'Try It', nodeTypes: await agentNodeTypes(), credentials: { pamelaApi: simulator.pamela.credentials() } });
	// A run that places no call (wrong tool parameters) ends by itself: the test then sees why.
	const first = await Promise.race([run, simulator.sim.waitForRequests('POST', CALLS_PATH)]);
	if (!Array.isArray(first)) return first;
	const call = [...simulator.pamela.calls.calls.values()].filter((c) => c.to === (first[0].body as IDataObject).to).at(-1);
	if (call) await simulator.pamela.waitForTranscript(call.id);
	return await run;
}

const placeCall = { tool: 'Place_a_Call', args: { phone_number: RESTAURANT, task: TASK } };
const outcomeIn = (turn: AgentTurn, step = 0) => (JSON.parse(turn.steps[step].observation) as IDataObject[])[0];

function checkOutcome(outcome: IDataObject) {
	expect(outcome).toMatchObject({ provider: 'pamela', status: 'completed', answered: true, transcriptPending: false });
	expect(outcome.callId).toMatch(/^call_/);
	expect(String(outcome.summary)).toContain(TASK);
	expect(JSON.stringify(outcome.transcript)).toContain('table for two at 8 pm');
}

it('the agent is given both tools with the example\'s descriptions and the $fromAI arguments', async () => {
	await runExample({ via: 'engine', reply: (turn) => (turn.steps.length ? { answer: 'done' } : { toolCalls: [placeCall] }) });
	const [first] = agentLog.turns;
	const byName = Object.fromEntries(first.tools.map((t) => [t.name, t]));
	const nodeOf = (name: string) => example.nodes.find((n) => n.name === name)!;
	expect(Object.keys(byName).sort()).toEqual(['Get_a_Call', 'Place_a_Call']);
	expect(byName.Place_a_Call.arguments.sort()).toEqual(['phone_number', 'task']);
	expect(byName.Get_a_Call.arguments).toEqual(['call_id']);
	expect(byName.Place_a_Call.description).toBe(nodeOf('Place a Call').parameters.toolDescription);
	expect(byName.Get_a_Call.description).toBe(nodeOf('Get a Call').parameters.toolDescription);
	// The Sample Request's message is the prompt (the Chat Trigger's chatInput in a chat).
	expect(first.prompt).toContain('+1 415 555 0142');
	expect(first.systemMessage).toContain('Place a Call');
});

it('as Agent 3.x calls it (the engine runs the tool node): one call placed, the outcome read back', async () => {
	const result = await runExample({
		via: 'engine',
		reply: (turn) => (turn.steps.length ? { answer: `The call ${String(outcomeIn(turn).status)}: ${String(outcomeIn(turn).summary)}` } : { toolCalls: [placeCall] }),
	});
	expect(result.errors).toEqual({});
	expect(result.status).toBe('success');
	// The model's arguments became the request: $fromAI('phone_number') is To, $fromAI('task') is Task.
	const posts = simulator.sim.requestsTo('POST', CALLS_PATH);
	expect(posts).toHaveLength(1);
	expect(posts[0].body).toMatchObject({ to: RESTAURANT, task: TASK });
	// What the model read back: the tool node's output items, serialized (one outcome).
	const back = agentLog.turns[1];
	expect(back.steps).toHaveLength(1);
	expect(JSON.parse(back.steps[0].observation)).toHaveLength(1);
	checkOutcome(outcomeIn(back));
	// n8n's execution log: the tool node's input is the arguments, its output is on ai_tool.
	const toolRun = result.run.data.resultData.runData['Place a Call'][0];
	expect(toolRun.inputOverride?.ai_tool?.[0]?.[0]?.json).toEqual(placeCall.args);
	expect(toolRun.data?.ai_tool?.[0]?.[0]?.json.callId).toBe(outcomeIn(back).callId);
	expect(result.outputs['AI Agent'][0].json.output).toBe(`The call completed: ${String(outcomeIn(back).summary)}`);
});

it('through n8n-core\'s tool wrapper (Agent 1.x-2.x, MCP): Place a Call, then Get a Call with its callId', async () => {
	const result = await runExample({
		via: 'wrapper',
		reply: (turn) => {
			if (turn.steps.length === 0) return { toolCalls: [placeCall] };
			if (turn.steps.length === 1) return { toolCalls: [{ tool: 'Get_a_Call', args: { call_id: String(outcomeIn(turn).callId) } }] };
			return { answer: 'done' };
		},
	});
	expect(result.errors).toEqual({});
	expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(1);
	const last = agentLog.turns.at(-1)!;
	checkOutcome(outcomeIn(last, 0));
	// Get a Call read the same call by the callId the model passed; it placed nothing.
	const got = outcomeIn(last, 1);
	expect(got).toMatchObject({ id: outcomeIn(last, 0).callId, status: 'completed' });
	expect(String(got.summary)).toContain(TASK);
	// Get a Call as a tool: the normalised call, without Pamela's call again under `raw`.
	expect(got).not.toHaveProperty('raw');
	expect(outcomeIn(last, 0)).not.toHaveProperty('raw');
});
