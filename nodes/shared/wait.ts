import { sleep } from 'n8n-workflow';

/** Thrown when the execution is stopped while a node waits; callers let it end the item. */
export class ExecutionStoppedError extends Error {
	constructor() {
		super('The execution was stopped while waiting');
		this.name = 'ExecutionStoppedError';
	}
}

/**
 * Waits `ms`, returning at once when `signal` (the execution's cancel signal) aborts.
 * n8n-workflow's `sleep` honours the signal in recent versions; the race below keeps the
 * stop immediate on hosts whose `sleep` ignores it (their timer then just runs out unused).
 */
export async function cancellableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (signal?.aborted) throw new ExecutionStoppedError();
	if (!signal) return await sleep(ms);
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<void>((_resolve, reject) => {
		onAbort = () => reject(new ExecutionStoppedError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal).catch(() => undefined), aborted]);
		if (signal.aborted) throw new ExecutionStoppedError();
	} finally {
		signal.removeEventListener('abort', onAbort!);
	}
}
