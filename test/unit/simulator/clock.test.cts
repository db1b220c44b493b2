// The simulator clock: held time moves only when a test steps it, timers fire in order, a
// step never overtakes work on the wire, and a running clock keeps its scale.
import { Clock } from '../../simulator/core/clock.cts';

describe('held clock', () => {
	it('stands still until advanced, then fires due timers in time order (ties in creation order)', async () => {
		const clock = new Clock(1);
		clock.hold();
		const start = clock.now();
		const fired: string[] = [];
		clock.after(300, () => fired.push('c'));
		clock.after(100, () => fired.push('a'));
		clock.after(100, () => fired.push('b'));
		clock.after(1000, () => fired.push('late'));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(clock.now()).toBe(start);
		expect(fired).toEqual([]);
		await clock.advance(300);
		expect(fired).toEqual(['a', 'b', 'c']);
		expect(clock.now()).toBe(start + 300);
		expect(clock.pending).toBe(1);
	});

	it('lets what a timer started schedule its own timers before stepping on', async () => {
		const clock = new Clock(1);
		clock.hold();
		const seen: number[] = [];
		const start = clock.now();
		void (async () => {
			for (let i = 0; i < 3; i++) {
				await clock.sleep(100);
				seen.push(clock.now() - start);
			}
		})();
		await clock.advance(1000);
		expect(seen).toEqual([100, 200, 300]);
	});

	it('runUntil stops exactly at the state asked for, and reports the simulated time it took', async () => {
		const clock = new Clock(1);
		clock.hold();
		let state = 'ringing';
		clock.after(2000, () => (state = 'answered'));
		clock.after(5000, () => (state = 'ended'));
		expect(await clock.runUntil(() => state === 'answered')).toBe(2000);
		expect(state).toBe('answered');
		expect(clock.pending).toBe(1);
	});

	it('runUntil fails instead of hanging when nothing can bring the state', async () => {
		const clock = new Clock(1);
		clock.hold();
		await expect(clock.runUntil(() => false, { realTimeoutMs: 50 })).rejects.toThrow(/condition not met/);
	});

	it('never steps past work on the wire unless told to overtake it', async () => {
		const clock = new Clock(1);
		clock.hold();
		let onWire = true;
		clock.quiet = () => !onWire;
		const fired: string[] = [];
		clock.after(10, () => fired.push('timeout'));
		const stepping = clock.advance(10);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(fired).toEqual([]);
		onWire = false;
		await stepping;
		expect(fired).toEqual(['timeout']);

		onWire = true;
		clock.after(10, () => fired.push('overtaken'));
		await clock.advance(10, { overtake: true });
		expect(fired).toEqual(['timeout', 'overtaken']);
	});

	it('refuses to step a running clock', async () => {
		await expect(new Clock(1).advance(10)).rejects.toThrow(/held clock/);
	});

	it('cancels one timer or all, and repeats an interval until cancelled', async () => {
		const clock = new Clock(1);
		clock.hold();
		const fired: string[] = [];
		const once = clock.after(50, () => fired.push('once'));
		const tick = clock.every(100, () => fired.push('tick'));
		clock.cancel(once);
		await clock.advance(350);
		expect(fired).toEqual(['tick', 'tick', 'tick']);
		clock.cancel(tick);
		clock.after(10, () => fired.push('gone'));
		clock.cancelAll();
		await clock.advance(1000);
		expect(fired).toEqual(['tick', 'tick', 'tick']);
		expect(clock.pending).toBe(0);
	});
});

describe('running clock', () => {
	it('runs simulated time 1/scale times faster than real time', async () => {
		const clock = new Clock(0.01);
		const start = clock.now();
		// 10 s of simulated time is 100 ms of real time at scale 0.01.
		await clock.sleep(10000);
		// A timer fires when it is due to within half a simulated ms.
		expect(clock.now() - start).toBeGreaterThanOrEqual(9999);
	});

	it('picks up from where a hold left it, without a jump', async () => {
		const clock = new Clock(0.01);
		clock.hold();
		const held = clock.now();
		await new Promise((resolve) => setTimeout(resolve, 200));
		clock.release();
		// 200 ms of real time (20 s simulated) passed while held: none of it counts.
		expect(clock.now() - held).toBeLessThan(20000);
		await clock.sleep(1000);
		expect(clock.now() - held).toBeGreaterThanOrEqual(999);
	});

	it('with scale 0 jumps from timer to timer as fast as the event loop allows', async () => {
		const clock = new Clock(0);
		const start = clock.now();
		const order: number[] = [];
		await Promise.all([clock.sleep(3_600_000).then(() => order.push(2)), clock.sleep(60_000).then(() => order.push(1))]);
		expect(order).toEqual([1, 2]);
		expect(clock.now() - start).toBe(3_600_000);
	});

	it('leaves no real timer behind once every simulated timer is cancelled', () => {
		const clock = new Clock(1);
		clock.after(60_000, () => undefined);
		clock.cancelAll();
		expect(clock.pending).toBe(0);
	});
});
