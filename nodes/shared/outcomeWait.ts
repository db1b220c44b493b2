import { NodeOperationError, type IDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { isToolExecution } from './toolExecution';
import { ExecutionStoppedError } from './wait';

export const DEFAULT_MAX_WAIT_MINUTES = 10;
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;

/** "Wait for Outcome" and "Maximum Wait" of a Place Call operation (Pamela, Stepone AI). */
export function waitForOutcomeFields(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Outcome',
			name: 'waitForOutcome',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the call has ended and output its outcome (status, answered, transcript, summary, times) instead of only the call ID. Used as an AI agent tool, the node always waits.',
			displayOptions: { show },
		},
		{
			displayName: 'Maximum Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1440, numberPrecision: 2 },
			default: DEFAULT_MAX_WAIT_MINUTES,
			description: 'Longest wait for a call to end. Past it the item ends with status "timeout" and what was known by then.',
			displayOptions: { show: { ...show, waitForOutcome: [true] } },
		},
	];
}

/** The "Poll Interval (Seconds)" option: the base of the waits between status checks. */
export function pollIntervalOption(): INodeProperties {
	return {
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.05, maxValue: 600, numberPrecision: 2 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		description:
			'With Wait for Outcome: the first check comes after three times this (about when a phone stops ringing), later ones grow to six times this',
	};
}

export interface WaitSettings {
	/** Real ms the item may wait for its outcome in all. */
	maxWaitMs: number;
	/** Base poll interval in ms. */
	pollMs: number;
}

const finiteOr = (value: unknown, fallback: number): number => {
	const n = Number(value);
	return Number.isFinite(n) ? n : fallback;
};

/**
 * The item's wait settings, or undefined when it should not wait: Wait for Outcome is off
 * and the node is not run as an AI agent tool (a tool has nowhere to send a later outcome).
 */
export function waitSettings(ctx: IExecuteFunctions, itemIndex: number, collection = 'options'): WaitSettings | undefined {
	const wanted = ctx.getNodeParameter('waitForOutcome', itemIndex, false) === true;
	if (!wanted && !isToolExecution(ctx)) return undefined;
	const minutes = finiteOr(ctx.getNodeParameter('maxWaitMinutes', itemIndex, DEFAULT_MAX_WAIT_MINUTES), DEFAULT_MAX_WAIT_MINUTES);
	const seconds = finiteOr(ctx.getNodeParameter(`${collection}.pollIntervalSeconds`, itemIndex, DEFAULT_POLL_INTERVAL_SECONDS), DEFAULT_POLL_INTERVAL_SECONDS);
	return { maxWaitMs: Math.max(0, minutes) * 60000, pollMs: Math.max(50, seconds * 1000) };
}

/**
 * Waits between status checks: the first near a phone's ring time (3 × base), each next one
 * 1.25 × longer, capped at 6 × base. With the 5 s default: 15, 18.75, 23.4, 29.3, then 30 s,
 * so a two-minute call costs about six checks and its end is seen within 30 s.
 */
export class PollBackoff {
	private delay: number;

	constructor(private readonly pollMs: number) {
		this.delay = 3 * pollMs;
	}

	next(): number {
		const current = this.delay;
		this.delay = Math.min(6 * this.pollMs, this.delay * 1.25);
		return current;
	}
}

/** A point in real time the wait must not pass. */
export class Deadline {
	readonly at: number;

	constructor(ms: number) {
		this.at = Date.now() + ms;
	}

	left(): number {
		return Math.max(0, this.at - Date.now());
	}

	get passed(): boolean {
		return Date.now() >= this.at;
	}
}

/** A 4xx other than 408/429 (bad key, unknown call): checking again will not help. */
export function isPermanentFailure(error: unknown): boolean {
	const status = Number((error as { httpCode?: unknown })?.httpCode);
	return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * What a failed status check means for a wait: Stop ends it at once; a permanent failure
 * fails the item with `fix` (the call was placed, so the fix must never be "place it again");
 * anything else (5xx, a lost reply) is returned as text, to try again later.
 */
export function pollFailure(ctx: IExecuteFunctions, itemIndex: number, error: unknown, fix: string): string {
	if (error instanceof ExecutionStoppedError || ctx.getExecutionCancelSignal()?.aborted) throw new ExecutionStoppedError();
	if (isPermanentFailure(error)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex, description: `Item ${itemIndex}: ${fix}` });
	return error instanceof Error ? error.message : String(error);
}

/** A request's answer or what it threw, so a poll loop can decide what a failure means outside a catch. */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		return { ok: false, error };
	}
}
