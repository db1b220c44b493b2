import { ResendPlan, type ResendRules } from '../../../nodes/shared/resend.ts';

/** Telnyx dial or command with a command_id: 60 s dedupe window, resends stop 45 s in. */
const TELNYX: ResendRules = { policy: 'idempotent', maxAttempts: 3, maxUncertainWaitMs: 5000, windowMs: 45000, rateLimitBudgetMs: 300000 };
/** Pamela POST /calls, Stepone initiate_call: no dedupe the server promises. */
const NEVER: ResendRules = { policy: 'never', maxAttempts: 3, maxUncertainWaitMs: 5000, rateLimitBudgetMs: 300000 };

function planAt(rules: ResendRules) {
	const clock = { now: 0 };
	const plan = new ResendPlan(rules, () => clock.now);
	return { plan, clock };
}

describe('ResendPlan', () => {
	it('a request without a dedupe key is never resent once it may have arrived', () => {
		const { plan } = planAt(NEVER);
		expect(plan.beforeSend()).toBe(true);
		expect(plan.afterUncertain()).toEqual({ resend: false, reason: 'policy' });
		// Not even after a later 429 on some other path: no copy may go out.
		expect(plan.afterRateLimit(1000)).toMatchObject({ resend: false, reason: 'window' });
		expect(plan.beforeSend()).toBe(false);
	});

	it('a 429 is resent for every policy, after the wait asked for, within the budget', () => {
		const { plan, clock } = planAt({ ...NEVER, rateLimitBudgetMs: 10000 });
		plan.beforeSend();
		expect(plan.afterRateLimit(4000)).toEqual({ resend: true, waitMs: 4000 });
		clock.now += 4000;
		expect(plan.beforeSend()).toBe(true);
		expect(plan.afterRateLimit(4000)).toEqual({ resend: true, waitMs: 4000 });
		clock.now += 4000;
		plan.beforeSend();
		// 8 s waited; 4 s more would pass the 10 s budget.
		expect(plan.afterRateLimit(4000)).toEqual({ resend: false, reason: 'budget', waitMs: 4000 });
		expect(plan.rateLimitWaitedMs).toBe(8000);
	});

	it('a 429 asking for more than the whole budget fails at once', () => {
		const { plan } = planAt({ ...NEVER, rateLimitBudgetMs: 30000 });
		plan.beforeSend();
		expect(plan.afterRateLimit(60000)).toEqual({ resend: false, reason: 'budget', waitMs: 60000 });
	});

	it('a 429 without a wait backs off from 1 s, and "Retry-After: 0" cannot spin', () => {
		const { plan } = planAt(NEVER);
		plan.beforeSend();
		expect(plan.afterRateLimit()).toEqual({ resend: true, waitMs: 1000 });
		expect(plan.afterRateLimit()).toEqual({ resend: true, waitMs: 2000 });
		expect(plan.afterRateLimit(0)).toEqual({ resend: true, waitMs: 250 });
	});

	it('a budget of 0 fails the first 429', () => {
		const { plan } = planAt({ ...NEVER, rateLimitBudgetMs: 0 });
		plan.beforeSend();
		expect(plan.afterRateLimit(1000)).toMatchObject({ resend: false, reason: 'budget' });
	});

	it('with a dedupe key: lost replies are resent with backoff, at most 3 sends', () => {
		const { plan, clock } = planAt(TELNYX);
		plan.beforeSend();
		expect(plan.afterUncertain()).toEqual({ resend: true, waitMs: 250 });
		clock.now += 250;
		expect(plan.beforeSend()).toBe(true);
		expect(plan.afterUncertain()).toEqual({ resend: true, waitMs: 500 });
		clock.now += 500;
		plan.beforeSend();
		expect(plan.afterUncertain()).toEqual({ resend: false, reason: 'attempts' });
	});

	it('with a dedupe key: timeouts of 15 s each still keep every copy inside 45 s of the first', () => {
		const { plan, clock } = planAt(TELNYX);
		const sends: number[] = [];
		for (;;) {
			if (!plan.beforeSend()) break;
			sends.push(clock.now);
			clock.now += 15000; // the attempt times out
			const decision = plan.afterUncertain();
			if (!decision.resend) break;
			clock.now += decision.waitMs;
		}
		expect(sends).toEqual([0, 15250, 30750]);
		expect(Math.max(...sends) - sends[0]).toBeLessThanOrEqual(45000);
	});

	it('with a dedupe key: no copy goes out past the window, even after a long 429 wait', () => {
		const { plan, clock } = planAt(TELNYX);
		plan.beforeSend();
		clock.now += 15000;
		expect(plan.afterUncertain()).toEqual({ resend: true, waitMs: 250 });
		clock.now += 250;
		plan.beforeSend();
		// The copy is refused with a 429 asking for 60 s: waiting would leave the window.
		expect(plan.afterRateLimit(60000)).toEqual({ resend: false, reason: 'window', waitMs: 60000 });
		// A short wait is fine.
		expect(plan.afterRateLimit(2000)).toEqual({ resend: true, waitMs: 2000 });
		// And a send delayed past the window (e.g. by pacing) is refused right before it goes out.
		clock.now = 45001;
		expect(plan.beforeSend()).toBe(false);
	});

	it('429s before anything may have arrived do not open the window: a long wait is fine', () => {
		const { plan, clock } = planAt(TELNYX);
		plan.beforeSend();
		expect(plan.afterRateLimit(120000)).toEqual({ resend: true, waitMs: 120000 });
		clock.now += 120000;
		expect(plan.beforeSend()).toBe(true);
		// The window starts at the first send that may have arrived.
		clock.now += 1000;
		expect(plan.afterUncertain()).toEqual({ resend: true, waitMs: 250 });
	});

	it('a 5xx asking for a wait longer than 5 s is reported, not slept through', () => {
		const { plan } = planAt({ ...TELNYX, windowMs: undefined });
		plan.beforeSend();
		expect(plan.afterUncertain(30000)).toEqual({ resend: false, reason: 'wait', waitMs: 30000 });
	});

	it('reads (no window) are resent after a lost reply however late', () => {
		const { plan, clock } = planAt({ ...TELNYX, windowMs: undefined });
		plan.beforeSend();
		clock.now += 100000;
		expect(plan.afterUncertain()).toEqual({ resend: true, waitMs: 250 });
	});
});
