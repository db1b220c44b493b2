import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { decodeClientState } from '../../clientState';
import { telnyxRequest } from '../../transport';
import { callControlId, callControlIdField } from './common';

export const description: INodeProperties[] = [callControlIdField('get')];

/** Liveness and timing; Telnyx keeps this for 10 minutes after the call ends (contract §4). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = callControlId(this, itemIndex);
	const call = await telnyxRequest<IDataObject>(this, { method: 'GET', path: `/calls/${encodeURIComponent(id)}`, itemIndex });
	return {
		callControlId: call.call_control_id ?? id,
		callLegId: call.call_leg_id,
		callSessionId: call.call_session_id,
		isAlive: call.is_alive,
		startTime: call.start_time,
		endTime: call.end_time,
		durationSeconds: call.call_duration,
		clientState: decodeClientState(call.client_state),
	};
}
