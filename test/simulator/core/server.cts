// The provider simulator: one loopback HTTP server that each provider module extends with
// its routes. Requests pass through fault injection first, then the matching route.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { FaultInjector } from './faults.cts';
import { Clock } from './clock.cts';
import { WebhookSender } from './webhooks.cts';

export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	body: unknown;
	params: Record<string, string>;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** A route handler answers with a response, or takes over the raw response (SSE). */
export type Handler = (req: SimRequest, res: ServerResponse) => SimResponse | void | Promise<SimResponse | void>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	/** Real ms when it arrived, and the simulated ms on the simulator clock. */
	at: number;
	simAt: number;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
	const keys: string[] = [];
	const source = path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
		keys.push(key);
		return '([^/]+)';
	});
	return { pattern: new RegExp(`^${source}/?$`), keys };
}

export class Simulator {
	readonly faults = new FaultInjector();
	readonly clock: Clock;
	readonly webhooks: WebhookSender;
	/** Every request that reached a route (after faults that let it through). */
	readonly requests: RecordedRequest[] = [];
	private readonly routes: Route[] = [];
	private readonly sockets = new Set<Socket>();
	/** Requests the simulator itself has on the wire besides webhooks (Pamela tool calls). */
	private readonly outbound = new Set<Promise<unknown>>();
	private server?: http.Server;
	baseUrl = '';

	constructor(options: { timeScale?: number } = {}) {
		this.clock = new Clock(options.timeScale ?? 1);
		this.webhooks = new WebhookSender(this.clock);
		// A held clock never moves past a webhook that is still on the wire.
		this.clock.quiet = () => this.webhooks.quiet && this.outbound.size === 0;
	}

	/** Marks a request the simulator sends as on the wire, so a held clock does not overtake it. */
	onWire<T>(request: Promise<T>): Promise<T> {
		this.outbound.add(request);
		void request.then(
			() => this.outbound.delete(request),
			() => this.outbound.delete(request),
		);
		return request;
	}

	route(method: string, path: string, handler: Handler): void {
		this.routes.push({ method, ...compile(path), handler });
	}

	async start(port = 0): Promise<string> {
		this.server = http.createServer((req, res) => void this.dispatch(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		// A port in use rejects (EADDRINUSE) instead of crashing the process: `npm run simulate` explains it.
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, '127.0.0.1', () => {
				this.server!.off('error', reject);
				resolve();
			});
		});
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		this.clock.cancelAll();
		await this.webhooks.close();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/**
	 * Resolves once `done()` holds. On a held clock it steps simulated time timer by timer
	 * until then (a provider state is reached by the clock, not by racing it); on a running
	 * clock it checks every few ms. Either way it gives up after `realTimeoutMs` of real time,
	 * a bound for a hung test only, never a condition a passing test gets near.
	 */
	async waitFor(done: () => boolean, explain: () => string, realTimeoutMs = 20000): Promise<void> {
		if (this.clock.isHeld) {
			try {
				await this.clock.runUntil(done, { realTimeoutMs });
			} catch (error) {
				throw new Error(`${explain()}: ${(error as Error).message}`);
			}
			return;
		}
		const deadline = Date.now() + realTimeoutMs;
		while (!done()) {
			if (Date.now() > deadline) throw new Error(`${explain()} within ${realTimeoutMs} ms of real time`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
	}

	/** Every webhook delivered or given up (retries included): on a held clock, by stepping it. */
	async deliveriesDone(realTimeoutMs = 20000): Promise<void> {
		await this.waitFor(() => this.webhooks.pending === 0, () => `${this.webhooks.pending} webhook deliveries still pending`, realTimeoutMs);
	}

	/** Resolves once `count` requests matching method and path have reached a route (an event, not a timer). */
	async waitForRequests(method: string, pathPattern: RegExp | string, count = 1, realTimeoutMs = 20000): Promise<RecordedRequest[]> {
		const deadline = Date.now() + realTimeoutMs;
		for (;;) {
			const seen = this.requestsTo(method, pathPattern);
			if (seen.length >= count) return seen;
			if (Date.now() > deadline) throw new Error(`Only ${seen.length} of ${count} ${method} ${String(pathPattern)} requests within ${realTimeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
	}

	requestsTo(method: string, pathPattern: RegExp | string): RecordedRequest[] {
		return this.requests.filter(
			(r) => r.method === method && (typeof pathPattern === 'string' ? r.path === pathPattern : pathPattern.test(r.path)),
		);
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://simulator');
		const method = req.method ?? 'GET';
		let body: unknown;
		try {
			body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : undefined;
		} catch {
			body = undefined;
		}
		const request: SimRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, body, params: {} };

		const fault = this.faults.take(method, url.pathname);
		if (fault?.kind === 'reset-before') return void req.socket.destroy();
		if (fault?.kind === 'latency') await this.clock.sleep(fault.ms ?? 0);
		if (fault?.kind === 'status') return this.send(res, fault.response!);

		const match = this.match(method, url.pathname);
		if (!match) return this.send(res, { status: 404, body: { error: `No simulator route for ${method} ${url.pathname}` } });
		request.params = match.params;
		this.requests.push({ method, path: url.pathname, headers: req.headers, body, at: Date.now(), simAt: this.clock.now() });
		let result: SimResponse | void;
		try {
			result = await match.route.handler(request, res);
		} catch (error) {
			result = { status: 500, body: { error: `Simulator failure: ${(error as Error).message}` } };
		}
		// The request was processed; the reply is lost on the way back.
		if (fault?.kind === 'reset-after') return void req.socket.destroy();
		if (result) this.send(res, result);
	}

	private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const found = route.pattern.exec(path);
			if (!found) continue;
			const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1])]));
			return { route, params };
		}
		return undefined;
	}

	private send(res: ServerResponse, response: SimResponse): void {
		if (res.headersSent) return;
		const text = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
		res.writeHead(response.status, {
			'content-type': typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
			...response.headers,
		});
		res.end(text);
	}
}
