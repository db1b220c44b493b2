// Minimal Express-shaped request and response objects over node:http, carrying what n8n's
// webhook server gives a node: headers, query, parsed body and the raw body bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HarnessRequest {
	method: string;
	url: string;
	path: string;
	headers: IncomingMessage['headers'];
	query: Record<string, string>;
	params: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
	header(name: string): string | undefined;
	get(name: string): string | undefined;
}

export async function readRequest(req: IncomingMessage): Promise<HarnessRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks);
	const url = new URL(req.url ?? '/', 'http://harness');
	const text = rawBody.toString('utf8');
	let body: unknown = {};
	if (text) {
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
	}
	const header = (name: string) => {
		const value = req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	};
	return {
		method: req.method ?? 'GET',
		url: req.url ?? '/',
		path: url.pathname,
		headers: req.headers,
		query: Object.fromEntries(url.searchParams),
		params: {},
		body,
		rawBody,
		header,
		get: header,
	};
}

/** Records what a node wrote, so a test can see it even when the node answered itself. */
export class HarnessResponse {
	statusCode = 200;
	headersSent = false;
	/** The body as sent. */
	text = '';
	readonly finished: Promise<void>;
	private done!: () => void;
	private readonly headers: Record<string, string> = {};

	constructor(private readonly res: ServerResponse) {
		this.finished = new Promise((resolve) => (this.done = resolve));
	}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = String(value);
		return this;
	}

	set(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	getHeader(name: string): string | undefined {
		return this.headers[name.toLowerCase()];
	}

	writeHead(code: number, headers: Record<string, string> = {}): this {
		this.statusCode = code;
		for (const [k, v] of Object.entries(headers)) this.setHeader(k, v);
		return this;
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.end(JSON.stringify(body));
	}

	send(body: unknown): this {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return this.json(body);
		return this.end(body === undefined ? '' : String(body));
	}

	end(body?: string | Buffer): this {
		if (this.headersSent) return this;
		this.headersSent = true;
		this.text = body === undefined ? '' : body.toString();
		this.res.writeHead(this.statusCode, this.headers);
		this.res.end(body ?? '');
		this.done();
		return this;
	}
}
