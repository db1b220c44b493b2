import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';

export const description: INodeProperties[] = [
	callControlIdField('hangUp'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('hangUp'),
		options: commandOptions,
	},
];

/** Ends the call; Telnyx sends call.hangup. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'hangup', commonBody(options(this, itemIndex)));
}
