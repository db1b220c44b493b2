import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normaliseCall } from '../../transcript';
import { pamelaRequest, segment } from '../../transport';
import { callIdField, requiredCallId } from './callId';

export const description: INodeProperties[] = [callIdField(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = requiredCallId(this, itemIndex);
	const call = await pamelaRequest<IDataObject>(this, { method: 'GET', path: `/calls/${segment(callId)}`, itemIndex });
	return normaliseCall(call);
}
