/**
 * Iterates `source` until `signal` aborts, returning at once even while a chunk is awaited.
 * Needed because the body n8n's HTTP helper hands back (axios wraps it in `Readable.from`)
 * only finishes closing when its next chunk arrives, which on a quiet line can be minutes.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
	const iterator = source[Symbol.asyncIterator]();
	let finished = false;
	try {
		while (!signal.aborted) {
			// A fresh wake-up promise per chunk: racing one long-lived promise would pile up a
			// reaction per chunk on it, and memory would grow with the stream.
			let onAbort!: () => void;
			const aborted = new Promise<'aborted'>((resolve) => (onAbort = () => resolve('aborted')));
			signal.addEventListener('abort', onAbort, { once: true });
			let next: IteratorResult<T> | 'aborted';
			try {
				next = await Promise.race([iterator.next(), aborted]);
			} finally {
				signal.removeEventListener('abort', onAbort);
			}
			if (next === 'aborted') return;
			if (next.done) {
				finished = true;
				return;
			}
			yield next.value;
		}
	} finally {
		// Not awaited: closing may wait for that next chunk; the caller also destroys the body.
		if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
	}
}
