// Get Call Record through real workflows: a record that appears after a delay, one that
// never does, and an execution stopped while the node waits between attempts.
import { chain, runWorkflow } from '../harness/engine.cts';
import { CHINESE_DIALOGUE } from '../simulator/providers/stepone/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { credentialsFor, getCallRecord, placeCall, REQUIREMENT, streamConversation } from './helpers.cts';

let simulator: RunningSimulator;
const SEARCH = '/api/v1/callinfo/search_callinfo';

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.stepone.reset();
	simulator.sim.requests.length = 0;
});
afterEach(() => simulator.sim.clock.release());

describe('Get Call Record', () => {
	it('places, streams to the end, then reads the record once it appears after the delay', async () => {
		// The clock is held: the stream runs to [DONE] as the test steps it, and the record
		// (due 20 s of simulated time after the end) appears only when the test moves the
		// clock on, after the node's first look found nothing. Tries are 0.2 s apart, 25 of them.
		simulator.stepone.recordDelayMs = 20000;
		simulator.sim.clock.hold();
		const run = runWorkflow(
			{
				nodes: [
					placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT }),
					streamConversation('Stream'),
					getCallRecord('Record', { attempts: 25, intervalSeconds: 0.2 }),
				],
				connections: chain('Call', 'Stream', 'Record'),
			},
			{ credentials: credentialsFor(simulator) },
		);
		await simulator.sim.waitFor(() => simulator.sim.requestsTo('POST', SEARCH).length > 0, () => 'The node never asked for the record');
		await simulator.sim.clock.advance(20000);
		const result = await run;
		expect(result.errors).toEqual({});
		const record = result.outputs.Record[0].json;
		expect(record).toMatchObject({ status: 'completed', complete: true, durationSeconds: 5, cost: 0.12, billed: true, phones: '13800138000', requirement: REQUIREMENT });
		expect((record.transcript as Array<{ role: string; text: string }>).map(({ role, text }) => ({ role, content: text }))).toEqual(CHINESE_DIALOGUE);
		expect(record.attempts).toBeGreaterThan(1);
		expect(simulator.sim.requestsTo('POST', SEARCH)).toHaveLength(record.attempts as number);
		// The streamed transcript and the record agree.
		const streamed = result.outputs.Stream[0].json.transcript as Array<{ role: string; text: string }>;
		expect(streamed.map(({ role, text }) => [role, text])).toEqual((record.transcript as Array<{ role: string; text: string }>).map(({ role, text }) => [role, text]));
	});

	it('fails with a clear message after the last try when the record never appears', async () => {
		simulator.stepone.recordDelayMs = Infinity;
		const placed = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT })] }, { credentials: credentialsFor(simulator) });
		const callId = String(placed.outputs.Call[0].json.callId);
		const result = await runWorkflow(
			{ nodes: [getCallRecord('Record', { attempts: 3, intervalSeconds: 0.05 }, { onError: 'continueRegularOutput' })] },
			{ credentials: credentialsFor(simulator), input: [{ json: { callId } }, { json: { callId } }] },
		);
		const [first, second] = result.outputs.Record.map((item) => item.json);
		expect(first.error).toBe(`No record for call ${callId} appeared after 3 tries 0.05 s apart (Stepone: call record not found)`);
		expect(first.description).toMatch(/^Item 0: Stepone writes the record some time after the call ends\. Run again later, or raise "Attempts" or "Interval \(Seconds\)"/);
		expect(second.description).toContain('Item 1');
		expect(simulator.sim.requestsTo('POST', SEARCH)).toHaveLength(6);
	});

	it('uses 5 tries 10 s apart by default, and stops at once when the execution is stopped while waiting', async () => {
		simulator.stepone.recordDelayMs = Infinity;
		const started = Date.now();
		const result = await runWorkflow(
			{ nodes: [getCallRecord('Record')] },
			{
				credentials: credentialsFor(simulator),
				input: [{ json: { callId: 'waiting-call' } }],
				// Stop once the first try has been answered, i.e. while the node waits 10 s for the next.
				onStarted: ({ cancel }) => void simulator.sim.waitForRequests('POST', SEARCH, 1).then(cancel),
			},
		);
		// Without the stop the node would wait 4 × 10 s; a fifth of that proves it stopped at once.
		expect(Date.now() - started).toBeLessThan(8000);
		expect(result.status).toBe('canceled');
		expect(simulator.sim.requestsTo('POST', SEARCH)).toHaveLength(1);
	});

	it('explains a refused skill version (426) at once, without waiting through the tries', async () => {
		const started = Date.now();
		const result = await runWorkflow(
			{ nodes: [getCallRecord('Record', { attempts: 5, intervalSeconds: 10 })] },
			{ credentials: credentialsFor(simulator, { skillVersion: '0.9.0' }), input: [{ json: { callId: 'x-1' } }] },
		);
		expect(result.errors.Record.message).toContain('HTTP 426');
		expect(result.errors.Record.message).toContain('X-Skill-Version "0.9.0" is no longer accepted');
		expect(result.errors.Record.description).toContain('Item 0');
		// The tries would take 40 s; a fifth of that proves there was no waiting through them.
		expect(Date.now() - started).toBeLessThan(8000);
		expect(simulator.sim.requestsTo('POST', SEARCH)).toHaveLength(1);
	});

	it('explains a bad key (401) and a 5xx that outlasts the retries, per item', async () => {
		simulator.sim.faults.add({ method: 'POST', path: SEARCH, kind: 'status', times: 3, response: { status: 502, body: { success: false, message: 'bad gateway' } } });
		const result = await runWorkflow(
			// One at a time: the three 502s are for item 0's three sends.
			{ nodes: [getCallRecord('Record', { attempts: 1, options: { concurrency: 1 } }, { onError: 'continueRegularOutput' })] },
			{ credentials: credentialsFor(simulator, { apiKey: 'sk_wrong_key_000000' }), input: [{ json: { callId: 'a' } }, { json: { callId: 'b' } }] },
		);
		const [first, second] = result.outputs.Record.map((item) => item.json);
		expect(first.error).toBe('Stepone AI error (HTTP 502): bad gateway');
		expect(second.error).toBe('Stepone AI error (HTTP 401): invalid api key');
		expect(second.description).toContain('Item 1: Check the API key in the Stepone AI credential');
	});
});
