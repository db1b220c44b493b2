// Telnyx's dial rate limit (contract §8, D-dps): at most `max` dials in any rolling `windowMs`
// (default 150 in 5 s, i.e. 30 per second), measured on the simulator clock. A dial past it
// gets 429 with code 90103 in Telnyx's error body (contract §2) and the wait in headers.
import type { SimResponse } from '../../core/server.cts';
import { telnyxError } from './errors.cts';

export class DialLimit {
	max = 150;
	windowMs = 5000;
	/** 429s answered so far, for tests and the campaign benchmark. */
	refused = 0;
	/** When accepted dials arrived (simulated ms), oldest first. */
	private readonly accepted: number[] = [];

	constructor(private readonly now: () => number) {}

	/** Sets the limit and forgets earlier dials; `Infinity` turns it off. */
	set(max: number, windowMs = 5000): void {
		this.max = max;
		this.windowMs = windowMs;
		this.accepted.length = 0;
		this.refused = 0;
	}

	/** The 429 for a dial that would pass the limit now, or undefined when it may go ahead. */
	refusal(): SimResponse | undefined {
		const now = this.now();
		while (this.accepted.length > 0 && now - this.accepted[0] >= this.windowMs) this.accepted.shift();
		if (this.accepted.length < this.max) return undefined;
		this.refused++;
		const retryAfter = Math.max(1, Math.ceil((this.accepted[0] + this.windowMs - now) / 1000));
		return telnyxError(429, '90103', 'Dial rate limit exceeded', `More than ${this.max} dials in ${this.windowMs / 1000} s.`, undefined, {
			'retry-after': String(retryAfter),
			'x-ratelimit-limit': String(this.max),
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': String(retryAfter),
		});
	}

	/** Counts a dial that was carried out. */
	accept(): void {
		this.accepted.push(this.now());
	}
}
