import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/** Where a trigger remembers the deliveries it accepted: its node's static data. */
const STATIC_KEY = 'recentDeliveries';

/**
 * At most this many keys are kept (the ones that expire last). Static data is written to the
 * database whole after each request that changed it, so the list stays small.
 */
export const MAX_REMEMBERED_DELIVERIES = 1000;

/**
 * Whether a delivery with this key was accepted before and has not expired; otherwise records
 * it until `keepUntilMs`. The list lives in the node's static data, which n8n loads from its
 * database for every production webhook request and saves after it when it changed, so it
 * holds across restarts and across the processes of queue mode. Two copies arriving at the
 * same moment can both pass: n8n does not lock static data between requests.
 */
export function isRepeatDelivery(ctx: IWebhookFunctions, key: string, keepUntilMs: number, nowMs = Date.now()): boolean {
	const data = ctx.getWorkflowStaticData('node');
	const stored = (data[STATIC_KEY] ?? {}) as IDataObject;
	const nowSeconds = Math.floor(nowMs / 1000);
	const live: Record<string, number> = {};
	for (const [seen, until] of Object.entries(stored)) {
		if (typeof until === 'number' && until >= nowSeconds) live[seen] = until;
	}
	const repeat = live[key] !== undefined;
	if (!repeat) live[key] = Math.ceil(keepUntilMs / 1000);
	const keys = Object.keys(live);
	if (keys.length > MAX_REMEMBERED_DELIVERIES) {
		keys.sort((a, b) => live[a] - live[b]);
		for (const old of keys.slice(0, keys.length - MAX_REMEMBERED_DELIVERIES)) delete live[old];
	}
	// Assigned as a new object so that n8n's change tracking sees it and saves it.
	if (!repeat || Object.keys(live).length !== Object.keys(stored).length) data[STATIC_KEY] = live;
	return repeat;
}
