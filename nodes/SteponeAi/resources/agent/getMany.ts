import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { entryObject, listOf } from '../../lists';
import { steponeRequest } from '../../transport';

const show = { show: { resource: ['agent'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show.show, returnAll: [false] } },
	},
];

/** One item per agent of the account. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = await steponeRequest(this, { method: 'GET', path: '/api/v1/callinfo/agents', itemIndex });
	const agents = listOf(body, ['agents']).map(entryObject);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? agents : agents.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
}
