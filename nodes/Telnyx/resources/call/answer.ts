import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { assistantBody, assistantOptions, headerOptions, headersBody, recordingBody, recordingOptions, recordOption, transcriptionBody, transcriptionOptions } from './callOptions';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';
import { webhookBody, webhookOptions } from './webhookOptions';

const OPERATION = 'answer';

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
			...assistantOptions,
			...headerOptions,
			recordOption,
			...recordingOptions,
			...transcriptionOptions,
			...webhookOptions,
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/**
 * Answers an incoming call (SDK `actions.answer`); Telnyx then sends call.answered. The
 * Answer command has no audio to play (unlike Dial): play one with Start Playback on call.answered.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	const id = callControlId(this, itemIndex);
	const body: IDataObject = {
		...assistantBody(this, itemIndex, opts),
		...headersBody(this, itemIndex, opts),
		...recordingBody(this, itemIndex, opts),
		...transcriptionBody(this, itemIndex, opts),
		...webhookBody(this, itemIndex, opts),
		...commonBody(opts),
	};
	return await callCommand(this, itemIndex, id, 'answer', body);
}
