import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runPerItem, type ItemResult } from '../shared/items';
import * as call from './resources/call';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;

const operations: Record<string, Record<string, Operation>> = {
	call: Object.fromEntries(Object.entries(call.operations).map(([name, operation]) => [name, operation.execute])),
};

export class Telnyx implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx',
		name: 'telnyx',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Place and control phone calls with Telnyx Call Control, including AI gathers and AI assistants',
		defaults: { name: 'Telnyx' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Call', value: 'call' }],
				default: 'call',
			},
			...call.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const run = operations[resource]?.[operation];
		if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
		return await runPerItem(this, (itemIndex) => run.call(this, itemIndex));
	}
}
