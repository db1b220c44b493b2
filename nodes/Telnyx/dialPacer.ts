import type { IExecuteFunctions } from 'n8n-workflow';

import { Pacer, type PacerClock } from '../shared/pacer';
import { cancellableSleep } from '../shared/wait';

/** Telnyx counts dials as a rolling 5 s sum: 30 per second means at most 150 in any 5 s (contract §8). */
export const DIAL_WINDOW_MS = 5000;
export const DEFAULT_DIALS_PER_SECOND = 30;

const REAL_CLOCK: PacerClock = { now: () => Date.now(), sleep: cancellableSleep };

/**
 * One pacer per Telnyx credential and rate in this n8n process: executions that dial at the
 * same time share the account's limit instead of each assuming it has all of it.
 */
const pacers = new Map<string, Pacer>();

/** The pacer for this node's credential at `dialsPerSecond` (0 or less: no pacing). */
export function dialPacer(ctx: IExecuteFunctions, dialsPerSecond: number): Pacer | undefined {
	if (!Number.isFinite(dialsPerSecond) || dialsPerSecond <= 0) return undefined;
	// Below 0.2 per second one dial per window: the window stretches to keep the rate.
	const max = Math.max(1, Math.floor((dialsPerSecond * DIAL_WINDOW_MS) / 1000));
	const windowMs = (max * 1000) / dialsPerSecond;
	const credential = ctx.getNode().credentials?.telnyxApi;
	const key = `${credential?.id ?? credential?.name ?? ''}|${max}|${windowMs}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(max, windowMs, REAL_CLOCK);
		pacers.set(key, pacer);
	}
	return pacer;
}
