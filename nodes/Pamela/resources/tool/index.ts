import type { INodeProperties } from 'n8n-workflow';

import * as buildResult from './buildResult';
import * as deleteTool from './delete';
import * as getMany from './getMany';
import * as register from './register';

export { buildResult, deleteTool, getMany, register };

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = { buildResult, delete: deleteTool, getMany, register };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['tool'] } },
	options: [
		{
			name: 'Build Result',
			value: 'buildResult',
			action: 'Build a tool result',
			description: 'Shape the answer to a tool call as {"result": …}; end a Pamela Trigger tool workflow with it',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a tool', description: 'Deactivate a registered tool' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many tools', description: 'List the registered tools' },
		{ name: 'Register', value: 'register', action: 'Register a tool', description: 'Register a custom tool the agent can call mid-call' },
	],
	default: 'register',
};

export const description: INodeProperties[] = [
	operation,
	...register.description,
	...deleteTool.description,
	...getMany.description,
	...buildResult.description,
];
