import type { INodeProperties } from 'n8n-workflow';

import * as getBalance from './getBalance';

export { getBalance };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get Balance', value: 'getBalance', action: 'Get the account balance', description: 'Read the remaining call credit' },
		],
		default: 'getBalance',
	},
	...getBalance.description,
];
