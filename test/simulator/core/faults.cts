// Fault injection: the next N requests matching a method and path get latency, a canned
// status (429 with retry headers, 5xx), or a connection reset before or after processing.
import type { SimResponse } from './server.cts';

export type FaultKind = 'latency' | 'status' | 'reset-before' | 'reset-after';

export interface Fault {
	method?: string;
	path: string | RegExp;
	kind: FaultKind;
	/** How many matching requests it applies to (default 1). */
	times?: number;
	ms?: number;
	response?: SimResponse;
}

export class FaultInjector {
	private readonly pending: Array<Fault & { left: number }> = [];

	add(fault: Fault): void {
		this.pending.push({ ...fault, left: fault.times ?? 1 });
	}

	/** 429 with Retry-After (seconds) and the provider's body. */
	rateLimit(path: string | RegExp, body: unknown, retryAfterSeconds: number, method = 'POST', extraHeaders: Record<string, string> = {}): void {
		this.add({
			method,
			path,
			kind: 'status',
			response: { status: 429, body, headers: { 'retry-after': String(retryAfterSeconds), ...extraHeaders } },
		});
	}

	clear(): void {
		this.pending.length = 0;
	}

	take(method: string, path: string): Fault | undefined {
		const index = this.pending.findIndex(
			(f) => (!f.method || f.method === method) && (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
		);
		if (index < 0) return undefined;
		const fault = this.pending[index];
		if (--fault.left <= 0) this.pending.splice(index, 1);
		return fault;
	}
}
