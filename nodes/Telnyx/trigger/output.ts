import type { IDataObject } from 'n8n-workflow';

import { decodeCallState } from '../observed';

/** Payload fields lifted to the top of the item (camelCase) because workflows use them most. */
const FLATTENED: Record<string, string> = {
	call_control_id: 'callControlId',
	call_leg_id: 'callLegId',
	call_session_id: 'callSessionId',
	connection_id: 'connectionId',
	from: 'from',
	to: 'to',
	direction: 'direction',
	state: 'state',
	digit: 'digit',
	digits: 'digits',
	status: 'status',
	result: 'result',
	partial_results: 'partialResults',
	hangup_cause: 'hangupCause',
	hangup_source: 'hangupSource',
	sip_hangup_cause: 'sipHangupCause',
	message_history: 'messageHistory',
	conversation_id: 'conversationId',
	start_time: 'startTime',
	recording_urls: 'recordingUrls',
};

/**
 * One n8n item for one Telnyx event: envelope, flattened payload, and the client state as the
 * user gave it. Place Call's Wait for Outcome wraps that state with its own notes
 * (nodes/Telnyx/observed.ts); the item shows the user's part only.
 */
export function eventItem(body: IDataObject): IDataObject {
	const data = (body.data ?? {}) as IDataObject;
	const payload = (data.payload ?? {}) as IDataObject;
	const meta = (body.meta ?? {}) as IDataObject;
	const item: IDataObject = {
		eventType: data.event_type,
		eventId: data.id,
		occurredAt: data.occurred_at,
		deliveryAttempt: meta.attempt,
	};
	for (const [field, name] of Object.entries(FLATTENED)) {
		if (payload[field] !== undefined) item[name] = payload[field];
	}
	const { user } = decodeCallState(payload.client_state);
	if (user !== undefined) item.clientState = user as IDataObject;
	item.payload = payload;
	return item;
}
