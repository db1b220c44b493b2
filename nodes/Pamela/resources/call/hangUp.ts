import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pamelaRequest, segment } from '../../transport';
import { callIdField, requiredCallId } from './callId';

export const description: INodeProperties[] = [callIdField(['hangUp'])];

/** Ends a call in progress. The reply's shape is undocumented, so it is passed on as `raw`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = requiredCallId(this, itemIndex);
	const reply = await pamelaRequest<IDataObject | undefined>(this, {
		method: 'POST',
		path: `/calls/${segment(callId)}/hangup`,
		itemIndex,
		// A repeat after a lost reply would fail on the ended call and hide that the first one worked.
		retry: 'never',
		lostReplyHint: `No answer came back, so it is unknown whether the call was hung up: check its status with Call > Get (Call ID ${callId}).`,
	});
	return { id: callId, hungUp: true, status: reply?.status ?? null, raw: reply ?? {} };
}
