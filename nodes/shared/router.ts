import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type ItemResult } from './items';

/** One operation's per-item work (each operation file exports it as `execute`). */
export type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;

/** Operations by resource, then by operation name, as the node's parameters name them. */
export type OperationTable = Record<string, Record<string, Operation>>;

/** Runs the chosen resource/operation over every input item (Continue On Fail, pairedItem). */
export async function routeOperation(ctx: IExecuteFunctions, table: OperationTable): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = table[resource]?.[operation];
	if (!run) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return await runPerItem(ctx, (itemIndex) => run.call(ctx, itemIndex));
}
