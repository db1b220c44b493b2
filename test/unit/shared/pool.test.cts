import { runPool } from '../../../nodes/shared/pool.ts';

/** A promise the test settles by hand, so the order of events is the test's, not the timers'. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runPool', () => {
	it('never runs more than the concurrency at once, and returns results in input order', async () => {
		const gates = Array.from({ length: 10 }, () => deferred<string>());
		let running = 0;
		let peak = 0;
		const started: number[] = [];
		const done = runPool(10, async (index) => {
			started.push(index);
			running++;
			peak = Math.max(peak, running);
			try {
				return await gates[index].promise;
			} finally {
				running--;
			}
		}, { concurrency: 3 });
		await tick();
		expect(started).toEqual([0, 1, 2]);
		// Finish them back to front: results still come out by index.
		for (let i = 9; i >= 0; i--) {
			gates[i].resolve(`r${i}`);
			await tick();
		}
		const results = await done;
		expect(peak).toBe(3);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(results).toEqual(Array.from({ length: 10 }, (_, i) => ({ ok: true, value: `r${i}` })));
	});

	it('with concurrency 1 runs one after another', async () => {
		const order: string[] = [];
		await runPool(3, async (index) => {
			order.push(`start ${index}`);
			await tick();
			order.push(`end ${index}`);
		}, { concurrency: 1 });
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	it('a failure does not stop the others unless stopOnError', async () => {
		const work = async (index: number) => {
			if (index === 1) throw new Error('bad item');
			return index;
		};
		const results = await runPool(4, work, { concurrency: 2 });
		expect(results.map((r) => r?.ok)).toEqual([true, false, true, true]);
		expect((results[1] as { error: Error }).error.message).toBe('bad item');
	});

	it('stopOnError: no new index starts after a failure, and the running ones settle before it resolves', async () => {
		const gates = Array.from({ length: 6 }, () => deferred<number>());
		const started: number[] = [];
		let settled = false;
		const done = runPool(6, async (index) => {
			started.push(index);
			return await gates[index].promise;
		}, { concurrency: 3, stopOnError: true }).then((results) => {
			settled = true;
			return results;
		});
		await tick();
		gates[2].reject(new Error('item 2 failed'));
		await tick();
		expect(started).toEqual([0, 1, 2]);
		expect(settled).toBe(false); // 0 and 1 are still running
		gates[1].reject(new Error('item 1 failed'));
		gates[0].resolve(0);
		const results = await done;
		expect(started).toEqual([0, 1, 2]);
		expect(results.map((r) => r?.ok)).toEqual([true, false, false, undefined, undefined, undefined]);
	});

	it('an aborted signal starts nothing new; running indexes finish', async () => {
		const controller = new AbortController();
		const gates = Array.from({ length: 5 }, () => deferred<number>());
		const started: number[] = [];
		const done = runPool(5, async (index) => {
			started.push(index);
			return await gates[index].promise;
		}, { concurrency: 2, signal: controller.signal });
		await tick();
		controller.abort();
		gates[0].resolve(0);
		gates[1].resolve(1);
		const results = await done;
		expect(started).toEqual([0, 1]);
		expect(results.filter(Boolean)).toHaveLength(2);
	});

	it('no items: resolves at once with no results', async () => {
		await expect(runPool(0, async () => 1, { concurrency: 5 })).resolves.toEqual([]);
	});
});
