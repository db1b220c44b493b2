import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matching } from '../../shared/locator';
import { getAgents } from './loadOptions';

/** The account's active agents for the Agent picker, searched here by name or ID (the API has no search). */
export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agents = (await getAgents.call(this)).filter((option) => option.value !== '');
	return matching(agents.map(({ name, value, description }) => ({ name, value: String(value), description })), filter);
}
