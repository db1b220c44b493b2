import type { IDataObject } from 'n8n-workflow';

import { payloadOf } from './transport';

/**
 * The array in a list reply. The shapes of the agent, engine and voice lists are not
 * documented, so accept a bare array, `data`, or the first array under a likely key.
 */
export function listOf(body: unknown, keys: string[]): unknown[] {
	const payload = payloadOf(body);
	if (Array.isArray(payload)) return payload;
	if (!payload || typeof payload !== 'object') return [];
	const record = payload as IDataObject;
	for (const key of [...keys, 'list', 'items', 'records', 'results']) {
		if (Array.isArray(record[key])) return record[key] as unknown[];
	}
	return [];
}

/** A list entry as an object (entries given as plain strings become `{ id }`). */
export function entryObject(entry: unknown): IDataObject {
	if (entry && typeof entry === 'object' && !Array.isArray(entry)) return entry as IDataObject;
	return { id: entry as string };
}
