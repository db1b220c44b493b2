import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { concurrencyOption, concurrencyReader, maxRateLimitWaitMs, maxRateLimitWaitOption } from '../../../shared/campaign';
import { jsonParameter, normalisePhone } from '../../../shared/items';
import { pollIntervalOption, waitForOutcomeFields, waitSettings } from '../../../shared/outcomeWait';
import { toE164 } from '../../../shared/phone';
import { pamelaRequest } from '../../transport';
import { dedupeSettings, DEDUPE_METADATA_KEY, options as alreadyCalledOptions, placeOnce } from './alreadyCalled';
import { waitForPamelaOutcome } from './waitForOutcome';

const show = { resource: ['call'], operation: ['placeCall'] };

/**
 * Calls placed at once. Pamela publishes no numeric limit and answers 429 (6001) past it
 * (contract §7); 5 keeps a batch moving without provoking it, and a 429 is waited out.
 */
const DEFAULT_CONCURRENCY = 5;
export const concurrency = concurrencyReader(DEFAULT_CONCURRENCY);

export const description: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155550123',
		description: 'Number to call. Written in any usual way; it is sent in E.164. Without a leading + the Country option decides the country.',
		displayOptions: { show },
	},
	{
		displayName: 'Task',
		name: 'task',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. Book a table for two tonight at 8 pm under the name Smith',
		description: 'What the AI agent should get done on the call',
		displayOptions: { show },
	},
	...waitForOutcomeFields(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Agent Name', name: 'agentName', type: 'string', default: '', placeholder: 'e.g. Pamela', description: 'Name the agent introduces itself with' },
			{ displayName: 'Caller Name', name: 'callerName', type: 'string', default: '', description: 'Person or company the agent calls on behalf of' },
			concurrencyOption(DEFAULT_CONCURRENCY),
			{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'e.g. US', description: 'ISO 3166-1 alpha-2 code of the country called; also used to read a "To" number written without +' },
			alreadyCalledOptions[0],
			{ displayName: 'End-User ID', name: 'endUserId', type: 'string', default: '', description: 'Your ID for the end user the call is made for, to keep their calls apart' },
			{ displayName: 'Instructions', name: 'instructions', type: 'string', default: '', typeOptions: { rows: 3 }, description: 'Extra instructions on how to behave' },
			{ displayName: 'Locale', name: 'locale', type: 'string', default: '', placeholder: 'e.g. en-US', description: 'Language and region of the conversation' },
			alreadyCalledOptions[1],
			{ displayName: 'Max Duration (Seconds)', name: 'maxDurationSeconds', type: 'number', default: 299, typeOptions: { minValue: 1 }, description: 'Longest the call may last' },
			maxRateLimitWaitOption(),
			{
				displayName: 'Metadata',
				name: 'metadataUi',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Metadata',
				description: 'Key-value pairs stored with the call',
				options: [
					{
						displayName: 'Entry',
						name: 'entries',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Metadata (JSON)', name: 'metadataJson', type: 'json', default: '{}', description: 'Metadata as a JSON object; merged with the key-value pairs, which win on the same key' },
			pollIntervalOption(),
			alreadyCalledOptions[2],
			{
				displayName: 'Tools (JSON)',
				name: 'tools',
				type: 'json',
				default: '[]',
				description:
					'Tools the agent may use on this call: an array of tool definitions such as [{"name": "lookup_order", "description": "…", "input_schema": {…}}]. Tools registered with Tool > Register are available without this.',
			},
			{
				displayName: 'Voice',
				name: 'voice',
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Female', value: 'female' },
					{ name: 'Male', value: 'male' },
				],
			},
		],
	},
];

function metadataFrom(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number): IDataObject {
	const metadata = { ...jsonParameter(ctx, 'Metadata (JSON)', options.metadataJson, itemIndex) };
	const entries = ((options.metadataUi as IDataObject | undefined)?.entries ?? []) as IDataObject[];
	for (const { key, value } of entries) {
		if (String(key ?? '').trim()) metadata[String(key).trim()] = value;
	}
	return metadata;
}

function toolsFrom(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject[] {
	let tools: unknown = value;
	if (typeof value === 'string') {
		try {
			tools = value.trim() ? JSON.parse(value) : [];
		} catch {
			tools = undefined;
		}
	}
	if (tools === undefined || tools === null) tools = [];
	const valid = Array.isArray(tools) && tools.every((tool) => tool && typeof tool === 'object' && typeof (tool as IDataObject).name === 'string');
	if (!valid) {
		throw new NodeOperationError(ctx.getNode(), 'Tools (JSON) must be an array of tool definitions', {
			itemIndex,
			description: `Item ${itemIndex}: enter an array such as [{"name": "lookup_order", "description": "Finds an order"}]; every tool needs a "name".`,
		});
	}
	return tools as IDataObject[];
}

/** The request body; optional fields are left out when empty, as the Python SDK does (contract §3). */
export function buildCallBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = String(options.country ?? '').trim().toUpperCase();
	const to = normalisePhone(ctx, 'To', itemIndex, () => toE164(ctx.getNodeParameter('to', itemIndex), country || undefined, 'Country'));
	const task = String(ctx.getNodeParameter('task', itemIndex, '')).trim();
	if (!task) {
		throw new NodeOperationError(ctx.getNode(), 'Task is empty', {
			itemIndex,
			description: `Item ${itemIndex}: enter in "Task" what the agent should get done on the call.`,
		});
	}
	const body: IDataObject = { to, task };
	const optional: Array<[string, unknown]> = [
		['country', country],
		['locale', options.locale],
		['instructions', options.instructions],
		['voice', options.voice],
		['agent_name', options.agentName],
		['caller_name', options.callerName],
		['end_user_id', options.endUserId],
	];
	for (const [key, value] of optional) {
		if (typeof value === 'string' && value.trim()) body[key] = value.trim();
	}
	if (options.maxDurationSeconds !== undefined) body.max_duration_seconds = Math.round(Number(options.maxDurationSeconds));
	const metadata = metadataFrom(ctx, options, itemIndex);
	if (Object.keys(metadata).length) body.metadata = metadata;
	const tools = toolsFrom(ctx, options.tools, itemIndex);
	if (tools.length) body.tools = tools;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = buildCallBody(this, itemIndex);
	const dedupe = dedupeSettings(this, itemIndex, body);
	if (dedupe) body.metadata = { ...(body.metadata as IDataObject | undefined), [DEDUPE_METADATA_KEY]: dedupe.key };
	const { call: created, alreadyCalled } = dedupe
		? await placeOnce(this, itemIndex, dedupe, async () => await placeCall(this, itemIndex, body))
		: { call: await placeCall(this, itemIndex, body), alreadyCalled: false };
	const known = dedupe ? { alreadyCalled, dedupeKey: dedupe.key } : {};
	const wait = waitSettings(this, itemIndex);
	if (wait && created.id) {
		const metadata = (alreadyCalled ? created.metadata : body.metadata) as IDataObject | undefined;
		return { ...(await waitForPamelaOutcome(this, itemIndex, created, metadata, wait)), ...known };
	}
	return { id: created.id, status: created.status, callSessionId: created.call_session_id, createdAt: created.created_at, to: body.to, ...known, raw: created };
}

async function placeCall(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): Promise<IDataObject> {
	const sentAt = new Date().toISOString();
	return await pamelaRequest<IDataObject>(ctx, {
		method: 'POST',
		path: '/calls',
		body,
		itemIndex,
		// No idempotency key exists (contract §7): a second POST could dial the person twice.
		// Only a 429 (nothing was done) is sent again, after the wait Pamela asks for.
		retry: 'never',
		rateLimitWaitMs: maxRateLimitWaitMs(ctx, itemIndex),
		lostReplyHint:
			`Pamela may or may not have placed the call to ${String(body.to)}: the request was sent but no answer came back, so it was not repeated. ` +
			`Before running again, check with Call > Get Many (filter Start Date ${sentAt}) whether a call to that number exists, or turn on Skip If Already Called.`,
	});
}
