import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { PhoneNumberError } from './phone';
import { runPool } from './pool';

/** What one operation returns for one input item: one or more output objects. */
export type ItemResult = IDataObject | IDataObject[];

export interface PerItemOptions {
	/** How many items may run at once (default 1: one after another). */
	concurrency?: number;
}

/**
 * Runs `operation` for every input item, up to `concurrency` at once. Outputs come in input
 * order, each with `pairedItem` back to its input; with "Continue On Fail" a failing item
 * yields `{ error }` and the others go on. Without it, no new item starts after a failure
 * and, once the running ones have settled, the lowest failing item's error is thrown.
 * Stop (the execution's cancel signal) starts no new item.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<ItemResult>,
	options: PerItemOptions = {},
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results = await runPool(items.length, operation, {
		concurrency: options.concurrency ?? 1,
		signal: ctx.getExecutionCancelSignal(),
		stopOnError: !continueOnFail,
	});
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < results.length; itemIndex++) {
		const settled = results[itemIndex];
		if (!settled) continue;
		if (settled.ok) {
			for (const json of Array.isArray(settled.value) ? settled.value : [settled.value]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
			continue;
		}
		const nodeError = asNodeError(ctx, settled.error, itemIndex);
		if (!continueOnFail) throw nodeError;
		output.push({
			json: { error: nodeError.message, description: nodeError.description ?? undefined },
			pairedItem: { item: itemIndex },
		});
	}
	return [output];
}

/** Gives every failure the item index, and turns a bad phone number into a message with its fix. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof PhoneNumberError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: `Item ${itemIndex}: ${error.fix}.`,
		});
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Runs a phone-number normaliser, naming the field and the item when the number is refused. */
export function normalisePhone<T>(
	ctx: IExecuteFunctions,
	field: string,
	itemIndex: number,
	normalise: () => T,
): T {
	try {
		return normalise();
	} catch (error) {
		if (!(error instanceof PhoneNumberError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		throw new NodeOperationError(ctx.getNode(), `${field}: ${error.message}`, {
			itemIndex,
			description: `Item ${itemIndex}, field "${field}": ${error.fix}.`,
		});
	}
}

/** Parses a JSON parameter that may arrive as text or already as an object. */
export function jsonParameter(ctx: IExecuteFunctions, field: string, value: unknown, itemIndex: number): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	try {
		const parsed: unknown = JSON.parse(String(value));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// handled below with a message that names the field
	}
	throw new NodeOperationError(ctx.getNode(), `${field} must be a JSON object`, {
		itemIndex,
		description: `Item ${itemIndex}: enter a JSON object such as {"key": "value"} in "${field}".`,
	});
}
