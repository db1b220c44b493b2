import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isToolExecution } from './toolExecution';

/**
 * As an AI agent tool, the node's items are what the model reads. Their `raw` repeats the other
 * fields in the provider's words (a Pamela outcome carries its transcript twice), so the model
 * is given the normalised fields only; in a workflow every item keeps `raw`.
 */
export function forModel(ctx: IExecuteFunctions, output: INodeExecutionData[][]): INodeExecutionData[][] {
	if (!isToolExecution(ctx)) return output;
	return output.map((items) =>
		items.map((item) => {
			if (!('raw' in item.json)) return item;
			const json = { ...item.json };
			delete json.raw;
			return { ...item, json };
		}),
	);
}
