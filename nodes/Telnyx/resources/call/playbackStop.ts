import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, pick, showFor } from './common';
import { stopOption } from './playbackStart';

const OPERATION = 'playbackStop';

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
			{ displayName: 'Overlay', name: 'overlay', type: 'boolean', default: false, description: 'Whether to stop the audio in the overlay queue instead' },
			stopOption,
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Stops audio playing on the call (SDK `actions.stopPlayback`); Telnyx sends call.playback.ended. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'playback_stop', { ...pick(opts, { overlay: 'overlay', stop: 'stop' }), ...commonBody(opts) });
}
