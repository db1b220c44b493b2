import { Pacer, type PacerClock } from '../../../nodes/shared/pacer.ts';
import { ExecutionStoppedError } from '../../../nodes/shared/wait.ts';

/** A clock the test moves by hand: sleeps end only when `advance` passes their time. */
class FakeClock implements PacerClock {
	private time = 0;
	private sleepers: Array<{ at: number; resolve: () => void; reject: (error: unknown) => void }> = [];

	now(): number {
		return this.time;
	}

	sleep(ms: number, signal?: AbortSignal): Promise<void> {
		return new Promise((resolve, reject) => {
			const sleeper = { at: this.time + Math.max(0, ms), resolve, reject };
			this.sleepers.push(sleeper);
			signal?.addEventListener('abort', () => {
				this.sleepers = this.sleepers.filter((s) => s !== sleeper);
				reject(new ExecutionStoppedError());
			}, { once: true });
		});
	}

	get sleeping(): number {
		return this.sleepers.length;
	}

	/** Moves time forward, waking sleepers in order and letting what they start run. */
	async advance(ms: number): Promise<void> {
		const target = this.time + ms;
		for (;;) {
			this.sleepers.sort((a, b) => a.at - b.at);
			const next = this.sleepers[0];
			if (!next || next.at > target) break;
			this.sleepers.shift();
			this.time = next.at;
			next.resolve();
			await settle();
		}
		this.time = target;
		await settle();
	}
}

const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Starts `count` acquires at once; records when (fake ms) each got its slot. */
function startMany(pacer: Pacer, clock: FakeClock, count: number, signal?: AbortSignal) {
	const grantedAt: Array<number | undefined> = new Array(count).fill(undefined);
	const releases: Array<() => void> = [];
	const errors: unknown[] = [];
	const all = Array.from({ length: count }, (_, i) =>
		pacer.acquire(signal).then(
			(release) => {
				grantedAt[i] = clock.now();
				releases[i] = release;
			},
			(error) => errors.push(error),
		),
	);
	return { grantedAt, releases, errors, all: Promise.all(all) };
}

describe('Pacer (sliding window)', () => {
	it('lets max starts through at once, then one more each time an answered start leaves the window', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(3, 1000, clock);
		const run = startMany(pacer, clock, 5);
		await settle();
		expect(run.grantedAt).toEqual([0, 0, 0, undefined, undefined]);
		// Answers come back at 100, 200 and 300 ms: each start counts until 1000 ms after its answer.
		await clock.advance(100);
		run.releases[0]();
		await clock.advance(100);
		run.releases[1]();
		await clock.advance(100);
		run.releases[2]();
		await clock.advance(799);
		expect(run.grantedAt.slice(3)).toEqual([undefined, undefined]);
		await clock.advance(1);
		expect(run.grantedAt[3]).toBe(1100);
		await clock.advance(100);
		expect(run.grantedAt[4]).toBe(1200);
		await run.all;
	});

	it('never allows more than max starts in any window (30/s over 5 s: 150 per 5000 ms)', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(150, 5000, clock);
		const starts: number[] = [];
		let next = 0;
		// 20 workers, each request answered 50 ms after its start, 1,000 starts in all.
		const worker = async () => {
			while (next < 1000) {
				next++;
				const release = await pacer.acquire();
				starts.push(clock.now());
				await clock.sleep(50);
				release();
			}
		};
		let finished = false;
		const workers = Promise.all(Array.from({ length: 20 }, worker)).then(() => (finished = true));
		for (let i = 0; i < 400 && !finished; i++) await clock.advance(100);
		await workers;
		expect(starts).toHaveLength(1000);
		for (let i = 150; i < starts.length; i++) expect(starts[i] - starts[i - 150]).toBeGreaterThanOrEqual(5000);
		// Paced, not starved: 1,000 starts take about (1000 - 150) / 30 s plus the 50 ms answers.
		const last = starts[starts.length - 1];
		expect(last).toBeGreaterThanOrEqual(28000);
		expect(last).toBeLessThan(33334);
	});

	it('with every slot still waiting for its answer, waits for an answer, not a timer', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(2, 1000, clock);
		const run = startMany(pacer, clock, 3);
		await settle();
		expect(run.grantedAt).toEqual([0, 0, undefined]);
		expect(clock.sleeping).toBe(0);
		await clock.advance(5000);
		expect(run.grantedAt[2]).toBeUndefined();
		run.releases[0]();
		await settle();
		expect(clock.sleeping).toBe(1); // now it knows when the slot frees up
		await clock.advance(1000);
		expect(run.grantedAt[2]).toBe(6000);
		await run.all;
	});

	it('Stop ends a wait for a slot at once, with ExecutionStoppedError', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(1, 1000, clock);
		const controller = new AbortController();
		const first = startMany(pacer, clock, 1);
		await settle();
		first.releases[0]();
		const waiting = startMany(pacer, clock, 2, controller.signal);
		await settle();
		expect(waiting.grantedAt).toEqual([undefined, undefined]);
		controller.abort();
		await waiting.all;
		expect(waiting.errors).toHaveLength(2);
		expect(waiting.errors[0]).toBeInstanceOf(ExecutionStoppedError);
		await expect(pacer.acquire(controller.signal)).rejects.toBeInstanceOf(ExecutionStoppedError);
	});

	it('Stop also ends a wait for an answer', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(1, 1000, clock);
		const controller = new AbortController();
		await pacer.acquire();
		const waiting = startMany(pacer, clock, 1, controller.signal);
		await settle();
		controller.abort();
		await waiting.all;
		expect(waiting.errors[0]).toBeInstanceOf(ExecutionStoppedError);
	});

	it('a release counts once, however often it is called', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(2, 1000, clock);
		const release = await pacer.acquire();
		release();
		release();
		const run = startMany(pacer, clock, 2);
		await settle();
		expect(run.grantedAt).toEqual([0, undefined]);
	});
});
