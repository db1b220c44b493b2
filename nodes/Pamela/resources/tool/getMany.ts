import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pamelaRequest } from '../../transport';

export const description: INodeProperties[] = [];

/** One item per registered tool. The API answers with an array; a wrapped list is read too. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reply = await pamelaRequest<IDataObject | IDataObject[]>(this, { method: 'GET', path: '/tools', itemIndex });
	const tools = Array.isArray(reply) ? reply : ((reply.items ?? reply.tools ?? []) as IDataObject[]);
	return tools;
}
