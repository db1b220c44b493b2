import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, jsonOption, options, pick, showFor } from './common';

const OPERATION = 'transcriptionStart';

/** `transcription_engine` values of SDK 7.24 (`A` and `B` are legacy names of Google and Telnyx). */
const ENGINES = ['AssemblyAI', 'Azure', 'Cohere', 'Deepgram', 'Google', 'Humain', 'Parakeet', 'Reson8', 'Soniox', 'Speechmatics', 'Telnyx', 'xAI'];

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: ([
			{ displayName: 'Engine', name: 'transcriptionEngine', type: 'options', options: ENGINES.map((engine) => ({ name: engine, value: engine })), default: 'Google', description: 'Speech recognition engine' },
			{
				displayName: 'Engine Config (JSON)',
				name: 'transcriptionEngineConfig',
				type: 'json',
				default: '{}',
				description: 'Settings for the engine, e.g. {"transcription_engine": "Deepgram", "transcription_model": "deepgram/nova-3", "language": "en"} or {"language": "en", "interim_results": true} for Google',
			},
			{
				displayName: 'Tracks',
				name: 'transcriptionTracks',
				type: 'options',
				options: [
					{ name: 'Inbound (This Leg)', value: 'inbound' },
					{ name: 'Outbound (the Other Leg)', value: 'outbound' },
					{ name: 'Both', value: 'both' },
				],
				default: 'inbound',
				description: 'Whose speech to transcribe',
			},
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Starts real-time transcription (SDK `actions.startTranscription`); text arrives as call.transcription events. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	const config = jsonOption(this, opts, 'transcriptionEngineConfig', 'Engine Config', itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'transcription_start', {
		...pick(opts, { transcriptionEngine: 'transcription_engine', transcriptionTracks: 'transcription_tracks' }),
		...(config && Object.keys(config).length ? { transcription_engine_config: config } : {}),
		...commonBody(opts),
	});
}
