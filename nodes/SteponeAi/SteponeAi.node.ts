import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../shared/router';
import { forModel } from '../shared/toolOutput';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';
import * as account from './resources/account';
import * as agent from './resources/agent';
import * as call from './resources/call';

const operations: OperationTable = {
	account: account.operations,
	agent: agent.operations,
	call: call.operations,
};

export class SteponeAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stepone AI',
		name: 'steponeAi',
		icon: { light: 'file:steponeAi.svg', dark: 'file:steponeAi.dark.svg' },
		group: ['output'],
		version: 1,
		// The chosen operation's action, as operationSubtitle (nodes/shared/operations.ts) builds it; n8n's lint wants it written out here.
		subtitle:
			'={{ {"account.getBalance":"Get the account balance","agent.create":"Create an agent","agent.getMany":"Get many agents","call.getCallRecord":"Get a call record","call.placeCall":"Place a call","call.streamConversation":"Stream a conversation"}[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"] }}',
		description: 'Place AI phone calls to mainland-China mobiles with Stepone AI',
		defaults: { name: 'Stepone AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'steponeAiApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Agent', value: 'agent' },
					{ name: 'Call', value: 'call' },
				],
				default: 'call',
			},
			...call.description,
			...agent.description,
			...account.description,
		],
	};

	methods = {
		loadOptions: {
			getAgents: loadOptions.getAgents,
			getEngines: loadOptions.getEngines,
			getVoices: loadOptions.getVoices,
		},
		listSearch: { searchAgents: listSearch.searchAgents },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return forModel(this, await routeOperation(this, operations));
	}
}
