import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The Call ID field, shared by the operations on one call. */
export function callIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. call_abc123',
		description: 'The call ID that Place Call returns, or the Call ID of a Pamela Trigger event',
		displayOptions: { show: { resource: ['call'], operation: operations } },
	};
}

export function requiredCallId(ctx: IExecuteFunctions, itemIndex: number): string {
	const callId = String(ctx.getNodeParameter('callId', itemIndex, '') ?? '').trim();
	if (!callId) {
		throw new NodeOperationError(ctx.getNode(), 'Call ID is empty', {
			itemIndex,
			description: `Item ${itemIndex}: set "Call ID", e.g. to {{ $json.id }} after Place Call.`,
		});
	}
	return callId;
}
