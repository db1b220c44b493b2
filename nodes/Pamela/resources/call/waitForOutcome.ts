import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { timeoutOutcome, type CallOutcome } from '../../../shared/outcome';
import { attempt, Deadline, PollBackoff, pollFailure, type WaitSettings } from '../../../shared/outcomeWait';
import { readTranscript } from '../../../shared/transcript';
import { cancellableSleep } from '../../../shared/wait';
import { isFinalStatus, outcomeFromCall } from '../../outcome';
import { pamelaRequest, segment } from '../../transport';

/** What Wait for Outcome outputs: the one outcome shape, and whether the transcript was still missing. */
export type PamelaOutcomeItem = CallOutcome & { transcriptPending: boolean };

/**
 * A call that connected but whose transcript is not there yet. It lags the end by a few
 * seconds (contract §4; the demo refetches after 3 s); a call that never connected has none.
 */
function transcriptLagging(call: IDataObject): boolean {
	const connected = call.status === 'completed' || !!call.started_at;
	return connected && readTranscript(call.transcript).length === 0;
}

/**
 * Polls `GET /calls/{id}` until the call has a final status and, if it connected, a
 * transcript (Pamela has no per-call webhook, contract §3). Checks back off from about the
 * ring time to a cap (PollBackoff); a missing transcript gets a grace of 6 polls at the base
 * interval, then the outcome goes out with `transcriptPending: true`. Past the Maximum Wait the
 * outcome is `timeout` with what was known; Stop ends the wait at once. A lost poll (5xx,
 * network) is tolerated until the deadline; a 4xx fails the item, naming the call.
 */
export async function waitForPamelaOutcome(
	ctx: IExecuteFunctions,
	itemIndex: number,
	created: IDataObject,
	metadata: IDataObject | undefined,
	settings: WaitSettings,
): Promise<PamelaOutcomeItem> {
	const callId = String(created.id ?? '');
	const signal = ctx.getExecutionCancelSignal();
	const deadline = new Deadline(settings.maxWaitMs);
	const backoff = new PollBackoff(settings.pollMs);
	const correlation = (outcome: CallOutcome): CallOutcome => ({ ...outcome, correlation: metadata ?? outcome.correlation });
	let call: IDataObject = created;
	let graceEnds: number | undefined;
	let delay = backoff.next();
	let lastError: string | undefined;

	while (!deadline.passed) {
		await cancellableSleep(Math.min(delay, deadline.left()), signal);
		const checked = await attempt(async () => await pamelaRequest<IDataObject>(ctx, { method: 'GET', path: `/calls/${segment(callId)}`, itemIndex }));
		if (!checked.ok) {
			lastError = pollFailure(ctx, itemIndex, checked.error, `call ${callId} was placed, but reading its status failed, so its outcome is unknown. Check it with Call > Get (Call ID ${callId}); do not place it again.`);
			delay = backoff.next();
			continue;
		}
		call = checked.value;
		lastError = undefined;
		if (isFinalStatus(call.status)) {
			const lagging = transcriptLagging(call);
			if (!lagging) return { ...correlation(outcomeFromCall(call)), transcriptPending: false };
			graceEnds ??= Date.now() + 6 * settings.pollMs;
			if (Date.now() >= graceEnds || deadline.passed) return { ...correlation(outcomeFromCall(call)), transcriptPending: true };
			delay = Math.min(settings.pollMs, graceEnds - Date.now());
			continue;
		}
		delay = backoff.next();
	}
	// The call had ended by an earlier check, but a later one (in the transcript grace) failed.
	if (isFinalStatus(call.status)) return { ...correlation(outcomeFromCall(call)), transcriptPending: transcriptLagging(call) };
	const known = timeoutOutcome(correlation(outcomeFromCall({ ...call, id: call.id ?? callId })), Math.round(settings.maxWaitMs / 1000));
	if (lastError) known.reason = `${known.reason ?? ''}; the last status check failed: ${lastError}`;
	return { ...known, transcriptPending: false };
}
