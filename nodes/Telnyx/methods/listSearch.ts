import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { locatorValue, matching } from '../../shared/locator';
import { apiRequest } from '../../shared/transport';
import { telnyx } from '../transport';
import { VOICES } from '../voices';

const PAGE_SIZE = 100;

interface TelnyxPage {
	data?: IDataObject[];
	meta?: { page_number?: number; total_pages?: number };
}

/** A list reply whole (`data` and `meta`): telnyxRequest would return only `data`. */
async function listPage(ctx: ILoadOptionsFunctions, path: string, qs?: IDataObject): Promise<TelnyxPage> {
	const response = await apiRequest<TelnyxPage>(ctx, telnyx, { method: 'GET', path, qs });
	return response.body ?? {};
}

/** The next page's number as n8n's pagination token, while the API says there are more. */
function nextPage(page: TelnyxPage, current: number): string | undefined {
	const total = Number(page.meta?.total_pages ?? 1);
	return current < total ? String(current + 1) : undefined;
}

/** Call Control applications (GET /v2/call_control_applications, SDK call-control-applications.d.ts), searched by name. */
export async function searchConnections(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = { 'page[number]': pageNumber, 'page[size]': PAGE_SIZE };
	if (filter?.trim()) qs['filter[application_name][contains]'] = filter.trim();
	const page = await listPage(this, '/call_control_applications', qs);
	const results: INodeListSearchItems[] = (page.data ?? []).map((app) => ({
		name: `${String(app.application_name ?? app.id)} (${String(app.id)})`,
		value: String(app.id),
	}));
	return { results, paginationToken: nextPage(page, pageNumber) };
}

/**
 * The account's numbers (GET /v2/phone_numbers, SDK phone-numbers/phone-numbers.d.ts), only
 * those on the chosen Connection when one is chosen (`filter[connection_id]`). Telnyx
 * filters by number from three digits on, so shorter searches filter the page here.
 */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = { 'page[number]': pageNumber, 'page[size]': PAGE_SIZE };
	const connectionId = locatorValue(this.getCurrentNodeParameter('connectionId', { extractValue: true }));
	if (connectionId && !connectionId.startsWith('=')) qs['filter[connection_id]'] = connectionId;
	const digits = (filter ?? '').replace(/\D/g, '');
	if (digits.length >= 3) qs['filter[phone_number]'] = digits;
	const page = await listPage(this, '/phone_numbers', qs);
	const items: INodeListSearchItems[] = (page.data ?? []).map((number) => {
		const connection = number.connection_name ? ` (${String(number.connection_name)})` : '';
		return { name: `${String(number.phone_number)}${connection}`, value: String(number.phone_number) };
	});
	const result = digits.length >= 3 ? { results: items } : matching(items, filter);
	return { ...result, paginationToken: nextPage(page, pageNumber) };
}

/** Stored AI assistants (GET /v2/ai/assistants, SDK ai/assistants/assistants.d.ts: one unpaged list), searched here by name or ID. */
export async function searchAssistants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const list = await listPage(this, '/ai/assistants');
	const items = (list.data ?? []).map((assistant) => ({ name: String(assistant.name || assistant.id), value: String(assistant.id) }));
	return matching(items, filter);
}

/** The voices the SDK names (nodes/Telnyx/voices.ts); no request. */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return matching(VOICES, filter);
}
