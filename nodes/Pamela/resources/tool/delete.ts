import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/items';
import { locatorField, locatorParameter } from '../../../shared/locator';
import { pamelaRequest, segment } from '../../transport';

export const description: INodeProperties[] = [
	locatorField({
		displayName: 'Tool',
		name: 'toolId',
		searchListMethod: 'searchTools',
		idPlaceholder: 'e.g. tool_8f2c1a',
		required: true,
		description: 'The registered tool to delete: pick it, or enter the ID that Tool > Register or Tool > Get Many returns',
		displayOptions: { show: { resource: ['tool'], operation: ['delete'] } },
	}),
];

/** Deactivates a tool; the agent stops offering it on new calls. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const toolId = locatorParameter(this, 'toolId', itemIndex);
	if (!toolId) {
		throw new NodeOperationError(this.getNode(), 'Tool is empty', {
			itemIndex,
			description: `Item ${itemIndex}: pick the tool in "Tool", or enter the "id" of a tool from Tool > Get Many.`,
		});
	}
	const unknown = `unknown whether the tool ${toolId} was deleted: use Tool > Get Many to see whether it is still registered before deleting it again.`;
	let reply: IDataObject | undefined;
	try {
		reply = await pamelaRequest<IDataObject | undefined>(this, {
			method: 'DELETE',
			path: `/tools/${segment(toolId)}`,
			itemIndex,
			// A DELETE whose reply was lost may have taken effect: a repeat would fail with 404 and hide that.
			retry: 'never',
			lostReplyHint: `It is ${unknown}`,
			// A 429 deleted nothing, so a short wait is waited out and the DELETE sent again.
			resendAfterRateLimit: true,
		});
	} catch (caught) {
		const error = asNodeError(this, caught, itemIndex);
		// A 5xx (e.g. from a gateway) may also come after the tool was deleted.
		if (error instanceof NodeApiError && Number(error.httpCode) >= 500) {
			error.description = `Item ${itemIndex}: Pamela answered HTTP ${error.httpCode}, so it is ${unknown}`;
		}
		throw error;
	}
	return { id: toolId, deleted: true, raw: reply ?? {} };
}
