import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { pamelaRequest, segment } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Tool ID',
		name: 'toolId',
		type: 'string',
		required: true,
		default: '',
		description: 'The tool ID that Tool > Register or Tool > Get Many returns',
		displayOptions: { show: { resource: ['tool'], operation: ['delete'] } },
	},
];

/** Deactivates a tool; the agent stops offering it on new calls. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const toolId = String(this.getNodeParameter('toolId', itemIndex, '')).trim();
	if (!toolId) {
		throw new NodeOperationError(this.getNode(), 'Tool ID is empty', {
			itemIndex,
			description: `Item ${itemIndex}: set "Tool ID" to the "id" of a tool from Tool > Get Many.`,
		});
	}
	const reply = await pamelaRequest<IDataObject | undefined>(this, {
		method: 'DELETE',
		path: `/tools/${segment(toolId)}`,
		itemIndex,
		retry: 'idempotent',
	});
	return { id: toolId, deleted: true, raw: reply ?? {} };
}
