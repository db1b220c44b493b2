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

	constructor(private readonly clock: Clock) {}

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

	async drain(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
	}

	private async deliver(job: WebhookJob): Promise<Delivery> {
		const schedule = [0, ...(job.retriesMs ?? [])];
		let delivery: Delivery | undefined;
		for (let i = 0; i < schedule.length; i++) {
			if (schedule[i] > 0) await this.clock.sleep(schedule[i]);
			const body = job.body(i + 1);
			const headers = { 'content-type': 'application/json', ...job.sign(body) };
			delivery = { url: job.url, body, headers, attempt: i + 1, at: Date.now() };
			this.deliveries.push(delivery);
			try {
				const response = await fetch(job.url, { method: job.method ?? 'POST', headers, body, signal: AbortSignal.timeout(10000) });
				delivery.status = response.status;
				delivery.responseBody = await response.text();
				if (response.status >= 200 && response.status < 300) return delivery;
			} catch (error) {
				delivery.error = (error as Error).message;
			}
		}
		return delivery!;
	}
}
