// Server-Sent Events on a raw response: comments (keep-alives) and data lines.
import type { ServerResponse } from 'node:http';

export class SseStream {
	closed = false;

	constructor(private readonly res: ServerResponse) {
		res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
		res.on('close', () => (this.closed = true));
	}

	comment(text: string): void {
		if (!this.closed) this.res.write(`: ${text}\n\n`);
	}

	data(payload: unknown): void {
		if (!this.closed) this.res.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
	}

	end(): void {
		if (!this.closed) this.res.end();
		this.closed = true;
	}

	/** Cuts the connection without a clean end, as a network failure would. */
	destroy(): void {
		this.res.socket?.destroy();
		this.closed = true;
	}
}
