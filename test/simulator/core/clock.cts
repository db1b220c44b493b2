// Simulated time. Every provider delay (ringing, turns, record delay, 30 s SSE timeout,
// dedupe windows) is a timer on this clock, and simulated "now" is `clock.now()`, never
// Date.now(). Two modes:
// - running (default): simulated time passes `1 / scale` times faster than real time, so
//   the demo and the playground run a 30 s ring in 300 ms with scale 0.01;
// - held (`hold()`): simulated time stands still until a test steps it with `advance(ms)`
//   or `runUntil(predicate)`. A test then reaches "ringing", "transcript pending" or
//   "record not there yet" by stepping the clock, never by racing a real timer.
export interface Timer {
	readonly id: number;
}

interface Entry extends Timer {
	at: number;
	run: () => void;
	/** Repeats every `every` simulated ms (an interval), or runs once. */
	every?: number;
}

/** Lets promise chains and loopback I/O that a fired timer started move on. */
function settle(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

export class Clock {
	private readonly entries = new Map<number, Entry>();
	private nextId = 1;
	private held = false;
	/** Simulated ms at the anchor, and the real ms (Date.now()) it was taken at. */
	private simAnchor = Date.now();
	private realAnchor = Date.now();
	private wake?: NodeJS.Timeout;
	private wakeAt = Infinity;
	private stepping = false;
	/**
	 * Held clock: true when nothing that time must not overtake is in flight (the simulator
	 * sets it to "no webhook on the wire"). Stepping waits for it before each timer.
	 */
	quiet: () => boolean = () => true;

	constructor(private scaleValue: number) {}

	/** Real ms per simulated ms while running (0: every timer fires as soon as it can). */
	get scale(): number {
		return this.scaleValue;
	}

	set scale(value: number) {
		this.reanchor();
		this.scaleValue = value;
		this.schedule();
	}

	get isHeld(): boolean {
		return this.held;
	}

	/** Simulated epoch ms. */
	now(): number {
		if (this.held || this.scaleValue === 0) return this.simAnchor;
		return this.simAnchor + (Date.now() - this.realAnchor) / this.scaleValue;
	}

	/** Simulated now as an ISO string. */
	iso(): string {
		return new Date(this.now()).toISOString();
	}

	after(ms: number, run: () => void): Timer {
		const entry: Entry = { id: this.nextId++, at: this.now() + Math.max(0, ms), run };
		this.entries.set(entry.id, entry);
		this.schedule();
		return entry;
	}

	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => this.after(ms, resolve));
	}

	/** Resolves at simulated time `at` (at once when it has passed). */
	until(at: number): Promise<void> {
		return this.sleep(at - this.now());
	}

	every(ms: number, run: () => void): Timer {
		const period = Math.max(1, ms);
		const entry: Entry = { id: this.nextId++, at: this.now() + period, run, every: period };
		this.entries.set(entry.id, entry);
		this.schedule();
		return entry;
	}

	cancel(timer: Timer | undefined): void {
		if (!timer) return;
		this.entries.delete(timer.id);
		this.schedule();
	}

	cancelAll(): void {
		this.entries.clear();
		this.schedule();
	}

	/** How many timers are waiting (for tests that check nothing is left scheduled). */
	get pending(): number {
		return this.entries.size;
	}

	/** Stops simulated time; only `advance` and `runUntil` move it from now on. */
	hold(): void {
		this.reanchor();
		this.held = true;
		this.schedule();
	}

	/** Lets simulated time run at `scale` again from where it stands. */
	release(): void {
		this.reanchor();
		this.held = false;
		this.schedule();
	}

	/**
	 * Held clock: moves simulated time forward by `ms`, firing every timer that falls due on
	 * the way in order, and letting what each one started (promise chains, webhook sends)
	 * run before the next. Unless `overtake` is set, it first waits for what is on the wire.
	 */
	async advance(ms: number, options: { overtake?: boolean } = {}): Promise<void> {
		this.requireHeld('advance');
		const target = this.simAnchor + Math.max(0, ms);
		for (;;) {
			// `overtake`: time passes while a request is on the wire (a reply slower than a timeout).
			if (!options.overtake) await this.whenQuiet();
			const next = this.nextDue(target);
			if (!next) break;
			await this.fire(next);
		}
		this.simAnchor = Math.max(this.simAnchor, target);
		await settle();
	}

	/**
	 * Held clock: fires timers one at a time, jumping to each, until `done()` holds. When no
	 * timer is due it waits for loopback work in flight (an HTTP request, a webhook delivery)
	 * to schedule more, and gives up only after `realTimeoutMs` of real time with no progress
	 * at all (a hung test, not a slow machine). Returns the simulated ms that passed.
	 */
	async runUntil(done: () => boolean, options: { maxMs?: number; realTimeoutMs?: number } = {}): Promise<number> {
		this.requireHeld('runUntil');
		const started = this.simAnchor;
		const limit = started + (options.maxMs ?? 24 * 3600 * 1000);
		const idleLimit = options.realTimeoutMs ?? 20000;
		let realDeadline = Date.now() + idleLimit;
		while (!done()) {
			if (!this.quiet()) {
				await this.whenQuiet();
				realDeadline = Date.now() + idleLimit;
			}
			if (done()) break;
			const next = this.nextDue(limit);
			if (next) {
				await this.fire(next);
				realDeadline = Date.now() + idleLimit;
				continue;
			}
			if (Date.now() > realDeadline) {
				throw new Error(`runUntil: condition not met after ${this.simAnchor - started} simulated ms and no timer left before the limit`);
			}
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
		return this.simAnchor - started;
	}

	private requireHeld(what: string): void {
		if (!this.held) throw new Error(`clock.${what}() needs a held clock: call clock.hold() first`);
	}

	/** Waits (real time) until nothing is in flight that a jump in time would overtake. */
	private async whenQuiet(): Promise<void> {
		// Each attempt on the wire ends by itself (the webhook sender's 10 s timeout); this bound
		// is per wait, so a long run of deliveries on a slow machine never adds up to it.
		const realDeadline = Date.now() + 60000;
		while (!this.quiet()) {
			if (Date.now() > realDeadline) throw new Error('clock: a webhook stayed on the wire for 60 s');
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
	}

	private async fire(entry: Entry): Promise<void> {
		this.simAnchor = Math.max(this.simAnchor, entry.at);
		this.runEntry(entry);
		await settle();
		await settle();
	}

	private runEntry(entry: Entry): void {
		if (entry.every !== undefined) entry.at += entry.every;
		else this.entries.delete(entry.id);
		entry.run();
	}

	private earliest(): Entry | undefined {
		let best: Entry | undefined;
		for (const entry of this.entries.values()) {
			if (!best || entry.at < best.at || (entry.at === best.at && entry.id < best.id)) best = entry;
		}
		return best;
	}

	private nextDue(limit: number): Entry | undefined {
		const next = this.earliest();
		return next && next.at <= limit ? next : undefined;
	}

	private reanchor(): void {
		this.simAnchor = this.now();
		this.realAnchor = Date.now();
	}

	/** Running clock: one real timer, set for the earliest simulated timer. */
	private schedule(): void {
		if (this.held || this.stepping) {
			this.clearWake();
			return;
		}
		const next = this.earliest();
		if (!next) return this.clearWake();
		const delay = Math.max(0, (next.at - this.now()) * this.scaleValue);
		const at = Date.now() + delay;
		if (this.wake && at >= this.wakeAt - 1) return;
		this.clearWake();
		this.wakeAt = at;
		this.wake = setTimeout(() => this.onWake(), Math.ceil(delay));
	}

	private clearWake(): void {
		if (this.wake) clearTimeout(this.wake);
		this.wake = undefined;
		this.wakeAt = Infinity;
	}

	/** Fires every timer that is due by the running clock, then sets the next wake-up. */
	private onWake(): void {
		this.wake = undefined;
		this.wakeAt = Infinity;
		this.stepping = true;
		try {
			if (this.scaleValue === 0) {
				// As fast as possible: time jumps to the earliest timer, one per event-loop turn,
				// so what each timer starts can schedule its own before the next fires.
				const next = this.earliest();
				if (next) {
					this.simAnchor = Math.max(this.simAnchor, next.at);
					this.runEntry(next);
				}
			} else {
				for (let fired = 0; fired < 10000; fired++) {
					const next = this.earliest();
					if (!next || next.at > this.now() + 0.5) break;
					this.runEntry(next);
				}
			}
		} finally {
			this.stepping = false;
		}
		this.schedule();
	}
}
