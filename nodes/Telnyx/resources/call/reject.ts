import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';

const OPERATION = 'reject';
const CAUSES = ['CALL_REJECTED', 'USER_BUSY'];

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Cause',
		name: 'cause',
		type: 'options',
		required: true,
		options: [
			{ name: 'Call Rejected', value: 'CALL_REJECTED' },
			{ name: 'User Busy', value: 'USER_BUSY' },
		],
		default: 'CALL_REJECTED',
		description: 'What the caller is told',
		displayOptions: showFor(OPERATION),
	},
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

/** Refuses an incoming call that is not answered yet (SDK `actions.reject`); Telnyx sends call.hangup. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const cause = String(this.getNodeParameter('cause', itemIndex, '')).trim();
	if (!CAUSES.includes(cause)) {
		throw new NodeOperationError(this.getNode(), `Cause "${cause}" is not one Telnyx knows`, {
			itemIndex,
			description: `Item ${itemIndex}, field "Cause": use CALL_REJECTED or USER_BUSY.`,
		});
	}
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'reject', { cause, ...commonBody(opts) });
}
