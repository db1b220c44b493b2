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
import { rawBodyOf } from '../shared/rawBody';
import { TRIGGER_DEFAULT_VERSION, TRIGGER_VERSIONS } from '../shared/webhookFields';
import { triggerSubtitle } from './events';
import { isFinalEvent, outcomeFromHangup } from './outcome';
import { TELNYX_TRIGGER_PANEL, TELNYX_TRIGGER_PROPERTIES } from './trigger/description';
import { otherDirection } from './trigger/direction';
import { eventItem } from './trigger/output';
import { register, registrationExists, unregister } from './trigger/registration';
import { publicKeyFrom, verifyTelnyxRequest } from './trigger/verify';

/** Telnyx's signature window (contract §6.6); a delivery's ID is remembered as long. */
const WINDOW_SECONDS = 300;
const RECEIVED = { received: true };

/** The credential's public key; activation fails here when it is missing or malformed. */
async function checkPublicKey(ctx: IHookFunctions): Promise<void> {
	const credentials = await ctx.getCredentials('telnyxApi');
	try {
		publicKeyFrom(credentials.publicKey);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Without the public key the trigger cannot tell real Telnyx events from forged ones, so it does not start.',
		});
	}
}

export class TelnyxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Trigger',
		name: 'telnyxTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		defaultVersion: TRIGGER_DEFAULT_VERSION,
		subtitle: triggerSubtitle(),
		description: 'Starts the workflow on events of phone calls you place or receive with Telnyx (answered, key pressed, AI gather ended, hung up) or on each call\'s outcome; can set your application\'s Webhook URL',
		defaults: { name: 'Telnyx Trigger' },
		// The listening panel says which URL the provider must be sending to.
		triggerPanel: TELNYX_TRIGGER_PANEL,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		// responseData '' makes n8n answer with the JSON the node returns, not the text "firstEntryJson".
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' }],
		properties: TELNYX_TRIGGER_PROPERTIES,
	};

	webhookMethods = {
		default: {
			// With a Call Control application chosen, Telnyx's API sets its Webhook URL
			// (nodes/Telnyx/trigger/registration.ts); without one, the user pastes the URL.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await checkPublicKey(this);
				return await registrationExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await checkPublicKey(this);
				await register(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				try {
					await unregister(this);
					return true;
				} catch (error) {
					this.logger.warn(`Telnyx Trigger "${this.getNode().name}" could not restore the application's Webhook URL: ${(error as Error).message}`);
					return false;
				}
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const raw = rawBodyOf(this);
		let reason: string | undefined = raw ? undefined : 'n8n passed no raw body, so the signature cannot be checked';
		if (raw) {
			try {
				const credentials = await this.getCredentials('telnyxApi');
				const verdict = verifyTelnyxRequest(publicKeyFrom(credentials.publicKey), this.getHeaderData() as Record<string, unknown>, raw);
				if (!verdict.valid) reason = verdict.reason;
			} catch (error) {
				reason = (error as Error).message;
			}
		}
		if (reason !== undefined) {
			// The reason goes to n8n's log only: in the reply it would tell a forger which check failed.
			this.logger.warn(`Telnyx Trigger "${this.getNode().name}" refused a request: ${reason}`);
			this.getResponseObject().status(401).json({ error: 'Invalid signature' });
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData() as IDataObject;
		const data = (body.data ?? {}) as IDataObject;
		const eventType = String(data.event_type ?? '');
		const outcome = this.getNodeParameter('output', 'events') === 'outcome';
		const starts = outcome ? isFinalEvent(body) : (this.getNodeParameter('events', []) as string[]).includes(eventType);
		if (!starts) return { webhookResponse: { ...RECEIVED, ignored: eventType || 'unknown event' } };
		const skipped = otherDirection(outcome ? 'any' : (this.getNodeParameter('callDirection', 'any') as string), data);
		if (skipped) return { webhookResponse: { ...RECEIVED, ignored: skipped } };
		// Deliveries can repeat (contract §6.1): the same data.id within the window starts nothing again.
		if (typeof data.id === 'string' && data.id !== '') {
			const signedAt = Number(this.getHeaderData()['telnyx-timestamp']) * 1000;
			const keepUntil = Math.max(Date.now(), Number.isFinite(signedAt) ? signedAt : 0) + WINDOW_SECONDS * 1000;
			if (isRepeatDelivery(this, data.id, keepUntil)) {
				this.logger.info(`Telnyx Trigger "${this.getNode().name}" ignored a repeated delivery of event ${data.id}`);
				return { webhookResponse: { ...RECEIVED, duplicate: true } };
			}
		}
		const item = outcome ? outcomeFromHangup(body) : eventItem(body);
		return { webhookResponse: RECEIVED, workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
