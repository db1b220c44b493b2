import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as getMany from './getMany';

export { create, getMany };

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = { create, getMany };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['agent'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create an agent', description: 'Create a reusable call agent' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many agents', description: 'List the account\'s agents' },
	],
	default: 'getMany',
};

export const description: INodeProperties[] = [
	operation,
	...getMany.description,
	...create.description,
];
