import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';

const OPERATION = 'transcriptionStop';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: commandOptions,
	},
];

/** Stops real-time transcription (SDK `actions.stopTranscription`); the call goes on. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'transcription_stop', commonBody(opts));
}
