// Node types for an example with an AI Agent: the package's nodes and their AI-tool variants
// (`n8n-nodes-ai-calls.pamelaTool`), the scripted agent in place of n8n's AI Agent, and
// description-only stand-ins for the Chat Trigger and the chat model (the script is the model).
import {
	NodeConnectionTypes,
	NodeHelpers,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import { loadPackage, PackageNodeTypes, PACKAGE_NAME } from './package.cts';
import { scriptedAgent } from './scripted-agent.cts';

const standIn = (name: string, description: Partial<INodeTypeDescription>): INodeType => ({
	description: { displayName: name, name, group: ['transform'], version: [1, 1.1, 1.2, 1.3, 1.4, 1.5], description: `Harness stand-in for ${name}`, defaults: { name }, inputs: [], outputs: [], properties: [], ...description } as INodeTypeDescription,
});

const LANGCHAIN_STAND_INS: Record<string, INodeType> = {
	'@n8n/n8n-nodes-langchain.agent': scriptedAgent,
	// Not run here: a test starts the example at its Manual Trigger.
	'@n8n/n8n-nodes-langchain.chatTrigger': standIn('chatTrigger', { group: ['trigger'], outputs: [NodeConnectionTypes.Main] }),
	'@n8n/n8n-nodes-langchain.lmChatOpenAi': standIn('lmChatOpenAi', { outputs: [NodeConnectionTypes.AiLanguageModel] }),
};

/**
 * The AI-tool variant n8n makes of a `usableAsTool` node, as n8n 2.41.1 does on load
 * (n8n/dist/node-types.js:64-103 clones the node type; tool-generation/ai-tools.js:15-60
 * convertNodeToAiTool): name + "Tool", no inputs, one ai_tool output, and the Tool Description
 * fields in front. The node's execute is its own.
 */
function toolVariant(base: INodeType): INodeType {
	const described = base.description;
	if (!described.usableAsTool) throw new Error(`${described.name} is not usable as a tool`);
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Set Automatically', value: 'auto' }, { name: 'Set Manually', value: 'manual' }],
		default: 'auto',
	};
	const toolDescription: INodeProperties = { displayName: 'Description', name: 'toolDescription', type: 'string', default: described.description, required: true, displayOptions: { show: { descriptionType: ['manual'] } } };
	const description = { ...described, name: `${described.name}Tool`, displayName: `${described.displayName} Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool], properties: [descriptionType, toolDescription, ...described.properties] };
	delete description.usableAsTool;
	return Object.create(base, { description: { value: description } }) as INodeType;
}

export class AgentNodeTypes implements INodeTypes {
	private readonly tools = new Map<string, INodeType>();

	constructor(private readonly types: PackageNodeTypes) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return LANGCHAIN_STAND_INS[type] ?? this.types.getByName(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		if (LANGCHAIN_STAND_INS[type]) return LANGCHAIN_STAND_INS[type];
		if (type.startsWith(`${PACKAGE_NAME}.`) && type.endsWith('Tool')) {
			const key = `${type}@${version ?? ''}`;
			if (!this.tools.has(key)) this.tools.set(key, toolVariant(NodeHelpers.getVersionedNodeType(this.types.getByName(type.slice(0, -'Tool'.length)), version)));
			return this.tools.get(key)!;
		}
		return this.types.getByNameAndVersion(type, version);
	}

	getKnownTypes() {
		return this.types.getKnownTypes();
	}
}

export async function agentNodeTypes(): Promise<AgentNodeTypes> {
	return new AgentNodeTypes(new PackageNodeTypes(await loadPackage()));
}
