import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../shared/router';
import * as call from './resources/call';
import { WAITING_WEBHOOKS, waitDescription } from './wait/description';
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
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Place and control phone calls with Telnyx Call Control, including AI gathers and AI assistants',
		defaults: { name: 'Telnyx' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		// Wait for Outcome: the call's webhooks come back to this node while the execution waits.
		webhooks: WAITING_WEBHOOKS,
		properties: [
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
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (waitsForOutcome(this)) return this.isToolExecution?.() ? await placeForTool(this) : await placeAndWait(this);
		return await routeOperation(this, operations);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await waitingWebhook(this);
	}
}
