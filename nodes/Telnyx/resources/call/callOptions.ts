import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { locatorValue } from '../../../shared/locator';
import { assistantField } from '../../locators';
import { jsonOption, pick } from './common';

/**
 * Options that Place Call, Answer and Transfer share (SDK `calls.d.ts` CallDialParams,
 * `actions.d.ts` ActionAnswerParams / ActionTransferParams): SIP headers, recording from
 * answer, transcription, audio and AI assistant on answer. Webhook options: webhookOptions.ts.
 */

/** Fails the item naming the option and the fix. */
export function refuseOption(ctx: IExecuteFunctions, itemIndex: number, option: string, message: string, fix: string): never {
	throw new NodeOperationError(ctx.getNode(), `${option}: ${message}`, { itemIndex, description: `Item ${itemIndex}, option "${option}": ${fix}.` });
}

export const headerOptions: INodeProperties[] = [
	{
		displayName: 'Custom SIP Headers',
		name: 'customHeaders',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Headers added to the SIP message (e.g. X-Customer-ID)',
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. X-Customer-ID' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{ displayName: 'User-to-User SIP Header', name: 'userToUser', type: 'string', default: '', description: 'Value of the User-to-User SIP header (the only SIP header Telnyx accepts in sip_headers)' },
];

export function headersBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const entries = ((options.customHeaders as IDataObject | undefined)?.header ?? []) as Array<{ name?: string; value?: string }>;
	const headers = entries.map(({ name, value }) => ({ name: String(name ?? '').trim(), value: String(value ?? '') }));
	const nameless = headers.findIndex((header) => header.name === '');
	if (nameless >= 0) refuseOption(ctx, itemIndex, 'Custom SIP Headers', `header ${nameless + 1} has no name`, 'give every header a name such as X-Customer-ID, or remove it');
	const bad = headers.find((header) => !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header.name));
	if (bad) refuseOption(ctx, itemIndex, 'Custom SIP Headers', `"${bad.name}" is not a valid SIP header name`, 'use letters, digits and dashes only, e.g. X-Customer-ID');
	const userToUser = String(options.userToUser ?? '');
	return {
		...(headers.length ? { custom_headers: headers } : {}),
		...(userToUser ? { sip_headers: [{ name: 'User-to-User', value: userToUser }] } : {}),
	};
}

export const recordOption: INodeProperties = { displayName: 'Record', name: 'record', type: 'boolean', default: false, description: 'Whether to record the call from the moment it is answered' };

/** Settings of `record: record-from-answer` (they apply only when Record is on). */
export const recordingOptions: INodeProperties[] = [
	{
		displayName: 'Recording Channels',
		name: 'recordChannels',
		type: 'options',
		options: [
			{ name: 'Dual (Each Side on Its Own Channel)', value: 'dual' },
			{ name: 'Single (Mono)', value: 'single' },
		],
		default: 'dual',
		description: 'Only with Record on',
	},
	{ displayName: 'Recording File Name', name: 'recordCustomFileName', type: 'string', default: '', description: 'Used instead of the call leg ID (1–40 characters); Telnyx adds a timestamp. Only with Record on.' },
	{
		displayName: 'Recording Format',
		name: 'recordFormat',
		type: 'options',
		options: [
			{ name: 'MP3', value: 'mp3' },
			{ name: 'WAV', value: 'wav' },
		],
		default: 'mp3',
		description: 'Only with Record on',
	},
	{ displayName: 'Recording Max Length (Seconds)', name: 'recordMaxLength', type: 'number', typeOptions: { minValue: 0, maxValue: 43200 }, default: 0, description: 'Longest recording; 0 means no limit. Only with Record on.' },
	{ displayName: 'Recording Silence Timeout (Seconds)', name: 'recordTimeoutSecs', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Stop recording after this much silence (uses transcription, which is charged); 0 means never. Only with Record on.' },
	{
		displayName: 'Recording Track',
		name: 'recordTrack',
		type: 'options',
		options: [
			{ name: 'Both', value: 'both' },
			{ name: 'Inbound', value: 'inbound' },
			{ name: 'Outbound', value: 'outbound' },
		],
		default: 'both',
		description: 'Which side to record; one side is always mono. Only with Record on.',
	},
	{ displayName: 'Recording Trim Silence', name: 'recordTrim', type: 'boolean', default: false, description: 'Whether to cut silence at the start and end of the recording. Only with Record on.' },
];

const RECORDING_FIELDS: Record<string, string> = {
	recordChannels: 'record_channels',
	recordFormat: 'record_format',
	recordTrack: 'record_track',
	recordMaxLength: 'record_max_length',
	recordTimeoutSecs: 'record_timeout_secs',
	recordCustomFileName: 'record_custom_file_name',
};

/** `record` and its settings; a setting without Record on is refused rather than ignored. */
export function recordingBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const settings: IDataObject = { ...pick(options, RECORDING_FIELDS), ...(options.recordTrim ? { record_trim: 'trim-silence' } : {}) };
	if (!options.record) {
		const first = Object.keys(settings)[0];
		if (first) refuseOption(ctx, itemIndex, 'Record', `"${first}" is set but Record is off`, 'turn Record on, or remove the recording settings');
		return {};
	}
	const name = settings.record_custom_file_name;
	if (name !== undefined && (String(name).length < 1 || String(name).length > 40)) {
		refuseOption(ctx, itemIndex, 'Recording File Name', 'it must be 1 to 40 characters', 'shorten it');
	}
	return { record: 'record-from-answer', ...settings };
}

export const transcriptionOptions: INodeProperties[] = [
	{ displayName: 'Transcribe', name: 'transcription', type: 'boolean', default: false, description: 'Whether to transcribe the call in real time from answer; text arrives as call.transcription events' },
	{
		displayName: 'Transcription Config (JSON)',
		name: 'transcriptionConfig',
		type: 'json',
		default: '{}',
		description: 'Engine and settings, e.g. {"transcription_engine": "Deepgram", "transcription_engine_config": {"transcription_model": "deepgram/nova-3"}, "transcription_tracks": "both"}. Only with Transcribe on.',
	},
];

export function transcriptionBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const config = jsonOption(ctx, options, 'transcriptionConfig', 'Transcription Config', itemIndex);
	const hasConfig = config !== undefined && Object.keys(config).length > 0;
	if (!options.transcription) {
		if (hasConfig) refuseOption(ctx, itemIndex, 'Transcription Config', 'it is set but Transcribe is off', 'turn Transcribe on, or clear the config');
		return {};
	}
	return { transcription: true, ...(hasConfig ? { transcription_config: config } : {}) };
}

/** Audio URL and Media Name both play a file; Telnyx takes one of them (SDK: "cannot be used together"). */
export function oneAudioSource(ctx: IExecuteFunctions, itemIndex: number, audioUrl: unknown, mediaName: unknown, labels: [string, string], required: boolean): IDataObject {
	const url = String(audioUrl ?? '').trim();
	const name = String(mediaName ?? '').trim();
	if (url && name) {
		throw new NodeOperationError(ctx.getNode(), `${labels[0]} and ${labels[1]} cannot both be set`, {
			itemIndex,
			description: `Item ${itemIndex}: fill in "${labels[0]}" or "${labels[1]}", not both.`,
		});
	}
	if (required && !url && !name) {
		throw new NodeOperationError(ctx.getNode(), `${labels[0]} or ${labels[1]} is needed`, {
			itemIndex,
			description: `Item ${itemIndex}: fill in "${labels[0]}" (an MP3 or WAV URL) or "${labels[1]}" (a file in Telnyx Media Storage).`,
		});
	}
	return url ? { audio_url: url } : name ? { media_name: name } : {};
}

/** The stored AI assistant to start on answer, with its JSON overrides (CallAssistantRequest, `id` required). */
export const assistantOptions: INodeProperties[] = [
	assistantField(false, 'AI Assistant', 'Start this stored AI assistant when the call is answered'),
	{ displayName: 'AI Assistant Overrides', name: 'assistantOverrides', type: 'json', default: '{}', description: 'Overrides for the assistant, e.g. {"instructions": "…", "greeting": "Hi {{name}}", "dynamic_variables": {"name": "Ana"}}' },
];

export function assistantBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const overrides = jsonOption(ctx, options, 'assistantOverrides', 'AI Assistant Overrides', itemIndex);
	const id = locatorValue(options.assistantId);
	if (!id) {
		if (overrides && Object.keys(overrides).length) refuseOption(ctx, itemIndex, 'AI Assistant', 'overrides are set but no assistant is', 'choose the AI Assistant, or clear the overrides');
		return {};
	}
	return { assistant: { ...overrides, id } };
}
