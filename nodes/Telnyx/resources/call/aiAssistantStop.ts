import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';

export const description: INodeProperties[] = [
	callControlIdField('aiAssistantStop'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('aiAssistantStop'),
		options: commandOptions,
	},
];

/** Stops the AI assistant; the call stays up. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'ai_assistant_stop', commonBody(options(this, itemIndex)));
}
