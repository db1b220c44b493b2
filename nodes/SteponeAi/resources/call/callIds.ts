import type { IDataObject } from 'n8n-workflow';

type Found = { ids: string[]; depth: number };

function search(value: unknown, key: string, depth: number): Found | undefined {
	if (!value || typeof value !== 'object' || depth > 5) return undefined;
	if (Array.isArray(value)) {
		for (const entry of value) {
			const found = search(entry, key, depth + 1);
			if (found) return found;
		}
		return undefined;
	}
	const record = value as IDataObject;
	const direct = record[key];
	if (Array.isArray(direct) && direct.length > 0) return { ids: direct.map(String), depth };
	if (typeof direct === 'string' && direct) return { ids: [direct], depth };
	if (typeof direct === 'number') return { ids: [String(direct)], depth };
	for (const nested of Object.values(record)) {
		const found = search(nested, key, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/**
 * The call IDs of an `initiate_call` reply. Where they sit is not documented, so, as the
 * official clients do, look for `call_ids`, then `call_id`, then `provider_call_id`, at any depth.
 */
export function extractCallIds(body: unknown): string[] {
	for (const key of ['call_ids', 'call_id', 'provider_call_id']) {
		const found = search(body, key, 0);
		if (found) return found.ids;
	}
	return [];
}
