import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { normalisePhone } from '../../../shared/items';
import { toE164 } from '../../../shared/phone';
import { encodeClientState } from '../../clientState';
import { callCommand } from '../../transport';
import { muteDtmfOption, parkAfterUnbridgeOption } from './bridge';
import { headerOptions, headersBody, oneAudioSource, recordingBody, recordingOptions, recordOption } from './callOptions';
import { callControlId, callControlIdField, commandOptions, commonBody, options, pick, showFor } from './common';
import { dialTargets } from './dialTargets';
import { webhookBody, webhookOptions } from './webhookOptions';

const OPERATION = 'transfer';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155550123',
		description: 'Number (E.164) or SIP URI to connect the caller to. A comma and DTMF after the number are sent once it answers, e.g. +18004247767,200.',
		displayOptions: showFor(OPERATION),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: ([
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
				description: 'Whether to detect voicemail on the new leg; results arrive as call.machine.* events',
			},
			{ displayName: 'Audio URL on Answer', name: 'audioUrl', type: 'string', default: '', description: 'MP3 or WAV played to the destination when it answers, before the calls are connected' },
			{ displayName: 'Default Country', name: 'defaultCountry', type: 'string', default: '', placeholder: 'e.g. US', description: 'Two-letter country for numbers written without +country code' },
			{ displayName: 'Early Media', name: 'earlyMedia', type: 'boolean', default: true, description: 'Whether the caller hears the destination ringing' },
			{ displayName: 'From', name: 'from', type: 'string', default: '', placeholder: 'e.g. +14155550100', description: 'Caller ID shown to the destination. Empty: the number the caller dialled.' },
			{ displayName: 'From Display Name', name: 'fromDisplayName', type: 'string', default: '', description: 'Caller name shown to the destination (up to 128 characters)' },
			{ displayName: 'Media Name on Answer', name: 'mediaName', type: 'string', default: '', description: 'A file in Telnyx Media Storage played to the destination when it answers, instead of Audio URL on Answer' },
			muteDtmfOption,
			{ ...parkAfterUnbridgeOption, description: 'Whether the caller stays up (parked) when the destination hangs up, instead of being hung up' },
			{ displayName: 'Ring Timeout (Seconds)', name: 'timeoutSecs', type: 'number', typeOptions: { minValue: 5, maxValue: 600 }, default: 30, description: 'How long the destination rings before the transfer is given up (the caller stays on the line)' },
			{ displayName: 'Send Digits on Answer', name: 'sendDigitsOnAnswer', type: 'string', default: '', description: 'DTMF sent when the destination answers: 0-9, A-D, *, #, w, W, at most 64' },
			{ displayName: 'New Leg Client State', name: 'targetLegClientState', type: 'string', default: '', description: 'A JSON object or text echoed in the new leg\'s webhooks (base64-encoded by the node)' },
			{ displayName: 'Time Limit (Seconds)', name: 'timeLimitSecs', type: 'number', typeOptions: { minValue: 30, maxValue: 14400 }, default: 14400, description: 'Longest the new leg may last' },
			...headerOptions,
			recordOption,
			...recordingOptions,
			...webhookOptions,
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** The one destination in E.164 (SIP URIs pass) and digits to send on answer; names the field on failure. */
function destination(ctx: IExecuteFunctions, itemIndex: number, opts: IDataObject): { to: string; digits?: string } {
	const country = opts.defaultCountry ? String(opts.defaultCountry) : undefined;
	const read = normalisePhone(ctx, 'To', itemIndex, () => dialTargets(ctx.getNodeParameter('to', itemIndex, ''), opts.sendDigitsOnAnswer, country));
	if ('problem' in read) {
		const { field, message, fix } = read.problem;
		throw new NodeOperationError(ctx.getNode(), `${field}: ${message}`, { itemIndex, description: `Item ${itemIndex}, field "${field}": ${fix}.` });
	}
	if (Array.isArray(read.to)) {
		throw new NodeOperationError(ctx.getNode(), 'To: a transfer goes to one destination', { itemIndex, description: `Item ${itemIndex}, field "To": give one number or SIP URI.` });
	}
	return { to: read.to, ...(read.digits ? { digits: read.digits } : {}) };
}

/**
 * Dials a new leg and connects the caller to it when it answers (SDK `actions.transfer`):
 * call.initiated, call.answered or call.hangup for the new leg, and call.bridged. If the
 * destination does not answer the original call stays up and can take other commands.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = callControlId(this, itemIndex);
	const opts = options(this, itemIndex);
	const { to, digits } = destination(this, itemIndex, opts);
	const country = opts.defaultCountry ? String(opts.defaultCountry) : undefined;
	const from = opts.from ? normalisePhone(this, 'From', itemIndex, () => toE164(opts.from, country)) : undefined;
	const targetState = encodeClientState(opts.targetLegClientState);
	const body: IDataObject = {
		to,
		...(from ? { from } : {}),
		...pick(opts, {
			answeringMachineDetection: 'answering_machine_detection',
			earlyMedia: 'early_media',
			fromDisplayName: 'from_display_name',
			muteDtmf: 'mute_dtmf',
			timeoutSecs: 'timeout_secs',
			timeLimitSecs: 'time_limit_secs',
		}),
		...oneAudioSource(this, itemIndex, opts.audioUrl, opts.mediaName, ['Audio URL on Answer', 'Media Name on Answer'], false),
		...(digits ? { send_digits_on_answer: digits } : {}),
		...(opts.parkAfterUnbridge ? { park_after_unbridge: 'self' } : {}),
		...(targetState ? { target_leg_client_state: targetState } : {}),
		...headersBody(this, itemIndex, opts),
		...recordingBody(this, itemIndex, opts),
		...webhookBody(this, itemIndex, opts),
		...commonBody(opts),
	};
	return { ...(await callCommand(this, itemIndex, id, 'transfer', body)), to };
}
