// Stop ends a campaign at once: items waiting for a pacer slot or for a rate-limit wait leave
// their wait, and no item starts after it. Counted at the simulator; the one time bound has a
// 5x margin over what the waits would take.
import { pamelaError } from '../simulator/providers/pamela/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CREATE_PATH, itemsFor, resetSimulator, runPlaceCalls } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => simulator.stop());
beforeEach(() => resetSimulator(simulator));

it('Telnyx: Stop while dials wait for the pacer ends them at once; nothing more is dialled', async () => {
	const started = Date.now();
	// One dial per 5 s: the other four would wait 20 s in all.
	const result = await runPlaceCalls(simulator, 'telnyx', itemsFor('telnyx', 5, 400), { concurrency: 5, dialRateLimit: 0.2 }, {
		onStarted: ({ cancel }) => void simulator.sim.waitForRequests('POST', CREATE_PATH.telnyx, 1).then(cancel),
	});
	expect(result.status).toBe('canceled');
	expect(Date.now() - started).toBeLessThan(4000);
	expect(simulator.sim.requestsTo('POST', CREATE_PATH.telnyx)).toHaveLength(1);
});

it('Pamela: Stop while items wait out a 429 ends the waits at once; no item is sent again', async () => {
	const started = Date.now();
	simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH.pamela, kind: 'status', times: 3, response: pamelaError(429, 6001, 'Rate limit exceeded', { retry_after: 30 }) });
	// Items 0-2 are refused and wait 30 s; item 3 is placed; Stop comes once it is.
	const result = await runPlaceCalls(simulator, 'pamela', itemsFor('pamela', 6), { concurrency: 4 }, {
		onStarted: ({ cancel }) => void simulator.sim.waitForRequests('POST', CREATE_PATH.pamela, 1).then(cancel),
	});
	expect(result.status).toBe('canceled');
	expect(Date.now() - started).toBeLessThan(6000);
	expect(simulator.pamela.calls.calls.size).toBeLessThanOrEqual(3);
});
