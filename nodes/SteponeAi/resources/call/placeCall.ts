import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { concurrencyOption, concurrencyReader, maxRateLimitWaitMs, maxRateLimitWaitOption } from '../../../shared/campaign';
import { normalisePhone } from '../../../shared/items';
import { locatorField, locatorValue } from '../../../shared/locator';
import { pollIntervalOption, waitForOutcomeFields, waitSettings } from '../../../shared/outcomeWait';
import { splitPhoneList, toChinaMobile } from '../../../shared/phone';
import { deriveIdempotencyKey, IDEMPOTENCY_KEY } from '../../idempotency';
import { steponeRequest } from '../../transport';
import { extractCallIds } from './callIds';
import { waitForSteponeOutcomes } from './waitForOutcome';

/** The 1.0.14 client's cap on user text (20,000 with its own preamble; contract §3). */
export const MAX_REQUIREMENT_CHARS = 19500;
const MAX_SHORT_FIELD = 100;

const show = { show: { resource: ['call'], operation: ['placeCall'] } };

/**
 * Requests at once. Stepone documents no rate limit (contract §7) and one request may hold
 * several numbers already; 5 keeps a batch moving without testing an unknown limit.
 */
const DEFAULT_CONCURRENCY = 5;
export const concurrency = concurrencyReader(DEFAULT_CONCURRENCY);

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phones',
		type: 'string',
		required: true,
		default: '',
		placeholder: '13800138000',
		description:
			'Mainland China mobile number to call. Several numbers separated by commas (or a list from an expression) are placed in one request, one call each. +86, 0086, spaces and dashes are accepted.',
		displayOptions: show,
	},
	{
		displayName: 'Requirement',
		name: 'requirement',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. 提醒客户明天上午十点到店取货',
		description: `What the AI should do on the call, in the language it should speak. Up to ${MAX_REQUIREMENT_CHARS.toLocaleString('en-US')} characters. May be empty when an agent is chosen.`,
		displayOptions: show,
	},
	locatorField({
		displayName: 'Agent',
		name: 'agentId',
		searchListMethod: 'searchAgents',
		idPlaceholder: 'e.g. 7',
		description: 'Agent from the Stepone console; its prompt, engine, voice, speed, volume and emotion then replace the ones below. Leave empty to use Requirement.',
		displayOptions: show,
	}),
	...waitForOutcomeFields(show.show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
				placeholder: 'spring-reminders-2026',
				description:
					'Names the campaign these calls belong to. The derived Idempotency-Key is then made of this ID and the numbers only, so re-running the same contacts (e.g. after a worker died) sends the same keys. Use a new ID to call the same people again on purpose.',
			},
			concurrencyOption(DEFAULT_CONCURRENCY),
			{
				displayName: 'Emotion',
				name: 'emotion',
				type: 'string',
				default: '',
				placeholder: 'neutral',
				description: 'Tone of the AI voice (up to 100 characters)',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Sent as the Idempotency-Key header. Leave empty to derive one from the Campaign ID and the numbers (without a Campaign ID: the workflow, node, numbers, requirement and agent), so a re-run of the same contact sends the same key wherever it sits in the input. 8–128 characters: letters, digits, . _ : -.',
			},
			maxRateLimitWaitOption(),
			{
				displayName: 'Model Engine Name or ID',
				name: 'modelEngine',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getEngines' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			pollIntervalOption(),
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 50,
				description: 'Speaking speed, 0–100',
			},
			{
				displayName: 'Voice Name or ID',
				name: 'voiceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVoices' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Volume',
				name: 'volume',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 50,
				description: 'Speaking volume, 0–100',
			},
		],
	},
];

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, fix: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `Item ${itemIndex}: ${fix}` });
}

/** Every number in the field, normalised; the first refused one fails the item before anything is sent. */
function phonesOf(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('phones', itemIndex) as unknown;
	const numbers = splitPhoneList(raw);
	if (numbers.length === 0) fail(ctx, itemIndex, 'Phone Numbers is empty', 'enter an 11-digit mainland mobile number, e.g. 13800138000, in "Phone Numbers".');
	return numbers.map((number) => normalisePhone(ctx, 'Phone Numbers', itemIndex, () => toChinaMobile(number)));
}

function agentIdOf(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const raw = locatorValue(ctx.getNodeParameter('agentId', itemIndex, '', { extractValue: true }));
	if (raw === '') return undefined;
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) fail(ctx, itemIndex, `Agent "${raw}" is not an agent ID`, 'choose an agent from the list in "Agent" or enter its numeric ID.');
	return id;
}

function shortText(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	if (text.length > MAX_SHORT_FIELD) fail(ctx, itemIndex, `${field} is longer than ${MAX_SHORT_FIELD} characters`, `shorten "${field}".`);
	return text;
}

function percent(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): number | undefined {
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 100) fail(ctx, itemIndex, `${field} must be a whole number from 0 to 100`, `set "${field}" between 0 and 100.`);
	return n;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const phones = phonesOf(this, itemIndex);
	const requirement = String(this.getNodeParameter('requirement', itemIndex, '') ?? '').trim();
	const agentId = agentIdOf(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	if (!requirement && agentId === undefined) {
		fail(this, itemIndex, 'Requirement is empty', 'describe the task in "Requirement", or choose an agent in "Agent".');
	}
	// Characters as a person counts them (a Chinese character is one), not UTF-16 units.
	const length = [...requirement].length;
	if (length > MAX_REQUIREMENT_CHARS) {
		fail(this, itemIndex, `Requirement has ${length} characters; Stepone accepts at most ${MAX_REQUIREMENT_CHARS}`, `shorten "Requirement" by ${length - MAX_REQUIREMENT_CHARS} characters.`);
	}

	const body: IDataObject = { phones: phones.join(',') };
	if (requirement) body.user_requirement = requirement;
	if (agentId !== undefined) body.agent_id = agentId;
	const modelEngine = shortText(this, itemIndex, 'Model Engine Name or ID', options.modelEngine);
	const voiceId = shortText(this, itemIndex, 'Voice Name or ID', options.voiceId);
	const emotion = shortText(this, itemIndex, 'Emotion', options.emotion);
	if (modelEngine) body.model_engine = modelEngine;
	if (voiceId) body.voice_id = voiceId;
	if (emotion) body.emotion = emotion;
	const volume = percent(this, itemIndex, 'Volume', options.volume);
	const speed = percent(this, itemIndex, 'Speed', options.speed);
	if (volume !== undefined) body.volume = volume;
	if (speed !== undefined) body.speed = speed;

	const given = String(options.idempotencyKey ?? '').trim();
	if (given && !IDEMPOTENCY_KEY.test(given)) {
		fail(this, itemIndex, 'Idempotency Key has an invalid format', 'use 8–128 characters: letters, digits, . _ : - (or leave it empty to derive one).');
	}
	const idempotencyKey =
		given ||
		deriveIdempotencyKey({
			campaignId: String(options.campaignId ?? ''),
			workflowId: String(this.getWorkflow().id ?? ''),
			nodeName: this.getNode().name,
			phones,
			requirement,
			agentId,
		});

	// Never resent once it may have arrived: Stepone does not promise to dedupe the key (contract
	// §3), so a copy could ring twice. Only a 429 (nothing was done) is sent again after its wait.
	const response = await steponeRequest(this, {
		method: 'POST',
		path: '/api/v1/callinfo/initiate_call',
		body,
		headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json; charset=utf-8' },
		itemIndex,
		retry: 'never',
		rateLimitWaitMs: maxRateLimitWaitMs(this, itemIndex),
		lostReplyHint: `The call to ${phones.join(', ')} may have been placed. Check the Stepone console or Get Call Record before running again; this node never redials on its own (Idempotency-Key ${idempotencyKey}).`,
	});

	const callIds = extractCallIds(response);
	const message = typeof response.message === 'string' ? response.message : undefined;
	if (callIds.length === 0) {
		fail(this, itemIndex, 'Stepone AI accepted the call but returned no call ID', `the call to ${phones.join(', ')} may be ringing: check the Stepone console before running again.`);
	}
	const wait = waitSettings(this, itemIndex);
	if (wait) {
		const matched = callIds.length === phones.length;
		return await waitForSteponeOutcomes(this, itemIndex, callIds.map((callId, index) => ({ callId, phone: matched ? phones[index] : null })), wait);
	}
	if (callIds.length === phones.length) {
		return phones.map((phone, index) => ({ callId: callIds[index], phone, idempotencyKey, message }));
	}
	// The ids cannot be matched to numbers when their counts differ; report them as they came.
	return [{ callIds, callId: callIds[0], phones, idempotencyKey, message, warning: `Stepone returned ${callIds.length} call IDs for ${phones.length} numbers, so they are not matched to numbers` }];
}
