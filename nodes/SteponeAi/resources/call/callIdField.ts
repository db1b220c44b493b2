import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** Call IDs seen in the wild: UUIDs, and older ones with `^` (contract §3). */
const CALL_ID = /^[A-Za-z0-9_.:^~-]{1,256}$/;

/** The "Call ID" parameter, checked before it is sent. */
export function callIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const callId = String(ctx.getNodeParameter('callId', itemIndex, '') ?? '').trim();
	if (!callId) {
		throw new NodeOperationError(ctx.getNode(), 'Call ID is empty', {
			itemIndex,
			description: `Item ${itemIndex}: map the callId that Place Call returned into "Call ID", e.g. {{ $json.callId }}.`,
		});
	}
	if (!CALL_ID.test(callId)) {
		throw new NodeOperationError(ctx.getNode(), `Call ID "${callId.slice(0, 80)}" is not a Stepone call ID`, {
			itemIndex,
			description: `Item ${itemIndex}: a call ID holds only letters, digits and . _ : ^ ~ -; check what is mapped into "Call ID".`,
		});
	}
	return callId;
}
