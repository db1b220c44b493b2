/**
 * When a request may be sent again. `idempotent` requests (GETs, commands carrying a
 * dedupe key) are resent after 5xx, 408 and a lost reply; `never` requests (creating a
 * call without a dedupe key) are never resent once they may have taken effect. A 429 means
 * nothing was done, so every request is resent after the wait the provider asks for.
 */
export type RetryPolicy = 'idempotent' | 'never';

export interface ResendRules {
	policy: RetryPolicy;
	/** Sends in all, counting only those that may have taken effect (lost reply, 5xx, 408). */
	maxAttempts: number;
	/** The longest wait before resending after a 5xx or lost reply. */
	maxUncertainWaitMs: number;
	/**
	 * A dedupe key holds only for a while (Telnyx: 60 s): no resend goes out later than this
	 * many ms after the first send that may have taken effect. Undefined: no limit (reads).
	 */
	windowMs?: number;
	/** The longest total wait for 429s (the user's "Maximum Rate-Limit Wait"). */
	rateLimitBudgetMs: number;
}

export type ResendDecision =
	| { resend: true; waitMs: number }
	| { resend: false; reason: 'policy' | 'attempts' | 'wait' | 'window' | 'budget'; waitMs?: number };

/** Shortest wait after a 429 that asked for none, so a "Retry-After: 0" cannot spin. */
const MIN_RATE_LIMIT_WAIT_MS = 250;
const MAX_RATE_LIMIT_BACKOFF_MS = 30000;

/**
 * Decides, send by send, whether one request may go out again and after how long. Pure
 * bookkeeping over an injected clock, so the rules are unit-tested without timers.
 */
export class ResendPlan {
	private uncertainSends = 0;
	private rateLimits = 0;
	private sentAt = 0;
	private firstUncertainAt: number | undefined;
	/** Total ms waited for 429s so far. */
	rateLimitWaitedMs = 0;

	constructor(
		private readonly rules: ResendRules,
		private readonly now: () => number,
	) {}

	/** Right before each send (after any pacing): false when it would leave the dedupe window. */
	beforeSend(): boolean {
		const now = this.now();
		if (!this.insideWindow(now)) return false;
		this.sentAt = now;
		return true;
	}

	/** The send got no answer, a 5xx or a 408: it may have taken effect. */
	afterUncertain(askedMs?: number): ResendDecision {
		this.uncertainSends++;
		this.firstUncertainAt ??= this.sentAt;
		if (this.rules.policy === 'never') return { resend: false, reason: 'policy' };
		if (this.uncertainSends >= this.rules.maxAttempts) return { resend: false, reason: 'attempts' };
		const waitMs = askedMs ?? 250 * 2 ** (this.uncertainSends - 1);
		if (waitMs > this.rules.maxUncertainWaitMs) return { resend: false, reason: 'wait', waitMs };
		if (!this.insideWindow(this.now() + waitMs)) return { resend: false, reason: 'window', waitMs };
		return { resend: true, waitMs };
	}

	/** A 429: the provider did nothing, so the request goes out again within the budget. */
	afterRateLimit(askedMs?: number): ResendDecision {
		this.rateLimits++;
		const waitMs =
			askedMs !== undefined
				? Math.max(askedMs, MIN_RATE_LIMIT_WAIT_MS)
				: Math.min(1000 * 2 ** (this.rateLimits - 1), MAX_RATE_LIMIT_BACKOFF_MS);
		if (this.rateLimitWaitedMs + waitMs > this.rules.rateLimitBudgetMs) return { resend: false, reason: 'budget', waitMs };
		if (!this.insideWindow(this.now() + waitMs)) return { resend: false, reason: 'window', waitMs };
		this.rateLimitWaitedMs += waitMs;
		return { resend: true, waitMs };
	}

	/** Once a send may have taken effect, copies are safe only under the dedupe key, in its window. */
	private insideWindow(at: number): boolean {
		if (this.firstUncertainAt === undefined) return true;
		if (this.rules.policy === 'never') return false;
		return this.rules.windowMs === undefined || at - this.firstUncertainAt <= this.rules.windowMs;
	}
}
