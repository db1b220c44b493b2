// Rate limits slow a batch without failing an item: a 429 means nothing was done, so the node
// waits what the provider asks and sends again; past the user's Maximum Rate-Limit Wait the
// item fails, naming the wait. Telnyx dials are paced at the Dial Rate Limit and never refused.
// Outcomes are counted (429s answered, calls created), never timed.
import { pamelaError } from '../simulator/providers/pamela/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CREATE_PATH, duplicates, itemsFor, placedNumber, resetSimulator, runPlaceCalls } from './helpers.cts';

let simulator: RunningSimulator;

// A running clock at scale 1: the simulator's rate windows and the node's waits are both real time.
beforeAll(async () => {
	simulator = await startSimulator();
	// Only placing is checked here: the calls' Telnyx events are recorded, not delivered.
	simulator.telnyx.webhooks.deliver = false;
});
afterAll(async () => simulator.stop());
beforeEach(() => resetSimulator(simulator));
afterEach(() => simulator.sim.clock.release());

function expectAllPlacedInOrder(outputs: Array<{ json: Record<string, unknown>; pairedItem?: unknown }>, input: Array<{ json: Record<string, unknown> }>) {
	expect(outputs.filter((item) => item.json.error)).toEqual([]);
	expect(outputs.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
	expect(outputs.map((item) => placedNumber(item.json))).toEqual(input.map((item) => item.json.to));
}

describe('Telnyx dial limit', () => {
	it('a 429 storm (pacing off) slows the batch, every dial is resent after its wait and placed once', async () => {
		// Held clock: ten dials fill the window, so the eleventh is refused whatever the machine's
		// speed; each time the simulator refuses, the test moves time past the window, so the
		// resend (after the 1 s Retry-After, real time) finds room.
		simulator.telnyx.limitDials(10, 1000);
		simulator.sim.clock.hold();
		let running = true;
		const windows = (async () => {
			let seen = 0;
			while (running) {
				if (simulator.telnyx.dialLimit.refused > seen) {
					seen = simulator.telnyx.dialLimit.refused;
					await simulator.sim.clock.advance(1000);
				}
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		})();
		const input = itemsFor('telnyx', 30);
		const result = await runPlaceCalls(simulator, 'telnyx', input, { concurrency: 10, dialRateLimit: 0 }, { continueOnFail: true }).finally(() => (running = false));
		await windows;
		simulator.sim.clock.release();
		expectAllPlacedInOrder(result.outputs['Place Call'], input);
		expect(simulator.telnyx.dialLimit.refused).toBeGreaterThan(0);
		expect(simulator.telnyx.calls.size).toBe(30);
		expect(duplicates(simulator, 'telnyx')).toEqual([]);
	});

	it('paced at the Dial Rate Limit, a batch over the limit is never refused', async () => {
		// 4 dials per second is 20 in any 5 s, exactly what the simulator enforces.
		simulator.telnyx.limitDials(20, 5000);
		const input = itemsFor('telnyx', 30, 100);
		const result = await runPlaceCalls(simulator, 'telnyx', input, { concurrency: 10, dialRateLimit: 4 });
		expectAllPlacedInOrder(result.outputs['Place Call'], input);
		expect(simulator.telnyx.dialLimit.refused).toBe(0);
		// The simulator's clock saw no 5 s with more than 20 dials.
		const at = simulator.sim.requestsTo('POST', CREATE_PATH.telnyx).map((r) => r.simAt);
		for (let i = 20; i < at.length; i++) expect(at[i] - at[i - 20]).toBeGreaterThanOrEqual(5000);
	});

	it('a wait past the Maximum Rate-Limit Wait fails the item, naming the wait', async () => {
		simulator.telnyx.limitDials(1, 60_000);
		// Held clock: both dials fall in the same 60 s window, however slow the machine.
		simulator.sim.clock.hold();
		const input = itemsFor('telnyx', 2, 200);
		const result = await runPlaceCalls(simulator, 'telnyx', input, { concurrency: 2, dialRateLimit: 0, maxRateLimitWait: 20 }, { continueOnFail: true });
		const failed = result.outputs['Place Call'].filter((item) => item.json.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toContain('Telnyx error 90103 (HTTP 429)');
		expect(String(failed[0].json.description)).toMatch(/Wait (59|60) s before trying again\. A wait of (59|60) s more would pass the Maximum Rate-Limit Wait \(20 s\)/);
		expect(simulator.telnyx.calls.size).toBe(1);
	});
});

describe('Pamela and Stepone 429s', () => {
	it('Pamela: 429s with the wait only in the body (details.retry_after) are waited out; every item placed once', async () => {
		const limited = pamelaError(429, 6001, 'Rate limit exceeded', { retry_after: 1 });
		simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH.pamela, kind: 'status', times: 12, response: limited });
		const input = itemsFor('pamela', 20);
		const result = await runPlaceCalls(simulator, 'pamela', input, { concurrency: 5 }, { continueOnFail: true });
		expectAllPlacedInOrder(result.outputs['Place Call'], input);
		// The 12 refused sends never reached the route; one send per item did.
		expect(simulator.sim.requestsTo('POST', CREATE_PATH.pamela)).toHaveLength(20);
		expect(simulator.pamela.calls.calls.size).toBe(20);
		expect(duplicates(simulator, 'pamela')).toEqual([]);
	});

	it('Stepone: 429s with Retry-After are waited out; every item placed once', async () => {
		simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH.stepone, kind: 'status', times: 12, response: { status: 429, body: { success: false, message: 'too many requests' }, headers: { 'retry-after': '1' } } });
		const input = itemsFor('stepone', 20);
		const result = await runPlaceCalls(simulator, 'stepone', input, { concurrency: 5 }, { continueOnFail: true });
		expectAllPlacedInOrder(result.outputs['Place Call'], input);
		expect(simulator.stepone.calls.size).toBe(20);
		expect(duplicates(simulator, 'stepone')).toEqual([]);
	});

	it('Pamela: past the Maximum Rate-Limit Wait the item fails cleanly, naming the wait, and is not placed', async () => {
		const limited = pamelaError(429, 6001, 'Rate limit exceeded', { retry_after: 1 });
		simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH.pamela, kind: 'status', times: 100, response: limited });
		const result = await runPlaceCalls(simulator, 'pamela', itemsFor('pamela', 1), { maxRateLimitWait: 2 });
		expect(result.errors['Place Call'].message).toBe('Pamela error 6001 (HTTP 429): Rate limit exceeded');
		expect(result.errors['Place Call'].description).toContain('After 2 s of waiting for rate limits, a wait of 1 s more would pass the Maximum Rate-Limit Wait (2 s)');
		expect(simulator.pamela.calls.calls.size).toBe(0);
	});
});
