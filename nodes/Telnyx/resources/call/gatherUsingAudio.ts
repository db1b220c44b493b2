import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, digitBody, digitOptions, options, pick, showFor } from './common';

const OPERATION = 'gatherUsingAudio';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		default: '',
		description: 'MP3 or WAV prompt to play. Leave empty to use Media Name instead.',
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
			...digitOptions(false),
			{ displayName: 'Invalid Input Audio URL', name: 'invalidAudioUrl', type: 'string', default: '', description: 'Played when the input is invalid' },
			{ displayName: 'Invalid Input Media Name', name: 'invalidMediaName', type: 'string', default: '', description: 'Media Storage file played when the input is invalid' },
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Plays audio and collects DTMF (contract §5.3): exactly one of audio URL and media name. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const audioUrl = String(this.getNodeParameter('audioUrl', itemIndex, '')).trim();
	const mediaName = String(this.getNodeParameter('mediaName', itemIndex, '')).trim();
	if (Boolean(audioUrl) === Boolean(mediaName)) {
		throw new NodeOperationError(this.getNode(), 'Gather Using Audio needs exactly one of Audio URL and Media Name', {
			itemIndex,
			description: `Item ${itemIndex}: fill in "Audio URL" or "Media Name", not both and not neither.`,
		});
	}
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'gather_using_audio', {
		...(audioUrl ? { audio_url: audioUrl } : { media_name: mediaName }),
		...pick(opts, { invalidAudioUrl: 'invalid_audio_url', invalidMediaName: 'invalid_media_name' }),
		...digitBody(opts),
		...commonBody(opts),
	});
}
