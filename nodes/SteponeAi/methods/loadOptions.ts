import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { entryObject, listOf } from '../lists';
import { steponeRequest } from '../transport';

function firstText(entry: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = entry[key];
		if ((typeof value === 'string' && value) || typeof value === 'number') return String(value);
	}
	return undefined;
}

/** Turns list entries into dropdown options: `valueKeys` give the value sent, `nameKeys` the label. */
function toOptions(entries: unknown[], valueKeys: string[], nameKeys: string[]): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	for (const raw of entries) {
		const entry = entryObject(raw);
		const value = firstText(entry, valueKeys);
		if (value === undefined) continue;
		const label = firstText(entry, nameKeys);
		const description = firstText(entry, ['description', 'desc']);
		options.push({ name: label && label !== value ? `${label} (${value})` : value, value, description });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

const none: INodePropertyOptions = { name: '- Default -', value: '' };

/** The account's agents (the Agent picker lists them through listSearch.ts). */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await steponeRequest(this, { method: 'GET', path: '/api/v1/callinfo/agents' });
	const agents = listOf(body, ['agents']).filter((entry) => entryObject(entry).is_active !== false);
	return [{ name: '- None (Use Requirement) -', value: '' }, ...toOptions(agents, ['id', 'agent_id'], ['name'])];
}

/** Values for `model_engine`, from `engine_list`. */
export async function getEngines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await steponeRequest(this, { method: 'GET', path: '/api/v1/callinfo/engine_list' });
	return [none, ...toOptions(listOf(body, ['engines', 'engine_list', 'model_engines']), ['model_engine', 'engine', 'id', 'value', 'name'], ['name', 'display_name', 'label'])];
}

/** Values for `voice_id`, from `tts_list`. */
export async function getVoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await steponeRequest(this, { method: 'GET', path: '/api/v1/callinfo/tts_list' });
	return [none, ...toOptions(listOf(body, ['voices', 'tts_list', 'tts']), ['voice_id', 'id', 'value', 'name'], ['name', 'display_name', 'label'])];
}
