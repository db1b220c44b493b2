import { ExecutionStoppedError } from './wait';

/** Time for the pacer; the node passes the real clock and the cancellable sleep, tests a fake. */
export interface PacerClock {
	now(): number;
	/** Waits `ms`; rejects when `signal` aborts (Stop). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * At most `max` starts in any `windowMs` (a sliding window, as Telnyx counts dials). A start
 * counts from the moment its slot is taken until `windowMs` after its answer came back: the
 * provider counted it somewhere in between, so the next one can never land in the same
 * window on the provider's side, however long the request took.
 */
export class Pacer {
	/** When the answers of recent starts came back, oldest first. */
	private readonly ended: number[] = [];
	/** Starts still waiting for their answer. */
	private open = 0;
	private readonly onRelease = new Set<() => void>();

	constructor(
		readonly max: number,
		readonly windowMs: number,
		private readonly clock: PacerClock,
	) {}

	/** Waits for a free slot; call the returned function once the request has its answer. */
	async acquire(signal?: AbortSignal): Promise<() => void> {
		for (;;) {
			if (signal?.aborted) throw new ExecutionStoppedError();
			const now = this.clock.now();
			while (this.ended.length > 0 && now - this.ended[0] >= this.windowMs) this.ended.shift();
			if (this.open + this.ended.length < this.max) {
				this.open++;
				return this.releaser();
			}
			// The oldest finished start leaves the window first; with none finished, wait for one.
			if (this.ended.length > 0) await this.clock.sleep(this.ended[0] + this.windowMs - now, signal);
			else await this.nextRelease(signal);
		}
	}

	private releaser(): () => void {
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.open--;
			const now = this.clock.now();
			let at = this.ended.length;
			while (at > 0 && this.ended[at - 1] > now) at--;
			this.ended.splice(at, 0, now);
			for (const wake of [...this.onRelease]) wake();
		};
	}

	private async nextRelease(signal?: AbortSignal): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			const done = () => {
				this.onRelease.delete(done);
				signal?.removeEventListener('abort', done);
				if (signal?.aborted) reject(new ExecutionStoppedError());
				else resolve();
			};
			this.onRelease.add(done);
			signal?.addEventListener('abort', done, { once: true });
		});
	}
}
