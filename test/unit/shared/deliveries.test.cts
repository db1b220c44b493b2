// The repeat-delivery list kept in a trigger's static data: expiry by the given time, a cap,
// and a change n8n can see (a new object on the node's static data). The context here only
// holds static data: nothing crosses HTTP.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isRepeatDelivery, MAX_REMEMBERED_DELIVERIES } from '../../../nodes/shared/deliveries.ts';

function contextWith(data: IDataObject): IWebhookFunctions {
	return { getWorkflowStaticData: () => data } as unknown as IWebhookFunctions;
}

const T0 = Date.parse('2026-11-23T08:00:00Z');

describe('isRepeatDelivery', () => {
	it('is false the first time, true for a repeat until the key expires, then false again', () => {
		const data: IDataObject = {};
		const ctx = contextWith(data);
		expect(isRepeatDelivery(ctx, 'evt-1', T0 + 300_000, T0)).toBe(false);
		expect(isRepeatDelivery(ctx, 'evt-1', T0 + 600_000, T0 + 299_000)).toBe(true);
		expect(isRepeatDelivery(ctx, 'evt-1', T0 + 900_000, T0 + 301_000)).toBe(false);
	});

	it('drops expired keys and keeps at most the newest ' + MAX_REMEMBERED_DELIVERIES, () => {
		const data: IDataObject = {};
		const ctx = contextWith(data);
		for (let i = 0; i < MAX_REMEMBERED_DELIVERIES + 50; i++) isRepeatDelivery(ctx, `k${i}`, T0 + 1000 * (i + 1), T0);
		const kept = data.recentDeliveries as Record<string, number>;
		expect(Object.keys(kept)).toHaveLength(MAX_REMEMBERED_DELIVERIES);
		expect(kept.k0).toBeUndefined();
		expect(kept[`k${MAX_REMEMBERED_DELIVERIES + 49}`]).toBeDefined();
		isRepeatDelivery(ctx, 'late', T0 + 10_000_000, T0 + 600_000);
		expect(Object.keys(data.recentDeliveries as object).length).toBeLessThan(MAX_REMEMBERED_DELIVERIES);
	});

	it('assigns a new object, so n8n\'s change tracking marks static data as changed', () => {
		const data: IDataObject = {};
		const ctx = contextWith(data);
		isRepeatDelivery(ctx, 'a', T0 + 1000, T0);
		const first = data.recentDeliveries;
		isRepeatDelivery(ctx, 'b', T0 + 1000, T0);
		expect(data.recentDeliveries).not.toBe(first);
	});
});
