import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { jsonParameter } from '../../../shared/items';
import { locatorField } from '../../../shared/locator';
import { encodeClientState } from '../../clientState';

/** Shows a field only for the given operations of the Call resource. */
export function showFor(...operations: string[]): INodeProperties['displayOptions'] {
	return { show: { resource: ['call'], operation: operations } };
}

export function callControlIdField(operation: string): INodeProperties {
	return {
		displayName: 'Call Control ID',
		name: 'callControlId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. v3:T02llQxIyaRkhfRKxgAP8nY511EhFLizdvdUKJiSw8d6A9BborherQ',
		description: 'The call to act on: the Call Control ID from Place Call or from a Telnyx Trigger event',
		displayOptions: showFor(operation),
	};
}

/** Options every command has: the client state Telnyx echoes back and an optional command ID. */
export const commandOptions: INodeProperties[] = [
	{
		displayName: 'Client State',
		name: 'clientState',
		type: 'string',
		default: '',
		description:
			'A JSON object or text echoed in the webhooks that follow (replaces the call\'s current state). The node base64-encodes it; the Telnyx Trigger decodes it.',
	},
	{
		displayName: 'Command ID',
		name: 'commandId',
		type: 'string',
		default: '',
		description:
			'Telnyx ignores a second command with the same ID on the same call for 60 s. Leave empty for a new ID per run; the node always resends the same ID when it retries.',
	},
];

/** Turns the option values into the command's common fields. */
export function commonBody(options: IDataObject): IDataObject {
	const clientState = encodeClientState(options.clientState);
	return {
		...(clientState ? { client_state: clientState } : {}),
		...(options.commandId ? { command_id: String(options.commandId) } : {}),
	};
}

export function callControlId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('callControlId', itemIndex, '')).trim();
	if (!id) {
		throw new NodeOperationError(ctx.getNode(), 'Call Control ID is empty', {
			itemIndex,
			description: `Item ${itemIndex}: map the call_control_id from Place Call or from a Telnyx Trigger event into "Call Control ID".`,
		});
	}
	return id;
}

export function options(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/**
 * Maps option names to API field names, keeping only the options the user added, so Telnyx
 * applies its own defaults to the others.
 */
export function pick(source: IDataObject, mapping: Record<string, string>): IDataObject {
	const body: IDataObject = {};
	for (const [option, field] of Object.entries(mapping)) {
		if (source[option] !== undefined && source[option] !== '') body[field] = source[option];
	}
	return body;
}

/** A JSON option (voice settings, AMD config…) parsed with a message naming the field. */
export function jsonOption(ctx: IExecuteFunctions, source: IDataObject, option: string, label: string, itemIndex: number): IDataObject | undefined {
	if (source[option] === undefined || source[option] === '') return undefined;
	return jsonParameter(ctx, label, source[option], itemIndex);
}

/** The DTMF fields shared by the three gather commands, with the contract's defaults (§5.1–5.3). */
export function digitOptions(withGatherTimeouts: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{ displayName: 'Minimum Digits', name: 'minimumDigits', type: 'number', typeOptions: { minValue: 1, maxValue: 128 }, default: 1, description: 'Fewest digits to collect' },
		{ displayName: 'Maximum Digits', name: 'maximumDigits', type: 'number', typeOptions: { minValue: 1, maxValue: 128 }, default: 128, description: 'Most digits to collect' },
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMillis',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60000,
			description: withGatherTimeouts ? 'Time allowed for the whole gather' : 'How long to wait after the prompt before playing it again',
		},
		{ displayName: 'Inter-Digit Timeout (Ms)', name: 'interDigitTimeoutMillis', type: 'number', typeOptions: { minValue: 0 }, default: 5000, description: 'Longest pause allowed between two digits' },
		{ displayName: 'Terminating Digit', name: 'terminatingDigit', type: 'string', default: '#', description: 'The key that ends the input. Clear the field to disable it.' },
		{ displayName: 'Valid Digits', name: 'validDigits', type: 'string', default: '0123456789#*', description: 'Keys accepted; any other key makes the gather invalid' },
	];
	if (withGatherTimeouts) {
		fields.push(
			{ displayName: 'Initial Timeout (Ms)', name: 'initialTimeoutMillis', type: 'number', typeOptions: { minValue: 0 }, default: 5000, description: 'How long to wait for the first digit' },
			{ displayName: 'Gather ID', name: 'gatherId', type: 'string', default: '', description: 'Your ID for this gather (1–40 characters), echoed in call.gather.ended. Random when empty.' },
		);
	} else {
		fields.push({ displayName: 'Maximum Tries', name: 'maximumTries', type: 'number', typeOptions: { minValue: 1 }, default: 3, description: 'How many times the prompt plays when the input is invalid or missing' });
	}
	return fields;
}

export const DIGIT_FIELDS: Record<string, string> = {
	minimumDigits: 'minimum_digits',
	maximumDigits: 'maximum_digits',
	timeoutMillis: 'timeout_millis',
	interDigitTimeoutMillis: 'inter_digit_timeout_millis',
	validDigits: 'valid_digits',
	initialTimeoutMillis: 'initial_timeout_millis',
	gatherId: 'gather_id',
	maximumTries: 'maximum_tries',
};

/** `terminating_digit` may be "" on purpose (disables it), so it is not dropped when empty. */
export function digitBody(source: IDataObject): IDataObject {
	return {
		...pick(source, DIGIT_FIELDS),
		...(source.terminatingDigit !== undefined ? { terminating_digit: String(source.terminatingDigit) } : {}),
	};
}

/** Languages for text-to-speech (contract §5.2). */
export const SPEAK_LANGUAGES = 'arb cmn-CN cy-GB da-DK de-DE en-AU en-GB en-GB-WLS en-IN en-US es-ES es-MX es-US fr-CA fr-FR hi-IN is-IS it-IT ja-JP ko-KR nb-NO nl-NL pl-PL pt-BR pt-PT ro-RO ru-RU sv-SE tr-TR'
	.split(' ')
	.map((code) => ({ name: code, value: code }));

/** Speech options shared by Speak and Gather Using Speak (contract §5.2, §5.9). */
export const speechOptions: INodeProperties[] = [
	{
		displayName: 'Payload Type',
		name: 'payloadType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'SSML', value: 'ssml' },
		],
		default: 'text',
		description: 'Whether the text is plain text or SSML',
	},
	{
		displayName: 'Service Level',
		name: 'serviceLevel',
		type: 'options',
		options: [
			{ name: 'Premium', value: 'premium' },
			{ name: 'Basic', value: 'basic' },
		],
		default: 'premium',
		description: 'Basic supports only en-US text, and also allows "male" or "female" as voice',
	},
	{ displayName: 'Language', name: 'language', type: 'options', options: SPEAK_LANGUAGES, default: 'en-US', description: 'Language of the text (ignored by AWS Polly voices)' },
	{ displayName: 'Voice Settings (JSON)', name: 'voiceSettings', type: 'json', default: '{}', description: 'Provider settings, e.g. {"type": "telnyx", "voice_speed": 1.2}' },
];

export const SPEECH_FIELDS: Record<string, string> = { payloadType: 'payload_type', serviceLevel: 'service_level', language: 'language' };

/** The voice: picked from the voices the SDK names, or typed as `<Provider>.<Model>.<VoiceId>`. */
export function voiceField(operation: string, required: boolean): INodeProperties {
	return locatorField({
		displayName: 'Voice',
		name: 'voice',
		searchListMethod: 'searchVoices',
		idLabel: 'Voice',
		idPlaceholder: 'e.g. AWS.Polly.Joanna-Neural',
		required,
		defaultValue: 'Telnyx.KokoroTTS.af',
		description: 'Voice as Provider.Model.VoiceId, e.g. Telnyx.KokoroTTS.af, AWS.Polly.Joanna-Neural or ElevenLabs.eleven_multilingual_v2.&lt;voice ID&gt;',
		displayOptions: showFor(operation),
	});
}

/** Which side of a bridged call hears a speak or a playback (Speak and Start Playback share it). */
export const targetLegsOption: INodeProperties = {
	displayName: 'Target Legs',
	name: 'targetLegs',
	type: 'options',
	options: [
		{ name: 'Self', value: 'self' },
		{ name: 'Opposite', value: 'opposite' },
		{ name: 'Both', value: 'both' },
	],
	default: 'self',
	description: 'Which side of a bridged call hears it',
};
