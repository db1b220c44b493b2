import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { refuseOption } from './callOptions';
import { callControlId, callControlIdField, commandOptions, commonBody, options, pick, showFor } from './common';

const OPERATION = 'recordStart';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'options',
		required: true,
		options: [
			{ name: 'Dual (Each Side on Its Own Channel)', value: 'dual' },
			{ name: 'Single (Mono)', value: 'single' },
		],
		default: 'dual',
		description: 'Dual puts the first leg on channel A and the rest on channel B',
		displayOptions: showFor(OPERATION),
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		required: true,
		options: [
			{ name: 'MP3', value: 'mp3' },
			{ name: 'WAV', value: 'wav' },
		],
		default: 'mp3',
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
			{ displayName: 'File Name', name: 'customFileName', type: 'string', default: '', description: 'Used instead of the call leg ID (1–40 characters); Telnyx adds a timestamp' },
			{ displayName: 'Max Length (Seconds)', name: 'maxLength', type: 'number', typeOptions: { minValue: 0, maxValue: 14400 }, default: 0, description: 'Longest recording; 0 means no limit' },
			{ displayName: 'Play Beep', name: 'playBeep', type: 'boolean', default: false, description: 'Whether to play a beep when recording starts' },
			{
				displayName: 'Track',
				name: 'recordingTrack',
				type: 'options',
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
				],
				default: 'both',
				description: 'Which side to record; one side is always mono',
			},
			{ displayName: 'Silence Timeout (Seconds)', name: 'timeoutSecs', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Stop after this much silence once speech was heard (uses transcription, which is charged); 0 means never' },
			{ displayName: 'Transcribe Recording', name: 'transcription', type: 'boolean', default: false, description: 'Whether to transcribe the recording afterwards (call.recording.transcription.saved)' },
			{
				displayName: 'Transcription Engine',
				name: 'transcriptionEngine',
				type: 'options',
				options: [
					{ name: 'Google (A)', value: 'A' },
					{ name: 'Telnyx (B)', value: 'B' },
					{ name: 'Deepgram Nova-3', value: 'deepgram/nova-3' },
				],
				default: 'A',
				description: 'Only with Transcribe Recording on. Deepgram Nova-3 supports English only.',
			},
			{ displayName: 'Transcription Language', name: 'transcriptionLanguage', type: 'string', default: '', placeholder: 'e.g. en-US', description: 'Language code of the recording, or auto_detect. Only with Transcribe Recording on.' },
			{ displayName: 'Trim Silence', name: 'trim', type: 'boolean', default: false, description: 'Whether to cut silence at the start and end' },
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

function required(ctx: IExecuteFunctions, itemIndex: number, field: string, label: string, allowed: string[]): string {
	const value = String(ctx.getNodeParameter(field, itemIndex, '')).trim();
	if (!allowed.includes(value)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${value}" is not one Telnyx knows`, { itemIndex, description: `Item ${itemIndex}, field "${label}": use ${allowed.join(' or ')}.` });
	}
	return value;
}

/** Starts recording (SDK `actions.startRecording`); call.recording.saved comes when it stops or the call ends. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = callControlId(this, itemIndex);
	const channels = required(this, itemIndex, 'channels', 'Channels', ['single', 'dual']);
	const format = required(this, itemIndex, 'format', 'Format', ['wav', 'mp3']);
	const opts = options(this, itemIndex);
	const name = opts.customFileName;
	if (name !== undefined && name !== '' && String(name).length > 40) refuseOption(this, itemIndex, 'File Name', 'it is longer than 40 characters', 'shorten it');
	const transcribing = Boolean(opts.transcription);
	if (!transcribing && (opts.transcriptionEngine !== undefined || opts.transcriptionLanguage)) {
		refuseOption(this, itemIndex, 'Transcribe Recording', 'a transcription setting is set but Transcribe Recording is off', 'turn Transcribe Recording on, or remove the transcription settings');
	}
	return await callCommand(this, itemIndex, id, 'record_start', {
		channels,
		format,
		...pick(opts, {
			customFileName: 'custom_file_name',
			maxLength: 'max_length',
			playBeep: 'play_beep',
			recordingTrack: 'recording_track',
			timeoutSecs: 'timeout_secs',
			transcription: 'transcription',
			transcriptionEngine: 'transcription_engine',
			transcriptionLanguage: 'transcription_language',
		}),
		...(opts.trim ? { trim: 'trim-silence' } : {}),
		...commonBody(opts),
	});
}
