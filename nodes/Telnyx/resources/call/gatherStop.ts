import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';

export const description: INodeProperties[] = [
	callControlIdField('gatherStop'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('gatherStop'),
		options: commandOptions,
	},
];

/** Stops a running gather; Telnyx sends call.gather.ended with status cancelled. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'gather_stop', commonBody(options(this, itemIndex)));
}
