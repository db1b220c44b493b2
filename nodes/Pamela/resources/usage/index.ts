import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';

export { get };

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = { get };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['usage'] } },
	options: [{ name: 'Get', value: 'get', action: 'Get usage', description: 'Get the calls and billed minutes of a month' }],
	default: 'get',
};

export const description: INodeProperties[] = [
	operation,
	...get.description,
];
