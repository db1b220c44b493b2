import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

const show = { resource: ['tool'], operation: ['buildResult'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Result Type',
		name: 'resultType',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'JSON', value: 'json' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Result',
		name: 'resultText',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Order {{ $json.args.order_id }} ships tomorrow',
		description: 'What the agent hears back from the tool',
		displayOptions: { show: { ...show, resultType: ['text'] } },
	},
	{
		displayName: 'Result (JSON)',
		name: 'resultJson',
		type: 'json',
		default: '{}',
		description: 'Any JSON value the agent gets back from the tool',
		displayOptions: { show: { ...show, resultType: ['json'] } },
	},
];

/**
 * Outputs `{"result": …}`, the answer Pamela expects from a tool (contract §5.3). As the last
 * node of a Pamela Trigger tool-call workflow, n8n sends this item as the HTTP reply.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (this.getNodeParameter('resultType', itemIndex, 'text') === 'text') {
		return { result: String(this.getNodeParameter('resultText', itemIndex, '')) };
	}
	const value = this.getNodeParameter('resultJson', itemIndex, '{}');
	if (typeof value !== 'string') return { result: value as IDataObject };
	try {
		return { result: JSON.parse(value) as IDataObject };
	} catch {
		throw new NodeOperationError(this.getNode(), 'Result (JSON) is not valid JSON', {
			itemIndex,
			description: `Item ${itemIndex}: enter a JSON value in "Result (JSON)", e.g. {"status": "shipped"}, or switch Result Type to Text.`,
		});
	}
}
