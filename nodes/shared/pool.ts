/** How one index of a pool run ended; `undefined` in the results when it never started. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface PoolOptions {
	/** How many indexes may run at once (at least 1). */
	concurrency: number;
	/** Once aborted (the execution's Stop), no new index starts; running ones finish. */
	signal?: AbortSignal;
	/** Whether a failure stops new indexes from starting (without Continue On Fail). */
	stopOnError?: boolean;
}

/**
 * Runs `work` for indexes 0..count-1, at most `concurrency` at once, taking indexes in
 * order. Resolves only when every started index has settled, so nothing keeps running
 * after the caller returns; the results are by index, in input order.
 */
export async function runPool<T>(
	count: number,
	work: (index: number) => Promise<T>,
	options: PoolOptions,
): Promise<Array<Settled<T> | undefined>> {
	const results: Array<Settled<T> | undefined> = new Array<Settled<T> | undefined>(count);
	let next = 0;
	let failed = false;
	const mayStart = () => next < count && !options.signal?.aborted && !(failed && options.stopOnError);
	const worker = async () => {
		while (mayStart()) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await work(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	const workers = Math.max(1, Math.min(count, Math.floor(options.concurrency) || 1));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
