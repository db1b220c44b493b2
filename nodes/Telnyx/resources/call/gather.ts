import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, digitBody, digitOptions, options, showFor } from './common';

export const description: INodeProperties[] = [
	callControlIdField('gather'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('gather'),
		options: [...digitOptions(true), ...commandOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Collects DTMF digits without a prompt; the result comes as call.gather.ended (contract §5.1). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'gather', { ...digitBody(opts), ...commonBody(opts) });
}
