import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { operationSubtitle, withOperationAliases } from '../shared/operations';
import { routeOperation, type OperationTable } from '../shared/router';
import { isToolExecution } from '../shared/toolExecution';
import * as listSearch from './methods/listSearch';
import * as call from './resources/call';
import { waitDescription } from './wait/description';
import { placeAndWait, placeForTool, waitsForOutcome } from './wait/place';
import { stepsDescription } from './wait/steps';
import { waitingWebhook } from './wait/webhook';

const operations: OperationTable = {
	call: call.operations,
};

export class Telnyx implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx',
		name: 'telnyx',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['output'],
		// Version 2: operation values follow the package's one scheme; version 1 keeps the old ones (nodes/shared/operations.ts).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: operationSubtitle([call.operation], call.aliases),
		description: 'Place and control phone calls with Telnyx Call Control, including AI gathers and AI assistants',
		defaults: { name: 'Telnyx' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		// Wait for Outcome: the call's webhooks come back to this node while the execution waits,
		// on n8n's restart webhook (<webhook-waiting>/<executionId>/<nodeId>), as its Wait node uses.
		// `responseData: ''` lets the node answer each delivery with its own JSON.
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true },
		],
		properties: withOperationAliases([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Call', value: 'call' }],
				default: 'call',
			},
			...call.description,
			...waitDescription,
			...stepsDescription,
		], call.aliases),
	};

	methods = {
		listSearch: {
			searchAssistants: listSearch.searchAssistants,
			searchConnections: listSearch.searchConnections,
			searchPhoneNumbers: listSearch.searchPhoneNumbers,
			searchVoices: listSearch.searchVoices,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// As a tool also when an Agent 3.x has the engine run it (an ordinary context, the node marked ai_tool).
		if (waitsForOutcome(this)) return isToolExecution(this) ? await placeForTool(this) : await placeAndWait(this);
		return await routeOperation(this, operations, call.aliases);
	}

	/**
	 * n8n never registers a restart webhook with anyone (its webhook registry skips them), so
	 * these are never called: there is nothing to check, create or delete at Telnyx. The
	 * community-node rule asks every node with webhooks for the lifecycle, and this says why it is empty.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await waitingWebhook(this);
	}
}
