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

import { WEBHOOK_EVENT_OPTIONS } from './events';
import { eventItem } from './trigger/output';
import { publicKeyFrom, verifyTelnyxRequest } from './trigger/verify';

/** The credential's public key; activation fails here when it is missing or malformed. */
async function checkPublicKey(ctx: IHookFunctions): Promise<boolean> {
	const credentials = await ctx.getCredentials('telnyxApi');
	try {
		publicKeyFrom(credentials.publicKey);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Without the public key the trigger cannot tell real Telnyx events from forged ones, so it does not start.',
		});
	}
	return true;
}

export class TelnyxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Trigger',
		name: 'telnyxTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Telnyx call events (answered, gather ended, AI gather ended, hang-up…), verified with Ed25519',
		defaults: { name: 'Telnyx Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL into your Call Control application\'s Webhook URL (Telnyx portal → Voice → Programmable Voice), or set it as Webhook URL on a single Place Call',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENT_OPTIONS,
				default: ['call.answered', 'call.hangup', 'call.gather.ended', 'call.ai_gather.ended'],
				description: 'Events that start the workflow; other events are acknowledged and dropped',
			},
		],
	};

	webhookMethods = {
		default: {
			// Telnyx has no API to register a per-workflow webhook: the URL is pasted in the
			// portal or passed per call. These methods only refuse a credential that cannot verify.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await checkPublicKey(this);
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await checkPublicKey(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const credentials = await this.getCredentials('telnyxApi');
		const rawBody: Buffer | string = (req as unknown as { rawBody?: Buffer }).rawBody ?? JSON.stringify(req.body ?? {});
		let verdict: { valid: boolean; reason?: string };
		try {
			verdict = verifyTelnyxRequest(publicKeyFrom(credentials.publicKey), this.getHeaderData() as Record<string, unknown>, rawBody);
		} catch (error) {
			verdict = { valid: false, reason: (error as Error).message };
		}
		if (!verdict.valid) {
			// The reason is safe to return: it never includes the key or the expected signature.
			this.getResponseObject().status(401).json({ error: `Invalid Telnyx signature: ${verdict.reason}` });
			return { noWebhookResponse: true };
		}
		const body = (req.body ?? {}) as IDataObject;
		const eventType = String((body.data as IDataObject | undefined)?.event_type ?? '');
		const wanted = this.getNodeParameter('events', []) as string[];
		if (!wanted.includes(eventType)) {
			return { webhookResponse: { received: true, ignored: eventType || 'unknown event' } };
		}
		return { workflowData: [this.helpers.returnJsonArray([eventItem(body)])] };
	}
}
