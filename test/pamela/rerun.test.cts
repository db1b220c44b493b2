// Skip If Already Called: re-running the contacts of an execution that a dead worker left as
// `error` places no second call. The node lists the look-back window once per run and finds
// earlier calls by the dedupe key it wrote into their metadata.
import type { IDataObject } from 'n8n-workflow';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CALLS_PATH, jsonOf, placeCall, runPamela } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.sim.requests.length = 0;
	simulator.pamela.calls.calls.clear();
});

const contacts = (...ids: string[]) => ids.map((id) => ({ json: { contact: id, phone: `+1415555${id}` } }));
const campaign = (options: IDataObject = {}) => ({
	...placeCall('={{ $json.phone }}', 'Remind about the appointment', {
		skipIfAlreadyCalled: true,
		dedupeKey: '={{ $json.contact }}:spring',
		concurrency: 3,
		...options,
	}),
});
const posts = () => simulator.sim.requestsTo('POST', CALLS_PATH).length;

describe('Place: Skip If Already Called', () => {
	it('a re-run of some contacts, in another order, places nothing and outputs the earlier calls', async () => {
		const first = jsonOf(await runPamela(simulator, campaign(), { input: contacts('0101', '0102', '0103') }));
		expect(posts()).toBe(3);
		expect(first.map((item) => item.alreadyCalled)).toEqual([false, false, false]);
		expect(simulator.pamela.calls.calls.get(String(first[1].id))?.metadata).toEqual({ n8n_dedupe_key: '0102:spring' });

		const again = jsonOf(await runPamela(simulator, campaign(), { input: contacts('0103', '0102', '0104') }));
		expect(posts()).toBe(4); // only the new contact 0104
		expect(again.map((item) => item.alreadyCalled)).toEqual([true, true, false]);
		expect(again[0].id).toBe(first[2].id);
		expect(again[1].id).toBe(first[1].id);
		expect(simulator.pamela.calls.calls.size).toBe(4);
		// One listing per run, bounded by the look-back window.
		const lists = simulator.pamela.calls.listQueries.slice(-1);
		expect(simulator.sim.requestsTo('GET', CALLS_PATH)).toHaveLength(2);
		expect(Date.parse(String(lists[0].get('start_date')))).toBeLessThan(Date.now() - 23 * 3_600_000);
	});

	it('the same key twice in one input is called once; the second item gets the first call', async () => {
		const out = jsonOf(await runPamela(simulator, campaign(), { input: [...contacts('0201'), ...contacts('0201')] }));
		expect(posts()).toBe(1);
		expect(out[1].id).toBe(out[0].id);
		expect(out[1].alreadyCalled).toBe(true);
	});

	it('without a Dedupe Key, derives one from workflow, node, number and task', async () => {
		const options = { dedupeKey: '' };
		const first = jsonOf(await runPamela(simulator, campaign(options), { input: contacts('0301') }));
		const again = jsonOf(await runPamela(simulator, campaign(options), { input: contacts('0301') }));
		expect(first[0].dedupeKey).toMatch(/^n8n-[0-9a-f]{32}$/);
		expect(again[0]).toMatchObject({ alreadyCalled: true, id: first[0].id });
		expect(posts()).toBe(1);
	});

	it('with Wait for Outcome, a re-run follows the earlier call to its outcome instead of calling again', async () => {
		const waiting = { ...campaign({ pollIntervalSeconds: 0.05 }), waitForOutcome: true };
		const first = jsonOf(await runPamela(simulator, waiting, { input: contacts('0401') }));
		const again = jsonOf(await runPamela(simulator, waiting, { input: contacts('0401') }));
		expect(posts()).toBe(1);
		expect(again[0]).toMatchObject({ callId: first[0].callId, status: first[0].status, alreadyCalled: true });
		expect(again[0].correlation).toEqual({ n8n_dedupe_key: '0401:spring' });
	});

	it('off (the default), a re-run calls again: the option is what protects', async () => {
		const plain = placeCall('={{ $json.phone }}');
		jsonOf(await runPamela(simulator, plain, { input: contacts('0501') }));
		jsonOf(await runPamela(simulator, plain, { input: contacts('0501') }));
		expect(posts()).toBe(2);
		expect(simulator.sim.requestsTo('GET', CALLS_PATH)).toHaveLength(0);
	});
});
