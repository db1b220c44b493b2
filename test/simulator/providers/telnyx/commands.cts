// POST /v2/calls/:id/actions/:action (contract §5): validation, state checks, command_id
// de-duplication for 60 s, then the command's effect on the call.
import { randomUUID } from 'node:crypto';

import type { SimRequest, SimResponse } from '../../core/server.cts';
import { telnyxError } from './errors.cts';
import type { TelnyxSimulator } from './index.cts';
import { DEDUPE_MS, type SimCall } from './state.cts';
import { IVR_VALIDATORS } from './ivr.cts';
import * as check from './validation.cts';

type Body = Record<string, unknown>;

const LANGUAGES = 'arb cmn-CN cy-GB da-DK de-DE en-AU en-GB en-GB-WLS en-IN en-US es-ES es-MX es-US fr-CA fr-FR hi-IN is-IS it-IT ja-JP ko-KR nb-NO nl-NL pl-PL pt-BR pt-PT ro-RO ru-RU sv-SE tr-TR'.split(' ');

function digitChecks(body: Body): check.Check[] {
	return [
		check.range(body, 'minimum_digits', 1, 128),
		check.range(body, 'maximum_digits', 1, 128),
		check.range(body, 'timeout_millis', 0, 3_600_000),
		check.range(body, 'inter_digit_timeout_millis', 0, 3_600_000),
		check.range(body, 'initial_timeout_millis', 0, 3_600_000),
		check.range(body, 'maximum_tries', 1, 10),
		check.maxLength(body, 'terminating_digit', 1),
		check.maxLength(body, 'gather_id', 40),
	];
}

function speechChecks(body: Body): check.Check[] {
	return [
		check.required(body, 'payload', 'voice'),
		check.maxLength(body, 'payload', 3000),
		check.oneOf(body, 'payload_type', ['text', 'ssml']),
		check.oneOf(body, 'service_level', ['basic', 'premium']),
		check.oneOf(body, 'language', LANGUAGES),
	];
}

function messagesCheck(body: Body, field: string, roles: string[]): check.Check {
	const messages = body[field];
	if (messages === undefined) return undefined;
	const ok = Array.isArray(messages) && messages.every((m) => m && typeof m === 'object' && roles.includes((m as Body).role as string));
	return ok ? undefined : telnyxError(422, '10032', 'Invalid enumerated value', `Each entry of '${field}' needs a role among ${roles.join(', ')}.`, `/${field}`);
}

/** `parameters` must be a JSON Schema for an object with properties (contract §5.5). */
function schemaCheck(body: Body): check.Check {
	const schema = body.parameters as Body | undefined;
	const properties = schema?.properties;
	const ok = schema && typeof schema === 'object' && schema.type === 'object' && properties && typeof properties === 'object' && !Array.isArray(properties);
	return ok ? undefined : telnyxError(422, '10015', 'Invalid value for parameters', "'parameters' must be a JSON Schema with type object and properties.", '/parameters');
}

const VALIDATORS: Record<string, (body: Body) => check.Check[]> = {
	gather: (body) => digitChecks(body),
	gather_using_speak: (body) => [...speechChecks(body), ...digitChecks(body), check.maxLength(body, 'invalid_payload', 3000)],
	gather_using_audio: (body) => [
		body.audio_url === undefined && body.media_name === undefined ? check.required(body, 'audio_url') : undefined,
		check.notBoth(body, 'audio_url', 'media_name'),
		check.notBoth(body, 'invalid_audio_url', 'invalid_media_name'),
		...digitChecks(body),
	],
	gather_stop: () => [],
	gather_using_ai: (body) => [
		check.required(body, 'parameters'),
		schemaCheck(body),
		check.maxLength(body, 'greeting', 3000),
		check.maxLength(body, 'gather_ended_speech', 3000),
		messagesCheck(body, 'message_history', ['assistant', 'user']),
		check.boolean(body, 'send_partial_results'),
		check.boolean(body, 'send_message_history_updates'),
		check.range(body, 'user_response_timeout_ms', 0, 3_600_000),
	],
	ai_assistant_start: (body) => [
		!(body.assistant as Body | undefined)?.id ? check.required({}, 'assistant.id') : undefined,
		check.maxLength(body, 'greeting', 3000),
		messagesCheck(body, 'message_history', ['assistant', 'user', 'system', 'developer', 'tool']),
	],
	ai_assistant_stop: () => [],
	ai_assistant_add_messages: (body) => [check.required(body, 'messages'), messagesCheck(body, 'messages', ['assistant', 'user', 'system', 'developer', 'tool'])],
	speak: (body) => [
		...speechChecks(body),
		body.loop !== undefined && body.loop !== 'infinity' && !(Number.isInteger(body.loop) && (body.loop as number) >= 1)
			? telnyxError(422, '10033', 'Value outside of range', "'loop' must be a whole number from 1, or \"infinity\".", '/loop')
			: undefined,
		check.oneOf(body, 'stop', ['current', 'all']),
		check.oneOf(body, 'target_legs', ['self', 'opposite', 'both']),
	],
	hangup: () => [],
};

const ok = (extra: Body = {}): SimResponse => ({ status: 200, body: { data: { result: 'ok', ...extra } } });

export function registerCommandRoutes(telnyx: TelnyxSimulator): void {
	// SDK calls.actions.updateClientState: PUT with only `client_state`; replaces what later webhooks echo.
	telnyx.sim.route('PUT', '/v2/calls/:id/actions/client_state_update', (req: SimRequest) => {
		const denied = telnyx.authorised(req);
		if (denied) return denied;
		const call = telnyx.calls.get(req.params.id);
		if (!call) return telnyxError(422, '90015', 'Invalid Call Control ID', 'The call_control_id is unknown or garbled.', '/call_control_id');
		if (call.state === 'ended') return telnyxError(422, '90018', 'Call has already ended', 'This call is no longer active and can\'t receive commands.');
		const body = (req.body ?? {}) as Body;
		const invalid = check.firstFailure(check.required(body, 'client_state'), check.base64(body, 'client_state'));
		if (invalid) return invalid;
		call.executed.push({ action: 'client_state_update', body });
		call.clientState = String(body.client_state);
		return ok();
	});
	telnyx.sim.route('POST', '/v2/calls/:id/actions/:action', (req: SimRequest) => {
		const denied = telnyx.authorised(req);
		if (denied) return denied;
		const validate = VALIDATORS[req.params.action] ?? IVR_VALIDATORS[req.params.action];
		if (!validate) return telnyxError(404, '10005', 'Resource not found', `Unknown command ${req.params.action}.`);
		const call = telnyx.calls.get(req.params.id);
		if (!call) return telnyxError(422, '90015', 'Invalid Call Control ID', 'The call_control_id is unknown or garbled.', '/call_control_id');
		const body = (req.body ?? {}) as Body;
		const commandId = typeof body.command_id === 'string' ? body.command_id : undefined;
		const seen = commandId ? call.commands.get(commandId) : undefined;
		// A repeated command_id is ignored: same answer, no second effect (contract §5).
		if (seen && telnyx.sim.clock.now() - seen.at < DEDUPE_MS) return seen.response;
		const response = run(telnyx, call, req.params.action, body, validate);
		if (commandId && response.status === 200) call.commands.set(commandId, { at: telnyx.sim.clock.now(), response });
		return response;
	});
}

function run(telnyx: TelnyxSimulator, call: SimCall, action: string, body: Body, validate: (body: Body) => check.Check[]): SimResponse {
	if (call.state === 'ended') return telnyxError(422, '90018', 'Call has already ended', 'This call is no longer active and can\'t receive commands.');
	const invalid = check.firstFailure(check.base64(body, 'client_state'), ...validate(body));
	if (invalid) return invalid;
	// Answer, Reject, Transfer, Bridge, playback, recording, transcription, DTMF: ivr.cts.
	const ivr = telnyx.ivr.run(call, action, body);
	if (ivr) return ivr;
	if (call.state !== 'answered' && action !== 'hangup') {
		return telnyxError(422, '90034', 'Call not answered yet', 'This command can only be sent after the call is answered.');
	}
	if ((action === 'gather_using_ai' || action === 'ai_assistant_start') && call.ai) {
		return telnyxError(422, '90061', 'AI Assistant is already in progress', 'Stop the running AI assistant or gather first.');
	}
	call.executed.push({ action, commandId: body.command_id as string | undefined, body });
	if (typeof body.client_state === 'string') call.clientState = body.client_state;
	const life = telnyx.lifecycle;
	switch (action) {
		case 'gather':
		case 'gather_using_speak':
		case 'gather_using_audio':
			life.gather(call, action, body);
			return ok();
		case 'gather_stop':
			life.finishGather(call, '', 'cancelled');
			return ok();
		case 'gather_using_ai': {
			const conversationId = randomUUID();
			life.aiGather(call, body, conversationId);
			return ok({ conversation_id: conversationId });
		}
		case 'ai_assistant_start': {
			const conversationId = randomUUID();
			life.startAssistant(call, conversationId, String((body.assistant as Body).id));
			return ok({ conversation_id: conversationId });
		}
		case 'ai_assistant_stop':
			life.finishAi(call, 'assistant_stopped');
			return ok();
		case 'speak':
			life.speak(call, body);
			return ok();
		case 'hangup':
			// Our side hangs up: the caller of an outgoing call, the callee of an incoming one.
			life.end(call, call.state === 'answered' ? 'normal_clearing' : 'originator_cancel', call.direction === 'incoming' ? 'callee' : 'caller', call.state === 'answered' ? '16' : '487');
			return ok();
		default:
			return ok();
	}
}
