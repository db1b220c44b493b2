import { createHash } from 'node:crypto';

import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { pamelaRequest } from '../../transport';

/**
 * Re-run safety for Place. Pamela has no idempotency key (contract §7), so a re-run of an
 * execution that a dead worker left as `error` would ring everyone again. With Skip If Already
 * Called, each call carries a dedupe key in its metadata, and before placing the node lists
 * the calls of the look-back window (GET /calls, the only filter the API has is the date) and
 * skips a contact whose key is there. The listing is read once per node run, not per item.
 */
export const DEDUPE_METADATA_KEY = 'n8n_dedupe_key';
const PAGE_SIZE = 100;
/** 10,000 calls: a bound on one look-up, so a wide window cannot page for ever. */
const MAX_PAGES = 100;
const DEFAULT_LOOK_BACK_HOURS = 24;

export const options: INodeProperties[] = [
	{
		displayName: 'Dedupe Key',
		name: 'dedupeKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.contactId }}:spring-2026',
		description:
			'Used with Skip If Already Called: what makes this call the same as an earlier one, stored in the call\'s metadata as n8n_dedupe_key. Leave empty to derive it from the workflow, node, number and task. Use e.g. your contact ID plus a campaign name.',
	},
	{
		displayName: 'Look-Back (Hours)',
		name: 'lookBackHours',
		type: 'number',
		default: DEFAULT_LOOK_BACK_HOURS,
		typeOptions: { minValue: 1 },
		description: 'Used with Skip If Already Called: how far back to look for an earlier call with the same Dedupe Key',
	},
	{
		displayName: 'Skip If Already Called',
		name: 'skipIfAlreadyCalled',
		type: 'boolean',
		default: false,
		description:
			'Whether to look for a call with the same Dedupe Key placed within the Look-Back window before placing, and output that call (or wait for its outcome) instead of calling again. Makes re-running a campaign safe, e.g. after an n8n worker died.',
	},
];

export interface DedupeSettings {
	key: string;
	lookBackMs: number;
}

/** The settings when the option is on, with the key this item's call is known by. */
export function dedupeSettings(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): DedupeSettings | undefined {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.skipIfAlreadyCalled !== true) return undefined;
	const given = String(options.dedupeKey ?? '').trim();
	const derived = () =>
		`n8n-${createHash('sha256').update(JSON.stringify([String(ctx.getWorkflow().id ?? ''), ctx.getNode().name, body.to, body.task]), 'utf8').digest('hex').slice(0, 32)}`;
	const hours = Number(options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS);
	if (!Number.isFinite(hours) || hours <= 0) {
		throw new NodeOperationError(ctx.getNode(), 'Look-Back (Hours) must be more than 0', { itemIndex, description: `Item ${itemIndex}: set "Look-Back (Hours)" to e.g. 24.` });
	}
	return { key: given || derived(), lookBackMs: hours * 3_600_000 };
}

/** The calls known by key in one node run: Pamela's listing, then the calls this run places. */
type Ledger = Map<string, Promise<IDataObject>>;
const ledgers = new WeakMap<IExecuteFunctions, Promise<Ledger>>();

async function listRecentCalls(ctx: IExecuteFunctions, itemIndex: number, lookBackMs: number): Promise<Ledger> {
	const since = new Date(Date.now() - lookBackMs).toISOString();
	const ledger: Ledger = new Map();
	let offset = 0;
	for (let page = 0; ; page++) {
		if (page === MAX_PAGES) {
			throw new NodeOperationError(ctx.getNode(), `More than ${PAGE_SIZE * MAX_PAGES} calls since ${since}: too many to look through before placing`, {
				itemIndex,
				description: `Item ${itemIndex}: shorten "Look-Back (Hours)" so the window holds fewer calls. Nothing was placed.`,
			});
		}
		const reply = await pamelaRequest<IDataObject>(ctx, { method: 'GET', path: '/calls', qs: { start_date: since, limit: PAGE_SIZE, offset }, itemIndex });
		const items = (Array.isArray(reply) ? reply : (reply.items ?? reply.calls ?? [])) as IDataObject[];
		for (const call of items) {
			const key = (call.metadata as IDataObject | undefined)?.[DEDUPE_METADATA_KEY];
			// Newest first: the first call seen for a key is the one to report.
			if (typeof key === 'string' && !ledger.has(key)) ledger.set(key, Promise.resolve(call));
		}
		offset += items.length;
		const total = typeof reply.total === 'number' ? reply.total : undefined;
		if (items.length < PAGE_SIZE || (total !== undefined && offset >= total)) return ledger;
	}
}

/**
 * The earlier call for this key, or undefined after reserving the key for `place`. A second
 * item of the same run with the same key gets the first item's call (never a second call);
 * if that placing failed, it fails too, since the failed request may still have rung.
 */
export async function placeOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: DedupeSettings,
	place: () => Promise<IDataObject>,
): Promise<{ call: IDataObject; alreadyCalled: boolean }> {
	let listing = ledgers.get(ctx);
	if (!listing) {
		listing = listRecentCalls(ctx, itemIndex, settings.lookBackMs);
		ledgers.set(ctx, listing);
	}
	const ledger = await listing;
	const earlier = ledger.get(settings.key);
	if (earlier) {
		try {
			return { call: await earlier, alreadyCalled: true };
		} catch {
			throw new NodeOperationError(ctx.getNode(), `Not placed: another item of this run has the same Dedupe Key "${settings.key}" and placing its call failed`, {
				itemIndex,
				description: `Item ${itemIndex}: see that item's error; its call may or may not have been placed. Give each contact its own Dedupe Key.`,
			});
		}
	}
	const placing = place();
	ledger.set(settings.key, placing);
	return { call: await placing, alreadyCalled: false };
}
