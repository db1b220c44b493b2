import type { INodeProperties } from 'n8n-workflow';

import * as getCallRecord from './getCallRecord';
import * as placeCall from './placeCall';
import * as streamConversation from './streamConversation';

export { getCallRecord, placeCall, streamConversation };

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = { getCallRecord, placeCall, streamConversation };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{ name: 'Get Call Record', value: 'getCallRecord', action: 'Get a call record', description: 'Wait for and read the status, duration, cost and transcript of a call' },
		{ name: 'Place Call', value: 'placeCall', action: 'Place a call', description: 'Start an AI call to one or more mainland China mobiles' },
		{ name: 'Stream Conversation', value: 'streamConversation', action: 'Stream a conversation', description: 'Follow a call live and output its turns when it ends' },
	],
	default: 'placeCall',
};

export const description: INodeProperties[] = [
	operation,
	...placeCall.description,
	...getCallRecord.description,
	...streamConversation.description,
];
