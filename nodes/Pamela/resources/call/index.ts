import type { INodeProperties } from 'n8n-workflow';

import { versionedOperation, type OperationAliases } from '../../../shared/operations';

import * as cancel from './cancel';
import * as get from './get';
import * as getMany from './getMany';
import * as hangUp from './hangUp';
import * as place from './place';

export { cancel, get, getMany, hangUp, place };

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = { cancel, get, getMany, hangUp, placeCall: place };

/** Values saved before the rename (version 1 of the node) and what they are now. */
export const aliases: OperationAliases = { place: 'placeCall' };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{ name: 'Cancel', value: 'cancel', action: 'Cancel a call', description: 'Stop a call that is queued or ringing' },
		{ name: 'Get', value: 'get', action: 'Get a call', description: 'Get the status, transcript, summary and timing of a call' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many calls', description: 'List calls, filtered by status and date' },
		{ name: 'Hang Up', value: 'hangUp', action: 'Hang up a call', description: 'End a call that is in progress' },
		{ name: 'Place Call', value: 'placeCall', action: 'Place a call', description: 'Have the AI agent call a number and carry out a task' },
	],
	default: 'placeCall',
};

export const description: INodeProperties[] = [
	...versionedOperation(operation, aliases),
	...place.description,
	...get.description,
	...getMany.description,
	...cancel.description,
	...hangUp.description,
];
