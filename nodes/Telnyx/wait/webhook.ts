import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { decodeCallState, encodeCallState, eventData, observe, type Observed } from '../observed';
import { isFinalEvent, outcomeFromHangup } from '../outcome';
import { telnyxRequest } from '../transport';
import { rawBodyOf } from '../../shared/rawBody';
import { publicKeyFrom, verifyTelnyxRequest } from '../trigger/verify';
import { STEP_END_EVENT, stepCommand, type Step } from './steps';

/**
 * A command ID derived from the event that caused the command: a replayed or retried
 * delivery of that event sends the same ID, and Telnyx ignores it (contract §5, 60 s).
 */
function commandIdFrom(eventId: string, purpose: string): string {
	const hex = createHash('sha256').update(`${eventId}|${purpose}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What to send next on the call after this event, and the notes that go with it. */
function nextMove(eventType: string, observed: Observed): { notes: Observed; command?: { action: string; body: IDataObject } } {
	const queue = (observed.q ?? []) as Step[];
	const running = observed.c as Step['k'] | undefined;
	const startsSteps = eventType === 'call.answered' && running === undefined && queue.length > 0;
	const endsStep = running !== undefined && STEP_END_EVENT[running] === eventType;
	if (!startsSteps && !endsStep) return { notes: observed };
	const [step, ...rest] = queue;
	const notes: Observed = { ...observed, q: rest.length ? rest : undefined, c: step?.k };
	if (!notes.q) delete notes.q;
	if (!notes.c) delete notes.c;
	// The last step has ended: hang up; the hang-up then resumes the workflow.
	return { notes, command: step ? stepCommand(step) : { action: 'hangup', body: {} } };
}

/** The event folded into known notes, and whether anything must be written (new notes or a step's command). */
function decide(known: Observed, body: IDataObject, eventType: string) {
	const folded = observe(known, body);
	const move = nextMove(eventType, folded.observed);
	return { ...move, due: move.command !== undefined || folded.changed };
}

/**
 * The waiting Place Call's webhook: every Telnyx event of its call arrives here. A forged
 * delivery gets 401 and changes nothing; an interim event is folded into the call's own
 * `client_state` (the only memory between deliveries) and answered 200 without resuming;
 * `call.hangup` resumes the execution with the outcome.
 */
export async function waitingWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	// Only the exact bytes received are verified: without them the delivery is refused (fails closed).
	const rawBody = rawBodyOf(ctx);
	let verdict: { valid: boolean; reason?: string } = { valid: false, reason: 'n8n kept no raw body for this request' };
	if (rawBody) {
		try {
			const credentials = await ctx.getCredentials('telnyxApi');
			verdict = verifyTelnyxRequest(publicKeyFrom(credentials.publicKey), ctx.getHeaderData() as Record<string, unknown>, rawBody);
		} catch (error) {
			verdict = { valid: false, reason: (error as Error).message };
		}
	}
	if (!verdict.valid) {
		// Never resumes: the resume URL's token alone is a bearer secret, the signature proves Telnyx
		// sent it. The caller learns nothing about why; the reason goes to n8n's log.
		ctx.logger.warn(`Telnyx Place Call (Wait for Outcome) refused a delivery: ${verdict.reason}`);
		ctx.getResponseObject().status(401).json({ error: 'Invalid signature' });
		return { noWebhookResponse: true };
	}
	const body = (req.body ?? {}) as IDataObject;
	if (isFinalEvent(body)) {
		return { webhookResponse: { received: true }, workflowData: [[{ json: outcomeFromHangup(body), pairedItem: { item: 0 } }]] };
	}
	const data = eventData(body);
	const payload = (data.payload ?? {}) as IDataObject;
	const eventType = String(data.event_type ?? '');
	const callControlId = String(payload.call_control_id ?? '');
	const echoed = decodeCallState(payload.client_state);
	if (!echoed.tracked || !callControlId) return { webhookResponse: { received: true, ignored: eventType || 'unknown event' } };
	if (!decide(echoed.observed, body, eventType).due) return { webhookResponse: { received: true } };
	// The echoed state is the one when Telnyx sent the event: a retried, replayed or late event
	// would undo later notes. The call's current state is read back before anything is written.
	const path = `/calls/${encodeURIComponent(callControlId)}`;
	let current: ReturnType<typeof decodeCallState>;
	try {
		current = decodeCallState((await telnyxRequest<IDataObject>(ctx, { method: 'GET', path, retry: 'idempotent' })).client_state);
	} catch (error) {
		return { webhookResponse: { received: true, stateNotRead: (error as Error).message } };
	}
	const move = decide(current.tracked ? current.observed : echoed.observed, body, eventType);
	if (!move.due) return { webhookResponse: { received: true } };
	const encoded = encodeCallState(current.tracked ? current.user : echoed.user, move.notes);
	// Too long even after dropping old AI turns: keep the state Telnyx has rather than fail the call.
	const clientState = 'reason' in encoded ? undefined : encoded.clientState;
	const action = move.command?.action ?? 'client_state_update';
	if (action === 'client_state_update' && !clientState) return { webhookResponse: { received: true } };
	const commandBody: IDataObject = { ...(move.command?.body ?? {}), ...(clientState ? { client_state: clientState } : {}) };
	// client_state_update takes only client_state (SDK); other commands carry an ID derived from the event.
	if (move.command) commandBody.command_id = commandIdFrom(String(data.id ?? ''), action);
	try {
		await telnyxRequest(ctx, {
			method: action === 'client_state_update' ? 'PUT' : 'POST',
			path: `${path}/actions/${action}`,
			body: commandBody,
			// A command carries its command_id, so a resend is dropped by Telnyx; a state update is the same state again.
			retry: 'idempotent',
		});
	} catch (error) {
		// The call may have ended meanwhile (422 90018): its hang-up resumes the workflow anyway.
		return { webhookResponse: { received: true, commandFailed: action, reason: (error as Error).message } };
	}
	return { webhookResponse: { received: true } };
}
