// Delivers provider webhooks to a URL, in order per call, signed by the provider's signer,
// retrying a failed delivery on the provider's schedule. Every attempt is recorded.
import type { Clock } from './clock.cts';

export interface Delivery {
	url: string;
	body: string;
	headers: Record<string, string>;
	attempt: number;
	status?: number;
	error?: string;
	responseBody?: string;
	at: number;
	/** Signs the same body again now (a provider's redelivery carries a fresh timestamp). */
	resign?: () => Record<string, string>;
}

export interface WebhookJob {
	url: string;
	/** Serialised body: the exact bytes that are signed and sent. */
	body: (attempt: number) => string;
	sign: (body: string) => Record<string, string>;
	/** Delays before each retry, in simulated ms; empty means one attempt. */
	retriesMs?: number[];
	method?: 'POST' | 'GET';
	/** Deliveries sharing a key go out one after another (a call's webhooks). */
	orderKey?: string;
}

export class WebhookSender {
	readonly deliveries: Delivery[] = [];
	private readonly queues = new Map<string, Promise<unknown>>();
	private readonly inFlight = new Set<Promise<unknown>>();
	/** Deliveries on the wire right now (not waiting for a retry on the clock). */
	private readonly onWire = new Set<Promise<unknown>>();
	private stopped = false;

	constructor(private readonly clock: Clock) {}

	/** Nothing on the wire: a held clock may move on without overtaking a delivery. */
	get quiet(): boolean {
		return this.onWire.size === 0;
	}

	/** Queued, on the wire or waiting for a retry. */
	get pending(): number {
		return this.inFlight.size;
	}

	/** Queues a delivery; resolves with the last attempt. */
	send(job: WebhookJob): Promise<Delivery> {
		const key = job.orderKey ?? `${Math.random()}`;
		const previous = this.queues.get(key) ?? Promise.resolve();
		const next = previous.then(() => this.deliver(job));
		this.queues.set(key, next.catch(() => undefined));
		this.inFlight.add(next);
		void next.finally(() => this.inFlight.delete(next));
		return next;
	}

	/** Waits for every delivery (retries included) on a running clock. */
	async drain(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
	}

	/** Stops retries and waits only for what is on the wire (retry timers are the clock's to cancel). */
	async close(): Promise<void> {
		this.stopped = true;
		await Promise.allSettled([...this.onWire]);
	}

	private async deliver(job: WebhookJob): Promise<Delivery> {
		const schedule = [0, ...(job.retriesMs ?? [])];
		let delivery: Delivery | undefined;
		for (let i = 0; i < schedule.length && !this.stopped; i++) {
			if (schedule[i] > 0) await this.clock.sleep(schedule[i]);
			if (this.stopped) break;
			const body = job.body(i + 1);
			const headers = { 'content-type': 'application/json', ...job.sign(body) };
			delivery = { url: job.url, body, headers, attempt: i + 1, at: Date.now() };
			// Not enumerable: deliveries are listed as JSON by the control API.
			Object.defineProperty(delivery, 'resign', { value: () => ({ 'content-type': 'application/json', ...job.sign(body) }) });
			this.deliveries.push(delivery);
			const attempt = this.post(job, headers, body, delivery);
			this.onWire.add(attempt);
			try {
				if (await attempt) return delivery;
			} finally {
				this.onWire.delete(attempt);
			}
		}
		return delivery!;
	}

	/** One attempt; true when the receiver answered 2xx. */
	private async post(job: WebhookJob, headers: Record<string, string>, body: string, delivery: Delivery): Promise<boolean> {
		try {
			const response = await fetch(job.url, { method: job.method ?? 'POST', headers, body, signal: AbortSignal.timeout(10000) });
			delivery.status = response.status;
			delivery.responseBody = await response.text();
			return response.status >= 200 && response.status < 300;
		} catch (error) {
			delivery.error = (error as Error).message;
			return false;
		}
	}
}
