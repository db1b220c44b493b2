import type { INodeProperties } from 'n8n-workflow';

import * as getBalance from './getBalance';

export { getBalance };

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = { getBalance };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{ name: 'Get Balance', value: 'getBalance', action: 'Get the account balance', description: 'Read the remaining call credit' },
	],
	default: 'getBalance',
};

export const description: INodeProperties[] = [
	operation,
	...getBalance.description,
];
