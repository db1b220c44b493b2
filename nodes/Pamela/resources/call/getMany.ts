import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { normaliseCall } from '../../transcript';
import { pamelaRequest } from '../../transport';

const show = { resource: ['call'], operation: ['getMany'] };
/** The API's largest page (contract §2). */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '', description: 'Only calls created before this time' },
			{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '', description: 'Only calls created after this time' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'completed',
				options: ['queued', 'ringing', 'in_progress', 'completed', 'failed', 'cancelled'].map((value) => ({
					name: value === 'in_progress' ? 'In Progress' : value[0].toUpperCase() + value.slice(1),
					value,
				})),
			},
		],
	},
];

function isoDate(ctx: IExecuteFunctions, field: string, value: unknown, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const date = new Date(String(value));
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(ctx.getNode(), `${field} is not a date`, {
			itemIndex,
			description: `Item ${itemIndex}: enter "${field}" as an ISO 8601 date such as 2026-11-01T00:00:00Z.`,
		});
	}
	return date.toISOString();
}

/** Query filters. The status goes as `status_filter` (current API) and `status` (earlier API): each ignores the other (contract §2). */
function filterQuery(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) {
		qs.status_filter = filters.status;
		qs.status = filters.status;
	}
	const start = isoDate(ctx, 'Start Date', filters.startDate, itemIndex);
	const end = isoDate(ctx, 'End Date', filters.endDate, itemIndex);
	if (start) qs.start_date = start;
	if (end) qs.end_date = end;
	return qs;
}

/** Pages through GET /calls with limit/offset until the wanted number, an empty page or `total`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const wanted = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)));
	const qs = filterQuery(this, itemIndex);
	const calls: IDataObject[] = [];
	for (let offset = 0; calls.length < wanted; ) {
		const limit = Math.min(PAGE_SIZE, wanted - calls.length);
		const page = await pamelaRequest<IDataObject>(this, { method: 'GET', path: '/calls', qs: { ...qs, limit, offset }, itemIndex });
		const items = (Array.isArray(page) ? page : (page.items ?? page.calls ?? [])) as IDataObject[];
		calls.push(...items.slice(0, wanted - calls.length));
		offset += items.length;
		const total = typeof page.total === 'number' ? page.total : undefined;
		if (items.length < limit || (total !== undefined && offset >= total)) break;
	}
	return calls.map((call) => normaliseCall(call));
}
