import type { IDataObject, INodePropertyOptions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { normaliseTranscript } from '../transcript';
import { refuse } from './respond';

/** The five documented call events, spelt as Pamela sends them (contract §5.1). */
export const CALL_EVENTS: INodePropertyOptions[] = [
	{ name: 'Call Completed', value: 'call.completed', description: 'The call finished successfully' },
	{ name: 'Call Failed', value: 'call.failed', description: 'The call failed (busy, no answer, error)' },
	{ name: 'Call Queued', value: 'call.queued', description: 'The call was created and queued' },
	{ name: 'Call Started', value: 'call.started', description: 'The call connected' },
	{ name: 'Call Transcript Update', value: 'call.transcript_update', description: 'New transcript entries arrived' },
];

/**
 * One item per event: call ID, status, timestamp and the transcript in one shape; the body
 * as sent stays under `raw`. Events not selected are acknowledged and start nothing.
 */
export function handleCallEvent(ctx: IWebhookFunctions, body: IDataObject): IWebhookResponseData {
	const event = typeof body.event === 'string' ? body.event : '';
	if (!event) return refuse(ctx, 400, 'The body has no "event" field');
	const wanted = ctx.getNodeParameter('events', []) as string[];
	if (!wanted.includes(event)) return { webhookResponse: { received: true, ignored: event } };
	const item: IDataObject = {
		event,
		callId: body.call_id ?? null,
		status: body.status ?? null,
		timestamp: body.timestamp ?? null,
		transcript: normaliseTranscript(body.transcript),
		raw: body,
	};
	return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
}
