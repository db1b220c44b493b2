import type { IDataObject, INodePropertyOptions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { CallOutcome } from '../../shared/outcome';
import { isFinalEvent, outcomeFromCall, outcomeFromEvent } from '../outcome';
import { pamelaRequest, segment } from '../transport';
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

/** The answer to an event that was accepted, whether it starts the workflow or not. */
export const RECEIVED = { received: true };

function eventOf(ctx: IWebhookFunctions, body: IDataObject): string | IWebhookResponseData {
	const event = typeof body.event === 'string' ? body.event : '';
	return event || refuse(ctx, 400, 'The body has no "event" field');
}

/**
 * One item per event: call ID, status, timestamp and the transcript in one shape; the body
 * as sent stays under `raw`. Events not selected are acknowledged and start nothing.
 */
export function handleCallEvent(ctx: IWebhookFunctions, body: IDataObject): IWebhookResponseData {
	const event = eventOf(ctx, body);
	if (typeof event !== 'string') return event;
	const wanted = ctx.getNodeParameter('events', []) as string[];
	if (!wanted.includes(event)) return { webhookResponse: { ...RECEIVED, ignored: event } };
	const item: IDataObject = {
		event,
		callId: body.call_id ?? null,
		status: body.status ?? null,
		timestamp: body.timestamp ?? null,
		transcript: normaliseTranscript(body.transcript),
		raw: body,
	};
	return { webhookResponse: RECEIVED, workflowData: [[{ json: item }]] };
}

/**
 * Call Outcome mode: a call's final event (`call.completed`, or `call.failed`, whose status
 * may say `cancelled`) gives the one outcome shape; every other event is acknowledged and
 * starts nothing. The event carries no metadata, start time or summary (contract §5.2), so
 * the call is read once (`GET /calls/{id}`, §4) for the Place Call metadata (correlation),
 * times and summary; the event's own transcript stands in while the call's lags (§4).
 */
export async function handleOutcomeEvent(ctx: IWebhookFunctions, body: IDataObject): Promise<IWebhookResponseData> {
	const event = eventOf(ctx, body);
	if (typeof event !== 'string') return event;
	if (!isFinalEvent(body)) return { webhookResponse: { ...RECEIVED, ignored: event } };
	return { webhookResponse: RECEIVED, workflowData: [[{ json: await outcomeOf(ctx, body) }]] };
}

async function outcomeOf(ctx: IWebhookFunctions, body: IDataObject): Promise<CallOutcome> {
	const fromEvent = outcomeFromEvent(body);
	let call: IDataObject;
	try {
		call = await pamelaRequest<IDataObject>(ctx, { method: 'GET', path: `/calls/${segment(body.call_id)}` });
	} catch (error) {
		// The outcome still goes out, from the event alone: correlation stays null, and the log says why.
		ctx.logger.warn(`Pamela Trigger "${ctx.getNode().name}" could not read call ${String(body.call_id)}: ${(error as Error).message}`);
		return fromEvent;
	}
	const fromCall = outcomeFromCall(call);
	return {
		...fromCall,
		status: fromEvent.status,
		answered: fromCall.answered || fromEvent.answered,
		endedAt: fromCall.endedAt ?? fromEvent.endedAt,
		transcript: fromCall.transcript.length ? fromCall.transcript : fromEvent.transcript,
		reason: fromEvent.status === 'completed' ? null : (fromCall.summary ?? fromEvent.reason),
		raw: { event: body, call },
	};
}
