import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../shared/router';
import * as call from './resources/call';
import * as tool from './resources/tool';
import * as usage from './resources/usage';

const operations: OperationTable = {
	call: {
		place: call.place,
		get: call.get.execute,
		getMany: call.getMany.execute,
		cancel: call.cancel.execute,
		hangUp: call.hangUp.execute,
	},
	tool: {
		register: tool.register.execute,
		getMany: tool.getMany.execute,
		delete: tool.deleteTool.execute,
		buildResult: tool.buildResult.execute,
	},
	usage: { get: usage.get.execute },
};

export class Pamela implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pamela',
		name: 'pamela',
		icon: { light: 'file:pamela.svg', dark: 'file:pamela.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Have the Pamela AI voice agent place phone calls, use your tools mid-call and report transcripts',
		defaults: { name: 'Pamela' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pamelaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Tool', value: 'tool' },
					{ name: 'Usage', value: 'usage' },
				],
				default: 'call',
			},
			...call.description,
			...tool.description,
			...usage.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations);
	}
}
