// A batch with Concurrency 10 in n8n's engine: 10 requests in flight at once, outputs in input
// order with pairedItem although the provider answers them out of order, on every provider.
// The clock is held, so "in flight" lasts until the test steps it: counted, never timed.
import { runWorkflow } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CREATE_PATH, credentialsFor, duplicates, itemsFor, PROVIDERS, placeCallNode, placedNumber, resetSimulator, runPlaceCalls } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	// Placing is what is measured here: the calls' Telnyx webhooks would only add deliveries
	// that the held clock waits for at every step, so they are recorded, not sent.
	simulator.telnyx.webhooks.deliver = false;
});
afterAll(async () => simulator.stop());
beforeEach(() => resetSimulator(simulator));

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Waits for an event without moving the held clock (a bound for a hung test only). */
async function until(done: () => boolean, realTimeoutMs = 20000): Promise<void> {
	const deadline = Date.now() + realTimeoutMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error('condition not met');
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
}

describe.each(PROVIDERS)('%s: 60 items at Concurrency 10', (provider) => {
	it('has 10 requests in flight at once and outputs every item in input order with pairedItem', async () => {
		const count = 60;
		// Each create request waits on the simulator clock, the first ones longest, so answers
		// come back in a different order from the one the items went out in.
		for (let i = 0; i < count; i++) simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH[provider], kind: 'latency', ms: (count - i) * 100 });
		const timersBefore = simulator.sim.clock.pending;
		let finished = false;
		const run = runPlaceCalls(simulator, provider, itemsFor(provider, count), { concurrency: 10 }).finally(() => (finished = true));

		// Every request in flight is one latency timer on the held clock.
		await until(() => simulator.sim.clock.pending - timersBefore >= 10);
		for (let i = 0; i < 20; i++) await settle();
		expect(simulator.sim.clock.pending - timersBefore).toBe(10);
		expect(simulator.sim.requestsTo('POST', CREATE_PATH[provider])).toHaveLength(0);

		await simulator.sim.clock.runUntil(() => finished);
		const result = await run;
		expect(result.errors).toEqual({});
		const out = result.outputs['Place Call'];
		expect(out).toHaveLength(count);
		expect(out.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, i) => ({ item: i })));
		expect(out.map((item) => placedNumber(item.json))).toEqual(itemsFor(provider, count).map((item) => item.json.to));
		// The simulator did see them finish out of order (the latencies fall with arrival).
		const arrived = simulator.sim.requestsTo('POST', CREATE_PATH[provider]).map((r) => JSON.stringify(r.body));
		expect(arrived).toHaveLength(count);
		expect(arrived).not.toEqual([...arrived].sort((a, b) => itemIndex(a) - itemIndex(b)));
		expect(duplicates(simulator, provider)).toEqual([]);
	});
});

/** The item index a create request was for, from the number in its body. */
function itemIndex(body: string): number {
	return Number(/"(?:to|phones)":"\+?\d*?(\d{4})"/.exec(body)?.[1] ?? -1);
}

describe('failures in a concurrent batch', () => {
	// Item 2 is refused by Stepone (unknown agent) after a round trip; item 5 fails at once
	// (a number that is no mobile): item 5 fails first in time, item 2 first in input order.
	const input = itemsFor('stepone', 12).map((item, i) => ({ json: { ...item.json, to: i === 5 ? '12345' : item.json.to, agent: i === 2 ? 999 : '' } }));
	const options = { concurrency: 10 };
	const withAgent = { agentId: '={{ $json.agent }}' };

	it('with Continue On Fail, the bad items say so in their place and the others are placed', async () => {
		const node = placeCallNode('stepone', options, { onError: 'continueRegularOutput' });
		node.parameters = { ...node.parameters, ...withAgent };
		const result = await runWorkflow({ nodes: [node] }, { credentials: credentialsFor(simulator, 'stepone'), input });
		const out = result.outputs['Place Call'];
		expect(out.map((item) => item.pairedItem)).toEqual(Array.from({ length: 12 }, (_, i) => ({ item: i })));
		expect(out[2].json.error).toContain('agent 999 not found');
		expect(String(out[5].json.description)).toContain('Item 5, field "Phone Numbers"');
		expect(out.filter((item) => item.json.callId)).toHaveLength(10);
	});

	it('without it, the first failing item in input order is reported, after the running ones settled', async () => {
		const node = placeCallNode('stepone', options);
		node.parameters = { ...node.parameters, ...withAgent };
		const result = await runWorkflow({ nodes: [node] }, { credentials: credentialsFor(simulator, 'stepone'), input });
		expect(result.errors['Place Call'].itemIndex).toBe(2);
		expect(result.errors['Place Call'].message).toContain('agent 999 not found');
		// Items 10 and 11 were never started; the ten that were all got their answer.
		const sent = simulator.sim.requestsTo('POST', CREATE_PATH.stepone).map((r) => (r.body as { phones: string }).phones);
		expect(sent).not.toContain(input[10].json.to);
		expect(sent).not.toContain(input[11].json.to);
		expect(sent).toHaveLength(9);
	});
});
