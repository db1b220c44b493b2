import { createParser } from 'eventsource-parser';

/** What the SSE reader needs from a response body: its chunks, in order. */
export type ByteChunks = AsyncIterable<Uint8Array | string>;

/** Largest single SSE line kept while waiting for its end; a longer one is dropped. */
const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Yields the `data` of each server-sent event as it arrives. Comments (`: keep-alive`)
 * are skipped. Bytes are decoded with a streaming UTF-8 decoder so a Chinese character
 * split between two network chunks stays whole. Only the current chunk's events and an
 * unfinished line are ever held, so memory does not grow with the stream's length.
 */
export async function* readSseData(body: ByteChunks): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	let pending: string[] = [];
	const parser = createParser({
		onEvent: (event) => pending.push(event.data),
		// Parse errors (an over-long line, a bad `retry:`) lose one event, never the stream.
		onError: () => undefined,
		maxBufferSize: MAX_LINE_BYTES,
	});
	for await (const chunk of body) {
		parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
		if (pending.length === 0) continue;
		const ready = pending;
		pending = [];
		for (const data of ready) yield data;
	}
	// An event without its closing blank line was cut off mid-way; it is not reported.
	parser.feed(decoder.decode());
	for (const data of pending) yield data;
}
