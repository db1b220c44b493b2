// Faults never place a second call for one item, on any provider. The simulator drops
// connections before and after processing, answers 503 and answers late while a batch runs at
// Concurrency 4; each number must end up with at most one call (Telnyx: exactly one, since its
// dials are resent under their command_id), counted from the simulator's own records.
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CREATE_PATH, callsPerNumber, duplicates, itemsFor, PROVIDERS, resetSimulator, runPlaceCalls, type ProviderName } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => simulator.stop());
beforeEach(() => resetSimulator(simulator));

function injectFaults(provider: ProviderName): void {
	const path = CREATE_PATH[provider];
	const { faults } = simulator.sim;
	faults.add({ method: 'POST', path, kind: 'reset-before', times: 2 });
	faults.add({ method: 'POST', path, kind: 'reset-after', times: 2 });
	faults.add({ method: 'POST', path, kind: 'status', times: 2, response: { status: 503, body: { errors: [{ code: '10007', title: 'Service unavailable' }] } } });
	faults.add({ method: 'POST', path, kind: 'latency', times: 2, ms: 300 });
}

describe.each(PROVIDERS)('%s: a batch through reset-before, reset-after, 503 and latency', (provider) => {
	it('places no number twice', async () => {
		injectFaults(provider);
		const input = itemsFor(provider, 16);
		const result = await runPlaceCalls(simulator, provider, input, { concurrency: 4 }, { continueOnFail: true });
		const out = result.outputs['Place Call'];
		expect(out.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		expect(duplicates(simulator, provider)).toEqual([]);
		const calls = callsPerNumber(simulator, provider);
		if (provider === 'telnyx') {
			// Every fault is recovered by a resend with the same command_id, inside Telnyx's window.
			expect(out.filter((item) => item.json.error)).toEqual([]);
			expect(calls.size).toBe(16);
			const sent = simulator.sim.requestsTo('POST', CREATE_PATH.telnyx).map((r) => (r.body as { command_id: string }).command_id);
			// The two lost replies were resent with their command_id; Telnyx dropped the copies.
			expect(sent.length - new Set(sent).size).toBe(2);
		} else {
			// No dedupe key the server honours: a request that may have arrived is never sent again.
			const failed = out.filter((item) => item.json.error);
			expect(failed).toHaveLength(6); // 2 resets before, 2 after, 2 × 503
			const posts = simulator.sim.requestsTo('POST', CREATE_PATH[provider]);
			expect(posts.length).toBe(16 - 2 - 2); // reset-before and 503 never reach the route
			expect(new Set(posts.map((r) => JSON.stringify(r.body))).size).toBe(posts.length);
			expect(calls.size).toBe(16 - 2 - 2);
			const lost = failed.filter((item) => String(item.json.description).includes(provider === 'pamela' ? 'may or may not have placed' : 'may have been placed'));
			expect(lost).toHaveLength(4); // both kinds of reset: the node cannot tell them apart
		}
	});
});

describe('Telnyx dedupe window', () => {
	it('a lost reply followed by a 429 asking past the 60 s window is not resent: one call, and the item says it may be placed', async () => {
		simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH.telnyx, kind: 'reset-after' });
		simulator.sim.faults.rateLimit(CREATE_PATH.telnyx, { errors: [{ code: '90103', title: 'Dial rate limit exceeded' }] }, 60);
		const result = await runPlaceCalls(simulator, 'telnyx', itemsFor('telnyx', 1, 300));
		expect(result.errors['Place Call'].message).toBe('The connection to Telnyx was lost before it answered (ECONNRESET)');
		expect(result.errors['Place Call'].description).toContain('Telnyx may have placed the call to +14155560300');
		expect(result.errors['Place Call'].description).toContain('Telnyx drops a repeated dial only within 60 s, so it was not sent again');
		expect(simulator.telnyx.calls.size).toBe(1);
		expect(simulator.sim.requestsTo('POST', CREATE_PATH.telnyx)).toHaveLength(1);
	});
});
