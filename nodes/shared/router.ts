import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type ItemResult } from './items';
import { currentOperation, type OperationAliases } from './operations';

/** One operation's per-item work (each operation file exports it as `execute`). */
export type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;

/**
 * An operation file as a whole: its per-item work and, for operations that start or wait
 * for calls, how many items may run at once (its "Concurrency" option).
 */
export interface OperationModule {
	execute: Operation;
	concurrency?: (ctx: IExecuteFunctions) => number;
}

/** Operations by resource, then by operation name, as the node's parameters name them. */
export type OperationTable = Record<string, Record<string, Operation | OperationModule>>;

/**
 * Runs the chosen resource/operation over every input item (Continue On Fail, pairedItem).
 * An operation value renamed since a workflow was saved runs as its current value (`aliases`).
 */
export async function routeOperation(ctx: IExecuteFunctions, table: OperationTable, aliases: OperationAliases = {}): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = currentOperation(ctx.getNodeParameter('operation', 0) as string, aliases);
	const entry = table[resource]?.[operation];
	if (!entry) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
			description:
				'This version of the package has no such operation (the workflow may come from another version): open the node, pick the Resource and ' +
				'Operation again and save, or update n8n-nodes-ai-calls to the version the workflow was built with.',
		});
	}
	const run = typeof entry === 'function' ? entry : entry.execute;
	const concurrency = typeof entry === 'function' || !entry.concurrency || ctx.getInputData().length < 2 ? 1 : entry.concurrency(ctx);
	return await runPerItem(ctx, (itemIndex) => run.call(ctx, itemIndex), { concurrency });
}
