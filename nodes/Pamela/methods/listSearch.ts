import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matching } from '../../shared/locator';
import { pamelaRequest } from '../transport';

/** Registered tools (GET /tools: an array; a wrapped list is read too), searched here by name or ID. */
export async function searchTools(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const reply = await pamelaRequest<IDataObject | IDataObject[]>(this, { method: 'GET', path: '/tools' });
	const tools = Array.isArray(reply) ? reply : ((reply.items ?? reply.tools ?? []) as IDataObject[]);
	const items = tools
		.filter((tool) => tool.id !== undefined && tool.id !== null)
		.map((tool) => ({ name: tool.name ? `${String(tool.name)} (${String(tool.id)})` : String(tool.id), value: String(tool.id), description: tool.description ? String(tool.description) : undefined }));
	return matching(items, filter);
}
