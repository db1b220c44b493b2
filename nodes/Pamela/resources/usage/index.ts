import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [{ name: 'Get', value: 'get', action: 'Get usage', description: 'Get the calls and billed minutes of a month' }],
		default: 'get',
	},
	...get.description,
];
