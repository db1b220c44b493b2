import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, showFor } from './common';
import { messageListField, messagesFrom } from './messages';

const OPERATION = 'aiAssistantAddMessages';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		...messageListField('messages', 'Messages', ['user', 'assistant', 'system', 'developer'], 'Messages added to the running assistant\'s conversation'),
		displayOptions: showFor(OPERATION),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: [
			...commandOptions,
			{ displayName: 'Trigger Response', name: 'triggerResponse', type: 'boolean', default: false, description: 'Whether the assistant answers right away instead of at the next turn' },
		],
	},
];

/** Adds messages to a running AI assistant (contract §5.6). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messages = messagesFrom(this.getNodeParameter('messages', itemIndex, {}));
	if (messages.length === 0 || messages.some((message) => !message.content)) {
		throw new NodeOperationError(this.getNode(), 'Messages: add at least one message, each with content', {
			itemIndex,
			description: `Item ${itemIndex}: fill in "Messages".`,
		});
	}
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'ai_assistant_add_messages', {
		messages,
		...(opts.triggerResponse !== undefined ? { trigger_response: opts.triggerResponse } : {}),
		...commonBody(opts),
	});
}
