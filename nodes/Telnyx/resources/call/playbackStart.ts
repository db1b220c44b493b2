import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { oneAudioSource } from './callOptions';
import { callControlId, callControlIdField, commandOptions, commonBody, targetLegsOption, options, pick, showFor } from './common';

const OPERATION = 'playbackStart';

export const stopOption: INodeProperties = {
	displayName: 'Stop',
	name: 'stop',
	type: 'options',
	options: [
		{ name: 'Current', value: 'current' },
		{ name: 'All', value: 'all' },
	],
	default: 'current',
	description: 'Stop only the audio playing now (the next queued file plays), or also clear the queue',
};

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/welcome.mp3',
		description: 'MP3 or WAV file to play. Leave empty to use Media Name instead.',
		displayOptions: showFor(OPERATION),
	},
	{
		displayName: 'Media Name',
		name: 'mediaName',
		type: 'string',
		default: '',
		description: 'A file in Telnyx Media Storage, used instead of Audio URL',
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
				displayName: 'Audio Type',
				name: 'audioType',
				type: 'options',
				options: [
					{ name: 'MP3', value: 'mp3' },
					{ name: 'WAV', value: 'wav' },
				],
				default: 'mp3',
				description: 'The file\'s format, when Telnyx cannot tell it from the URL',
			},
			{ displayName: 'Cache Audio', name: 'cacheAudio', type: 'boolean', default: false, description: 'Whether Telnyx keeps the file to play it again faster' },
			{ displayName: 'Loop', name: 'loop', type: 'string', default: '1', description: 'How many times to play it (1–100), or "infinity" until Stop Playback' },
			{ displayName: 'Overlay', name: 'overlay', type: 'boolean', default: false, description: 'Whether to mix it over audio already playing (needs another playback running)' },
			{ ...stopOption, description: 'Before playing: stop the audio playing now, or stop it and clear the queue. Unset: queue after it.' },
			targetLegsOption,
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** "3" or "infinity" as Telnyx's `loop` (1–100 or the string "infinity"); names the option on failure. */
function loopValue(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number | string | undefined {
	if (value === undefined || value === '') return undefined;
	const text = String(value).trim().toLowerCase();
	if (text === 'infinity') return 'infinity';
	const count = Number(text);
	if (Number.isInteger(count) && count >= 1 && count <= 100) return count;
	throw new NodeOperationError(ctx.getNode(), `Loop "${String(value)}" is not a count Telnyx accepts`, {
		itemIndex,
		description: `Item ${itemIndex}, option "Loop": enter a whole number from 1 to 100, or "infinity".`,
	});
}

/** Plays an audio file (SDK `actions.startPlayback`); Telnyx sends call.playback.started and call.playback.ended. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = callControlId(this, itemIndex);
	const source = oneAudioSource(this, itemIndex, this.getNodeParameter('audioUrl', itemIndex, ''), this.getNodeParameter('mediaName', itemIndex, ''), ['Audio URL', 'Media Name'], true);
	const opts = options(this, itemIndex);
	const loop = loopValue(this, itemIndex, opts.loop);
	return await callCommand(this, itemIndex, id, 'playback_start', {
		...source,
		...pick(opts, { audioType: 'audio_type', cacheAudio: 'cache_audio', overlay: 'overlay', stop: 'stop', targetLegs: 'target_legs' }),
		...(loop !== undefined ? { loop } : {}),
		...commonBody(opts),
	});
}
