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

import { isRepeatDelivery } from '../shared/deliveries';
import { computedWebhookFields, TRIGGER_DEFAULT_VERSION, TRIGGER_VERSIONS } from '../shared/webhookFields';
import { isFinalEvent } from './outcome';
import { PAMELA_TRIGGER_PANEL, PAMELA_TRIGGER_PROPERTIES } from './trigger/description';
import { handleCallEvent, handleOutcomeEvent, RECEIVED } from './trigger/events';
import { DEFAULT_REPLAY_WINDOW_SECONDS, deliveryKey, keepUntil, timestampRefusal } from './trigger/replay';
import { refuse } from './trigger/respond';
import { verifyPamelaSignature } from './trigger/signature';
import { handleToolCall } from './trigger/toolCall';

export class PamelaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pamela Trigger',
		name: 'pamelaTrigger',
		icon: { light: 'file:pamela.svg', dark: 'file:pamela.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		defaultVersion: TRIGGER_DEFAULT_VERSION,
		subtitle:
			'={{$parameter["mode"] === "toolCall" ? "Tool call: " + $parameter["toolNames"] : $parameter["mode"] === "outcome" ? "Call outcome" : "Call events"}}',
		description: 'Starts the workflow on Pamela call events or call outcomes, or answers the Pamela agent\'s tool calls mid-call',
		defaults: { name: 'Pamela Trigger' },
		// The listening panel says which URL the provider must be sending to.
		triggerPanel: PAMELA_TRIGGER_PANEL,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pamelaApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				// Computed natively by n8n 2.x, not in its expression sandbox per request (nodes/shared/webhookFields.ts).
				...computedWebhookFields({
					// Events are acknowledged at once; a tool call waits for the workflow's answer.
					responseMode: (p) => (p.mode === 'toolCall' ? p.respondWith || 'lastNode' : 'onReceived'),
					// Empty for events, so n8n answers with the JSON the node returns instead of the text "firstEntryJson".
					responseData: (p) => (p.mode === 'toolCall' ? 'firstEntryJson' : ''),
				}),
			},
		],
		properties: PAMELA_TRIGGER_PROPERTIES,
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
		const refused = (reason: string) => {
			// The reason goes to n8n's log only: in the reply it would tell a forger which check failed.
			this.logger.warn(`Pamela Trigger "${this.getNode().name}" refused a request: ${reason}`);
			return refuse(this, 401, 'Invalid signature');
		};
		const check = await verifyPamelaSignature(this);
		if (!check.valid) return refused(check.reason);
		const body = this.getBodyData() as IDataObject;
		const mode = this.getNodeParameter('mode', 'events') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const windowSeconds = Number(options.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS) || DEFAULT_REPLAY_WINDOW_SECONDS;
		const stale = timestampRefusal(body, windowSeconds, mode !== 'toolCall');
		if (stale) return refused(stale);
		const repeated = () => {
			const key = deliveryKey(body, mode);
			if (!key || !isRepeatDelivery(this, key, keepUntil(body, windowSeconds))) return undefined;
			this.logger.info(`Pamela Trigger "${this.getNode().name}" ignored a repeated delivery (${key})`);
			return mode === 'toolCall' ? refuse(this, 409, 'This tool call was already answered') : { webhookResponse: { ...RECEIVED, duplicate: true } };
		};
		// Call Outcome: a repeated final event is caught before the call is read.
		if (mode === 'outcome') return (isFinalEvent(body) && repeated()) || (await handleOutcomeEvent(this, body));
		const result = mode === 'toolCall' ? handleToolCall(this, body) : handleCallEvent(this, body);
		return (result.workflowData && repeated()) || result;
	}
}
