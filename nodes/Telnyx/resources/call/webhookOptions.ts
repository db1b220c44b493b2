import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENT_OPTIONS } from '../../events';
import { refuseOption } from './callOptions';
import { pick } from './common';

/**
 * Where and how a call's webhooks go, for Place Call, Answer and Transfer (SDK `calls.d.ts`
 * CallDialParams, `actions.d.ts` ActionAnswerParams / ActionTransferParams): `webhook_url`,
 * `webhook_urls` per event, their methods, and `webhook_retries_policies`.
 */

const METHODS = [
	{ name: 'POST', value: 'POST' },
	{ name: 'GET', value: 'GET' },
];

export const webhookUrlOption: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
	description: 'Send this call\'s webhooks here (e.g. a Telnyx Trigger\'s URL) instead of the application\'s URL. Empty: the application\'s URL.',
};

export const webhookUrlsOption: INodeProperties = {
	displayName: 'Webhook URLs per Event',
	name: 'webhookUrls',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Event URL',
	description: 'Send some events of this call to their own URLs instead of Webhook URL: add one entry per event, e.g. call.hangup to a CRM',
	options: [
		{
			displayName: 'Event URL',
			name: 'eventUrl',
			values: [
				{ displayName: 'Event', name: 'event', type: 'options', options: WEBHOOK_EVENT_OPTIONS, default: 'call.answered' },
				{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://example.com/telnyx/hangup' },
			],
		},
	],
};

/** Webhook options that Place Call lacked before (method, per-event method, retry policies). */
export const webhookDeliveryOptions: INodeProperties[] = [
	{ displayName: 'Webhook URL Method', name: 'webhookUrlMethod', type: 'options', options: METHODS, default: 'POST', description: 'HTTP method for Webhook URL. The Telnyx Trigger accepts POST only.' },
	{ displayName: 'Webhook URLs per Event Method', name: 'webhookUrlsMethod', type: 'options', options: METHODS, default: 'POST', description: 'HTTP method for Webhook URLs per Event' },
	{
		displayName: 'Webhook Retry Policies',
		name: 'webhookRetries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Retry Policy',
		description: 'How Telnyx retries a failed delivery of an event: at most 5 retries, 60 s in all',
		options: [
			{
				displayName: 'Policy',
				name: 'policy',
				values: [
					{ displayName: 'Event', name: 'event', type: 'options', options: WEBHOOK_EVENT_OPTIONS, default: 'call.answered' },
					{ displayName: 'Retry Delays (Ms)', name: 'retriesMs', type: 'string', default: '1000, 5000', placeholder: 'e.g. 1000, 5000, 10000', description: 'Milliseconds before each retry, separated by commas' },
				],
			},
		],
	},
];

export const webhookOptions: INodeProperties[] = [webhookUrlOption, webhookUrlsOption, ...webhookDeliveryOptions];

export function perEventUrls(options: IDataObject): Record<string, string[]> | undefined {
	const entries = ((options.webhookUrls as IDataObject | undefined)?.eventUrl ?? []) as Array<{ event: string; url: string }>;
	const map: Record<string, string[]> = {};
	for (const { event, url } of entries) if (url) (map[event] ??= []).push(url);
	return Object.keys(map).length ? map : undefined;
}

/** `retries_ms` per event: at most 5 whole, non-negative delays adding up to 60 s (SDK `webhook_retries_policies`). */
export function retryPolicies(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): Record<string, { retries_ms: number[] }> | undefined {
	const entries = ((options.webhookRetries as IDataObject | undefined)?.policy ?? []) as Array<{ event: string; retriesMs: string }>;
	const policies: Record<string, { retries_ms: number[] }> = {};
	for (const { event, retriesMs } of entries) {
		const parts = String(retriesMs ?? '').split(/[\s,;]+/).filter(Boolean);
		const delays = parts.map(Number);
		const fix = 'enter up to 5 whole numbers of milliseconds separated by commas, adding up to at most 60000, e.g. 1000, 5000';
		if (delays.length === 0 || delays.length > 5 || delays.some((ms) => !Number.isInteger(ms) || ms < 0)) {
			refuseOption(ctx, itemIndex, 'Webhook Retry Policies', `"${retriesMs}" for ${event} is not a list of up to 5 delays`, fix);
		}
		if (delays.reduce((a, b) => a + b, 0) > 60000) refuseOption(ctx, itemIndex, 'Webhook Retry Policies', `the delays for ${event} add up to more than 60000 ms`, fix);
		policies[event] = { retries_ms: delays };
	}
	return Object.keys(policies).length ? policies : undefined;
}

/** Method and retry options; the URLs themselves are read by the caller (Place Call keeps its own). */
export function webhookDeliveryBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const policies = retryPolicies(ctx, itemIndex, options);
	return {
		...pick(options, { webhookUrlMethod: 'webhook_url_method', webhookUrlsMethod: 'webhook_urls_method' }),
		...(policies ? { webhook_retries_policies: policies } : {}),
	};
}

export function webhookBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const urls = perEventUrls(options);
	return {
		...pick(options, { webhookUrl: 'webhook_url' }),
		...(urls ? { webhook_urls: urls } : {}),
		...webhookDeliveryBody(ctx, itemIndex, options),
	};
}
