// POST /v2/calls (Dial, contract §3) and GET /v2/calls/:id (status, contract §4).
import { randomUUID } from 'node:crypto';

import type { SimRequest, SimResponse } from '../../core/server.cts';
import { telnyxError } from './errors.cts';
import type { TelnyxSimulator } from './index.cts';
import { DEDUPE_MS, RETENTION_MS, type SimCall } from './state.cts';
import * as check from './validation.cts';

type Body = Record<string, unknown>;

const AMD = ['premium', 'detect', 'detect_beep', 'detect_words', 'greeting_end', 'disabled'];

function validateDial(body: Body, telnyx: TelnyxSimulator): SimResponse | undefined {
	const to = body.to;
	return check.firstFailure(
		check.required(body, 'connection_id', 'to', 'from'),
		check.e164(body, 'to', true),
		check.e164(body, 'from'),
		Array.isArray(to) && to.some((entry) => String(entry).includes(','))
			? telnyxError(422, '10015', 'Invalid value', 'Digits after a comma are not allowed when dialling several numbers.', '/to')
			: undefined,
		check.range(body, 'timeout_secs', 5, 600),
		check.range(body, 'time_limit_secs', 30, 14400),
		check.oneOf(body, 'answering_machine_detection', AMD),
		check.oneOf(body, 'webhook_url_method', ['POST', 'GET']),
		check.oneOf(body, 'webhook_urls_method', ['POST', 'GET']),
		check.oneOf(body, 'record', ['record-from-answer']),
		check.oneOf(body, 'media_encryption', ['disabled', 'SRTP', 'DTLS']),
		check.boolean(body, 'retry_on_timeout'),
		check.base64(body, 'client_state'),
		check.notBoth(body, 'audio_url', 'media_name'),
		check.maxLength(body, 'from_display_name', 128),
		typeof body.send_digits_on_answer === 'string' && !/^[0-9A-DwW*#]{1,64}$/.test(body.send_digits_on_answer)
			? telnyxError(422, '10015', 'Invalid value', "'send_digits_on_answer' may hold up to 64 of 0-9 A-D w W * #.", '/send_digits_on_answer')
			: undefined,
		body.assistant !== undefined && !(body.assistant as Body)?.id ? check.required({}, 'assistant.id') : undefined,
		validateRetryPolicies(body.webhook_retries_policies),
		// Headers, recording settings, transcription, webhook methods (shared with Answer and Transfer).
		...check.legOptions(body),
		!telnyx.connections.has(String(body.connection_id))
			? telnyxError(422, '10015', 'Invalid value for connection_id', 'No Call Control application has this ID.', '/connection_id')
			: undefined,
		!body.webhook_url && !telnyx.connections.get(String(body.connection_id))?.webhookUrl
			? telnyxError(422, '10015', 'Invalid value for connection_id', 'The Call Control application has no webhook URL.', '/connection_id')
			: undefined,
		body.media_encryption && body.media_encryption !== 'disabled'
			? telnyxError(422, '10011', 'Media encryption not supported for PSTN', undefined, '/media_encryption')
			: undefined,
	);
}

/** At most 5 retries per event, 60 s in all (contract §3). */
function validateRetryPolicies(policies: unknown): SimResponse | undefined {
	if (policies === undefined) return undefined;
	for (const policy of Object.values((policies ?? {}) as Record<string, { retries_ms?: unknown }>)) {
		const retries = policy?.retries_ms;
		const ok = Array.isArray(retries) && retries.length <= 5 && retries.every((ms) => Number.isInteger(ms) && ms >= 0) && retries.reduce((a: number, b: number) => a + b, 0) <= 60000;
		if (!ok) return telnyxError(422, '10033', 'Value outside of range', 'retries_ms allows at most 5 retries and 60000 ms in all.', '/webhook_retries_policies');
	}
	return undefined;
}

/** Dial answers before anything happened, so `is_alive` is false there (contract §3). */
function callData(call: SimCall, fromDial: boolean, now: number): Body {
	const duration = call.startTime
		? Math.round(((call.endTime ? Date.parse(call.endTime) : now) - Date.parse(call.startTime)) / 1000)
		: undefined;
	return {
		record_type: 'call',
		call_control_id: call.callControlId,
		call_leg_id: call.callLegId,
		call_session_id: call.callSessionId,
		is_alive: !fromDial && call.state !== 'ended',
		...(call.clientState ? { client_state: call.clientState } : {}),
		...(call.startTime ? { start_time: call.startTime } : {}),
		...(call.endTime ? { end_time: call.endTime } : {}),
		...(duration !== undefined ? { call_duration: duration } : {}),
		...(fromDial && call.recordingId ? { recording_id: call.recordingId } : {}),
	};
}

export function registerCallRoutes(telnyx: TelnyxSimulator): void {
	const { sim } = telnyx;
	/** Dial command_ids seen in the last 60 s (global, contract §8). */
	const dials = new Map<string, { at: number; response: SimResponse }>();

	sim.route('POST', '/v2/calls', (req: SimRequest) => {
		const denied = telnyx.authorised(req);
		if (denied) return denied;
		const body = (req.body ?? {}) as Body;
		const commandId = typeof body.command_id === 'string' ? body.command_id : undefined;
		const seen = commandId ? dials.get(commandId) : undefined;
		if (seen && sim.clock.now() - seen.at < DEDUPE_MS) return seen.response;
		const now = sim.clock.now();
		// Dials per second (contract §8): dialLimit.cts answers 429 90103 past the limit.
		const limited = telnyx.dialLimit.refusal();
		if (limited) return limited;
		const invalid = validateDial(body, telnyx);
		if (invalid) return invalid;
		telnyx.dialLimit.accept();
		const session = randomUUID();
		const targets = Array.isArray(body.to) ? (body.to as string[]) : [String(body.to)];
		const calls = targets.map((to) => telnyx.createCall(body, to.split(',')[0], session));
		const response: SimResponse = { status: 200, body: { data: callData(calls[0], true, now) } };
		if (commandId) dials.set(commandId, { at: now, response });
		return response;
	});

	sim.route('GET', '/v2/calls/:id', (req: SimRequest) => {
		const denied = telnyx.authorised(req);
		if (denied) return denied;
		const call = telnyx.calls.get(req.params.id);
		if (!call || (call.endedAt !== undefined && sim.clock.now() - call.endedAt > RETENTION_MS)) {
			return telnyxError(422, '90015', 'Invalid Call Control ID', 'The call_control_id is unknown or has expired.', '/call_control_id');
		}
		return { status: 200, body: { data: callData(call, false, sim.clock.now()) } };
	});
}
