import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { concurrencyOption, concurrencyReader, maxRateLimitWaitMs, maxRateLimitWaitOption } from '../../../shared/campaign';
import { normalisePhone } from '../../../shared/items';
import { locatorParameter, locatorValue } from '../../../shared/locator';
import { toE164 } from '../../../shared/phone';
import { encodeClientState } from '../../clientState';
import { DEFAULT_DIALS_PER_SECOND, dialPacer } from '../../dialPacer';
import { assistantField, connectionField, fromField } from '../../locators';
import { COMMAND_ID_RESENDS, commandIdFor, telnyxRequest } from '../../transport';
import { headerOptions, headersBody, oneAudioSource, recordingBody, recordingOptions, transcriptionBody, transcriptionOptions } from './callOptions';
import { jsonOption, pick, showFor } from './common';
import { dialTargets } from './dialTargets';
import { perEventUrls, webhookDeliveryBody, webhookDeliveryOptions, webhookUrlOption, webhookUrlsOption } from './webhookOptions';

const show = showFor('placeCall');

/**
 * Dials at once. Place Call returns as soon as Telnyx accepts the dial, so this bounds
 * requests in flight, not live calls; 10 reaches the 30 dials/s pace at up to ~300 ms per
 * request, and the pacer below, not this, keeps the account's dial rate.
 */
const DEFAULT_CONCURRENCY = 10;
export const concurrency = concurrencyReader(DEFAULT_CONCURRENCY);

export const description: INodeProperties[] = [
	connectionField(show),
	fromField(show),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155550123',
		description:
			'Number to call, or several separated by commas, semicolons or new lines to ring them all at once. SIP URIs (sip:…) are passed with their ;parameters. One number may be followed by a comma and DTMF to send on answer, e.g. +14155550123,ww1234#: the part after the comma counts as digits when it is the only other part, is not itself a phone number, and holds only 0-9, A-D, *, #, w and W.',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: ([
			// Headers, recording settings, transcription and webhook delivery: shared with Answer and Transfer.
			...headerOptions,
			...recordingOptions,
			...transcriptionOptions,
			...webhookDeliveryOptions,
			assistantField(false, 'AI Assistant', 'Start this stored AI assistant when the call is answered'),
			{ displayName: 'AI Assistant Overrides', name: 'assistantOverrides', type: 'json', default: '{}', description: 'Overrides for the assistant, e.g. {"instructions": "…", "greeting": "Hi {{name}}", "dynamic_variables": {"name": "Ana"}}' },
			{
				displayName: 'Answering Machine Detection',
				name: 'answeringMachineDetection',
				type: 'options',
				options: [
					{ name: 'Detect', value: 'detect' },
					{ name: 'Detect Beep', value: 'detect_beep' },
					{ name: 'Detect Words', value: 'detect_words' },
					{ name: 'Disabled', value: 'disabled' },
					{ name: 'Greeting End', value: 'greeting_end' },
					{ name: 'Premium', value: 'premium' },
				],
				default: 'disabled',
				description: 'Whether to detect voicemail; results arrive as call.machine.* events',
			},
			{ displayName: 'Answering Machine Detection Config (JSON)', name: 'answeringMachineDetectionConfig', type: 'json', default: '{}', description: 'Thresholds in ms, e.g. {"total_analysis_time_millis": 3500, "greeting_duration_millis": 3500}' },
			{ displayName: 'Audio URL on Answer', name: 'audioUrl', type: 'string', default: '', description: 'MP3 or WAV played when the call is answered' },
			{ displayName: 'Client State', name: 'clientState', type: 'string', default: '', description: 'A JSON object or text echoed in every webhook of this call. The node base64-encodes it; the Telnyx Trigger decodes it.' },
			{ displayName: 'Command ID', name: 'commandId', type: 'string', default: '', description: 'Telnyx ignores a second dial with the same ID. Leave empty for a new ID per item; retries always reuse it.' },
			concurrencyOption(DEFAULT_CONCURRENCY),
			{ displayName: 'Default Country', name: 'defaultCountry', type: 'string', default: '', placeholder: 'e.g. US', description: 'Two-letter country for numbers written without +country code' },
			{
				displayName: 'Dial Rate Limit (Calls per Second)',
				name: 'dialRateLimit',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 2 },
				default: DEFAULT_DIALS_PER_SECOND,
				description:
					'Telnyx refuses dials past 30 per second per account, counted over any 5 s (150 in 5 s). The node spaces its dials to stay within this rate instead of being refused. Enter your limit if Telnyx changed it for your account; 0 turns pacing off.',
			},
			{ displayName: 'From Display Name', name: 'fromDisplayName', type: 'string', default: '', description: 'Caller name (up to 128 characters)' },
			maxRateLimitWaitOption(),
			{ displayName: 'Media Name on Answer', name: 'mediaName', type: 'string', default: '', description: 'Name of a file uploaded to Telnyx Media Storage, played when the call is answered' },
			{ displayName: 'Record', name: 'record', type: 'boolean', default: false, description: 'Whether to record the call from the moment it is answered' },
			{ displayName: 'Retry on Timeout', name: 'retryOnTimeout', type: 'boolean', default: true, description: 'Whether an unanswered call ends with cause "timeout" (true) or "no_answer" (false)' },
			{ displayName: 'Ring Timeout (Seconds)', name: 'timeoutSecs', type: 'number', typeOptions: { minValue: 5, maxValue: 600 }, default: 30, description: 'How long the phone rings before the call is given up' },
			{ displayName: 'Send Digits on Answer', name: 'sendDigitsOnAnswer', type: 'string', default: '', description: 'DTMF sent when answered: 0-9, A-D, *, #, w (0.5 s pause), W (1 s pause), at most 64. Digits after a comma in To go here too.' },
			{ displayName: 'Time Limit (Seconds)', name: 'timeLimitSecs', type: 'number', typeOptions: { minValue: 30, maxValue: 14400 }, default: 14400, description: 'Longest the call may last' },
			webhookUrlOption,
			webhookUrlsOption,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** The targets in E.164 (SIP URIs pass through) and the digits to send on answer; names item and field on failure. */
export function targets(ctx: IExecuteFunctions, itemIndex: number, country: string | undefined, sendDigits: unknown): { to: string | string[]; digits?: string } {
	const read = normalisePhone(ctx, 'To', itemIndex, () => dialTargets(ctx.getNodeParameter('to', itemIndex, ''), sendDigits, country));
	if (!('problem' in read)) return read;
	const { field, message, fix } = read.problem;
	throw new NodeOperationError(ctx.getNode(), `${field}: ${message}`, { itemIndex, description: `Item ${itemIndex}, field "${field}": ${fix}.` });
}

/** `overrides` are Dial fields set by Wait for Outcome (webhook_url, client_state, retries), applied last. */
export async function execute(this: IExecuteFunctions, itemIndex: number, overrides: IDataObject = {}): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = options.defaultCountry ? String(options.defaultCountry) : undefined;
	const { to, digits } = targets(this, itemIndex, country, options.sendDigitsOnAnswer);
	const from = normalisePhone(this, 'From', itemIndex, () => toE164(locatorParameter(this, 'from', itemIndex), country));
	const clientState = encodeClientState(options.clientState);
	const commandId = commandIdFor(options.commandId);
	const assistantOverrides = jsonOption(this, options, 'assistantOverrides', 'AI Assistant Overrides', itemIndex);
	const amdConfig = jsonOption(this, options, 'answeringMachineDetectionConfig', 'Answering Machine Detection Config', itemIndex);
	const delivery = webhookDeliveryBody(this, itemIndex, options);
	const urls = perEventUrls(options);
	const body: IDataObject = {
		connection_id: locatorParameter(this, 'connectionId', itemIndex),
		to,
		from,
		command_id: commandId,
		...pick(options, {
			webhookUrl: 'webhook_url',
			timeoutSecs: 'timeout_secs',
			retryOnTimeout: 'retry_on_timeout',
			timeLimitSecs: 'time_limit_secs',
			answeringMachineDetection: 'answering_machine_detection',
			fromDisplayName: 'from_display_name',
		}),
		...(digits ? { send_digits_on_answer: digits } : {}),
		...(clientState ? { client_state: clientState } : {}),
		...(urls ? { webhook_urls: urls } : {}),
		...(amdConfig && Object.keys(amdConfig).length ? { answering_machine_detection_config: amdConfig } : {}),
		...oneAudioSource(this, itemIndex, options.audioUrl, options.mediaName, ['Audio URL on Answer', 'Media Name on Answer'], false),
		...recordingBody(this, itemIndex, options),
		...headersBody(this, itemIndex, options),
		...transcriptionBody(this, itemIndex, options),
		...delivery,
		...(locatorValue(options.assistantId) ? { assistant: { ...assistantOverrides, id: locatorValue(options.assistantId) } } : {}),
		...overrides,
	};
	// Wait for Outcome's resume URL takes POST only; its retry policies win for its events, the user's stay for others.
	if (overrides.webhook_url) delete body.webhook_url_method;
	if (overrides.webhook_retries_policies && delivery.webhook_retries_policies) {
		body.webhook_retries_policies = { ...(delivery.webhook_retries_policies as IDataObject), ...(overrides.webhook_retries_policies as IDataObject) };
	}
	// The body carries command_id, so Telnyx drops a second copy inside its window: a lost reply can be resent.
	const pacer = dialPacer(this, Number(options.dialRateLimit ?? DEFAULT_DIALS_PER_SECOND));
	const signal = this.getExecutionCancelSignal();
	const call = await telnyxRequest<IDataObject>(this, {
		method: 'POST',
		path: '/calls',
		body,
		itemIndex,
		retry: 'idempotent',
		...COMMAND_ID_RESENDS,
		rateLimitWaitMs: maxRateLimitWaitMs(this, itemIndex),
		beforeSend: pacer ? async () => await pacer.acquire(signal) : undefined,
		lostReplyHint:
			`Telnyx may have placed the call to ${Array.isArray(to) ? to.join(', ') : to}: no answer came back to the dial (Command ID ${commandId}). ` +
			'Telnyx drops a repeated dial only within 60 s, so it was not sent again. Check the call in the Telnyx portal (Debugging → Call Events) before running again.',
	});
	return {
		callControlId: call.call_control_id,
		callLegId: call.call_leg_id,
		callSessionId: call.call_session_id,
		isAlive: call.is_alive,
		...(call.recording_id ? { recordingId: call.recording_id } : {}),
		to,
		from,
		commandId,
		clientState: options.clientState === '' ? undefined : options.clientState,
	};
}
