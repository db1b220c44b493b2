import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** More at once gains little against a provider's own limits and only risks 429 storms. */
export const MAX_CONCURRENCY = 50;
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 300;

/** The "Concurrency" option of an operation that starts or waits for calls. */
export function concurrencyOption(defaultValue: number): INodeProperties {
	return {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		default: defaultValue,
		description: `How many items run at once (1: one after another). Outputs keep the input order. Without this option: ${defaultValue}.`,
	};
}

/**
 * Reads "Concurrency" from an options collection. A collection holds only the options the
 * user added, so the operation's default applies when it is absent. One value for the run:
 * the first item's.
 */
export function concurrencyReader(defaultValue: number, collection = 'options'): (ctx: IExecuteFunctions) => number {
	return (ctx) => {
		const value = Number(ctx.getNodeParameter(`${collection}.concurrency`, 0, defaultValue));
		return Number.isFinite(value) ? Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value))) : defaultValue;
	};
}

/** The "Maximum Rate-Limit Wait" option of an operation that creates calls. */
export function maxRateLimitWaitOption(): INodeProperties {
	return {
		displayName: 'Maximum Rate-Limit Wait (Seconds)',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: DEFAULT_RATE_LIMIT_WAIT_SECONDS,
		description:
			'When the provider answers 429 (too many requests: nothing was done), wait as long as it asks and send again, up to this long in all per item. Past it the item fails, naming the wait. 0: fail at once.',
	};
}

/** The item's "Maximum Rate-Limit Wait" in ms (default 5 minutes). */
export function maxRateLimitWaitMs(ctx: IExecuteFunctions, itemIndex: number, collection = 'options'): number {
	const seconds = Number(ctx.getNodeParameter(`${collection}.maxRateLimitWait`, itemIndex, DEFAULT_RATE_LIMIT_WAIT_SECONDS));
	return Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : DEFAULT_RATE_LIMIT_WAIT_SECONDS * 1000;
}
