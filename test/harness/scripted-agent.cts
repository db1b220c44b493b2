// A stand-in for n8n's AI Agent (@n8n/n8n-nodes-langchain.agent, version 3) whose language model
// is a script, so a test can run an example's tools the way the real agent does without a model.
// What it copies from n8n 2.41.1 / 1.123.81 (paths under @n8n/n8n-nodes-langchain/dist):
// - the tools: `getInputConnectionData('ai_tool')`, which wraps each connected node with
//   n8n-core's createNodeAsTool (name from the node name, schema from its `$fromAI()` calls);
// - "engine" calls (Agent 3.x): the agent returns an engine request (utils/agent-execution/
//   createEngineRequests.js); n8n-core runs the tool node as an ordinary node marked
//   `rewireOutputLogTo: ai_tool` with the arguments as its input (requests-response.js), then
//   runs the agent again with the tool's run; the model reads JSON.stringify of the tool's
//   output items' json (buildSteps.js buildObservation);
// - "wrapper" calls (Agent 1.x-2.x, sub-agents, MCP Server Trigger): `tool.invoke(args)`, which
//   runs the node in a SupplyDataContext and returns JSON.stringify of its output items' json.
import type { DynamicStructuredTool } from '@langchain/core/tools';
import {
	NodeConnectionTypes,
	type EngineResponse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export interface AgentToolInfo {
	name: string;
	description: string;
	/** The argument names n8n's schema asks for (the node's `$fromAI()` keys). */
	arguments: string[];
}

export interface AgentStep {
	tool: string;
	toolInput: IDataObject;
	/** The tool result string the model reads. */
	observation: string;
}

export interface AgentTurn {
	prompt: string;
	systemMessage: string;
	tools: AgentToolInfo[];
	steps: AgentStep[];
}

export type ModelReply = { toolCalls: Array<{ tool: string; args: IDataObject }> } | { answer: string };

export interface AgentScript {
	/** How tools are called: as the engine runs them (Agent 3.x) or through n8n-core's tool wrapper. */
	via: 'engine' | 'wrapper';
	reply(turn: AgentTurn): ModelReply;
}

/** What the agent saw and did, for the test to check. */
export const agentLog: { turns: AgentTurn[] } = { turns: [] };
let script: AgentScript | undefined;

export function scriptAgent(next: AgentScript): void {
	script = next;
	agentLog.turns = [];
}

type EngineAction = { nodeName: string; input: IDataObject; id: string; type: string; metadata?: IDataObject };
type ActionResponse = { action: EngineAction; data: { data?: Record<string, Array<Array<{ json: IDataObject }> | null>>; error?: { message?: string; name?: string } } };

/** The observation n8n's Agent 3.x builds from a tool's run (buildSteps.js buildObservation). */
function observationOf(run: ActionResponse['data']): string {
	const items = run?.data?.ai_tool?.[0]?.map((item) => item?.json);
	if (items && items.length > 0) return JSON.stringify(items);
	if (run?.error) return JSON.stringify({ error: run.error.message ?? 'Unknown error', ...(run.error.name && { errorType: run.error.name }) });
	return JSON.stringify('');
}

const description: INodeTypeDescription = {
	displayName: 'AI Agent (scripted)',
	name: 'agent',
	group: ['transform'],
	version: [3, 3.1],
	description: 'Harness stand-in for the AI Agent',
	defaults: { name: 'AI Agent' },
	inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiLanguageModel, required: false }, { type: NodeConnectionTypes.AiTool, required: false }],
	outputs: [NodeConnectionTypes.Main],
	properties: [
		{ displayName: 'Source for Prompt', name: 'promptType', type: 'options', options: [{ name: 'Chat', value: 'auto' }, { name: 'Define', value: 'define' }], default: 'auto' },
		{ displayName: 'Prompt', name: 'text', type: 'string', default: '' },
		{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'System Message', name: 'systemMessage', type: 'string', default: '' }] },
	],
};

export const scriptedAgent: INodeType = {
	description,
	async execute(this: IExecuteFunctions, response?: EngineResponse) {
		if (!script) throw new Error('scriptAgent() was not called');
		const connected = ((await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) ?? []) as DynamicStructuredTool[];
		const tools = connected.flat();
		// Agent 3.x: getPromptInputByType (utils/helpers.js) reads `chatInput` for Source "auto".
		const prompt = this.getNodeParameter('promptType', 0) === 'auto' ? this.evaluateExpression('{{ $json["chatInput"] }}', 0) : this.getNodeParameter('text', 0);
		const systemMessage = String((this.getNodeParameter('options', 0, {}) as IDataObject).systemMessage ?? '');
		const steps: AgentStep[] = [...(((response?.metadata as IDataObject | undefined)?.previousRequests as AgentStep[] | undefined) ?? [])];
		for (const { action, data } of (response?.actionResponses ?? []) as unknown as ActionResponse[]) {
			steps.push({ tool: tools.find((t) => t.metadata?.sourceNodeName === action.nodeName)?.name ?? action.nodeName, toolInput: action.input, observation: observationOf(data) });
		}
		const info = tools.map((t) => ({ name: t.name, description: t.description, arguments: Object.keys((t.schema as { shape: object }).shape) }));
		for (;;) {
			const turn: AgentTurn = { prompt: String(prompt), systemMessage, tools: info, steps: [...steps] };
			agentLog.turns.push(turn);
			const reply = script.reply(turn);
			if ('answer' in reply) return [[{ json: { output: reply.answer }, pairedItem: { item: 0 } }]];
			const calls = reply.toolCalls.map((call, i) => {
				const tool = tools.find((t) => t.name === call.tool);
				if (!tool) throw new Error(`The model called "${call.tool}", which is not among the tools: ${info.map((t) => t.name).join(', ')}`);
				// The arguments must fit the schema n8n built from the node's $fromAI() calls (what the model was given).
				return { tool, args: (tool.schema as { parse(v: unknown): IDataObject }).parse(call.args), id: `call_${steps.length + i}` };
			});
			if (script.via === 'wrapper') {
				for (const call of calls) steps.push({ tool: call.tool.name, toolInput: call.args, observation: String(await call.tool.invoke(call.args)) });
				continue;
			}
			// As createEngineRequests.js: one ExecutionNodeAction per tool call, for the node behind the tool.
			const actions = calls.map((call) => ({ actionType: 'ExecutionNodeAction', nodeName: String(call.tool.metadata?.sourceNodeName), input: call.args, type: NodeConnectionTypes.AiTool, id: call.id, metadata: { itemIndex: 0 } }));
			return { actions, metadata: { previousRequests: steps } } as never;
		}
	},
};
