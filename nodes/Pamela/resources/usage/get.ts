import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { pamelaRequest } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Month',
		name: 'period',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11',
		description: 'Calendar month (UTC) as YYYY-MM; empty for the current month',
		displayOptions: { show: { resource: ['usage'], operation: ['get'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const period = String(this.getNodeParameter('period', itemIndex, '') ?? '').trim();
	if (period && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
		throw new NodeOperationError(this.getNode(), `Month "${period}" is not in YYYY-MM form`, {
			itemIndex,
			description: `Item ${itemIndex}: enter "Month" as YYYY-MM, e.g. 2026-11, or leave it empty for the current month.`,
		});
	}
	return await pamelaRequest<IDataObject>(this, { method: 'GET', path: '/usage', qs: period ? { period } : undefined, itemIndex });
}
