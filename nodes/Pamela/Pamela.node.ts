import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle, withOperationAliases } from '../shared/operations';
import { routeOperation, type OperationTable } from '../shared/router';
import { forModel } from '../shared/toolOutput';
import * as listSearch from './methods/listSearch';
import * as call from './resources/call';
import * as tool from './resources/tool';
import * as usage from './resources/usage';

const operations: OperationTable = {
	call: call.operations,
	tool: tool.operations,
	usage: usage.operations,
};

export class Pamela implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pamela',
		name: 'pamela',
		icon: { light: 'file:pamela.svg', dark: 'file:pamela.dark.svg' },
		group: ['output'],
		// Version 2: operation values follow the package's one scheme; version 1 keeps the old ones (nodes/shared/operations.ts).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: operationSubtitle([call.operation, tool.operation, usage.operation], call.aliases),
		description: 'Have the Pamela AI voice agent place phone calls, use your tools mid-call and report transcripts',
		defaults: { name: 'Pamela' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Build Result only shapes data, so it runs without a credential.
		credentials: [{ name: 'pamelaApi', required: true, displayOptions: { hide: { operation: ['buildResult'] } } }],
		properties: withOperationAliases([
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
		], call.aliases),
	};

	methods = {
		listSearch: { searchTools: listSearch.searchTools },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return forModel(this, await routeOperation(this, operations, call.aliases));
	}
}
