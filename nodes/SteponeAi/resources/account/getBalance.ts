import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { steponeRequest } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await steponeRequest<IDataObject>(this, { method: 'GET', path: '/api/v1/callinfo/balance', itemIndex });
	const data = (body.data && typeof body.data === 'object' ? body.data : body) as IDataObject;
	return { balance: data.balance, currency: data.currency ?? 'CNY', raw: body };
}
