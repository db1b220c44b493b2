import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CALL_EVENTS, handleCallEvent } from './trigger/events';
import { refuse } from './trigger/respond';
import { verifyPamelaSignature } from './trigger/signature';
import { handleToolCall } from './trigger/toolCall';

export class PamelaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pamela Trigger',
		name: 'pamelaTrigger',
		icon: { light: 'file:pamela.svg', dark: 'file:pamela.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "toolCall" ? "Tool call: " + $parameter["toolNames"] : "Call events"}}',
		description: 'Starts the workflow on Pamela call events, or answers the Pamela agent\'s tool calls mid-call',
		defaults: { name: 'Pamela Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pamelaApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				// Events are acknowledged at once; a tool call waits for the workflow's answer.
				responseMode: '={{$parameter["mode"] === "toolCall" ? ($parameter["respondWith"] || "lastNode") : "onReceived"}}',
				responseData: 'firstEntryJson',
			},
		],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call Events', value: 'events', description: 'Start on call status and transcript events' },
					{ name: 'Tool Call', value: 'toolCall', description: 'Answer the agent when it calls one of your tools during a call' },
				],
				default: 'events',
			},
			{
				displayName:
					'In the Pamela partner portal, set this URL as the project\'s webhook URL and copy the webhook secret into the credential',
				name: 'eventsNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['events'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: CALL_EVENTS,
				default: ['call.completed', 'call.failed'],
				displayOptions: { show: { mode: ['events'] } },
			},
			{
				displayName:
					'Set this URL as the tool webhook URL in Pamela. End the workflow with Pamela > Tool > Build Result (or any node whose first item is {"result": …}); n8n sends that item back as the answer.',
				name: 'toolNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['toolCall'] } },
			},
			{
				displayName: 'Tool Names',
				name: 'toolNames',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'lookup_order, check_stock',
				description: 'Names of the registered tools this workflow answers, separated by commas; others get HTTP 400',
				displayOptions: { show: { mode: ['toolCall'] } },
			},
			{
				displayName: 'Respond With',
				name: 'respondWith',
				type: 'options',
				options: [
					{
						name: 'Last Node',
						value: 'lastNode',
						description: 'The first item of the last node, e.g. Pamela > Tool > Build Result giving {"result": …}',
					},
					{
						name: 'Respond to Webhook Node',
						value: 'responseNode',
						description: 'A Respond to Webhook node that sends {"result": …}',
					},
				],
				default: 'lastNode',
				displayOptions: { show: { mode: ['toolCall'] } },
			},
		],
	};

	webhookMethods = {
		default: {
			// Pamela has no API to register webhook URLs (they are set in the portal), so there is nothing to look up.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			/** Refuses to activate without a webhook secret: every request would be unverifiable. */
			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials('pamelaApi');
				if (!String(credentials.webhookSecret ?? '').trim()) {
					throw new NodeOperationError(this.getNode(), 'The Pamela credential has no Webhook Secret', {
						description:
							'Copy the webhook secret from the Pamela partner portal (or project settings) into the credential\'s "Webhook Secret" field, then activate again. Without it the X-Pamela-Signature of incoming requests cannot be checked.',
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const check = await verifyPamelaSignature(this);
		// The reason stays out of the reply: it would tell a forger which check failed.
		if (!check.valid) return refuse(this, 401, 'Invalid signature');
		const body = this.getBodyData() as IDataObject;
		const mode = this.getNodeParameter('mode', 'events') as string;
		return mode === 'toolCall' ? handleToolCall(this, body) : handleCallEvent(this, body);
	}
}
