// Stream Conversation through real workflows: Place Call → Stream Conversation, to [DONE]
// with Chinese intact, and the unhappy ends: [TIMEOUT], a cut line, the time limit, a stop.
import { chain, runWorkflow } from '../harness/engine.cts';
import { CHINESE_DIALOGUE, DEFAULT_SCRIPT } from '../simulator/providers/stepone/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { credentialsFor, placeCall, REQUIREMENT, streamConversation } from './helpers.cts';

let simulator: RunningSimulator;
const STREAM = '/api/v1/callinfo/stream_chat_history';

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.stepone.reset();
	simulator.sim.requests.length = 0;
});
afterEach(() => simulator.sim.clock.release());

const placeThenStream = (phone: string, streamParameters: Record<string, unknown> = {}, streamExtra = {}) => ({
	nodes: [placeCall('Call', { phones: phone, requirement: REQUIREMENT }), streamConversation('Stream', streamParameters, streamExtra)],
	connections: chain('Call', 'Stream'),
});

describe('Stream Conversation', () => {
	it('streams a call from before the answer to [DONE], Chinese text intact, as one transcript', async () => {
		const result = await runWorkflow(placeThenStream('13800138000'), { credentials: credentialsFor(simulator) });
		expect(result.errors).toEqual({});
		const [item] = result.outputs.Stream;
		expect(item.json).toMatchObject({ status: 'completed', turnCount: 5 });
		// A normal end shows no reason and no count of unparseable events (columns in the table view).
		expect(item.json).not.toHaveProperty('reason');
		expect(item.json).not.toHaveProperty('unparseableEvents');
		const transcript = item.json.transcript as Array<{ role: string; text: string; time: string }>;
		expect(transcript.map(({ role, text }) => ({ role, content: text }))).toEqual(CHINESE_DIALOGUE);
		expect(transcript[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(item.json.transcriptText).toContain('user: 方便的，谢谢提醒！😊');
		expect(item.pairedItem).toEqual({ item: 0 });
		// Opened at once after Place Call, so keep-alives came first; the request carried the auth headers.
		const sent = simulator.sim.requestsTo('POST', STREAM)[0];
		expect(sent.headers['x-skill-version']).toBe('1.0.0');
		expect(sent.headers.accept).toBe('text/event-stream');
		expect(simulator.stepone.openStreams).toBe(0);
	});

	it('outputs one item per turn, then an end item, when asked', async () => {
		const result = await runWorkflow(placeThenStream('13800138000', { outputMode: 'turns' }), { credentials: credentialsFor(simulator) });
		const out = result.outputs.Stream.map((item) => item.json);
		expect(out).toHaveLength(6);
		expect(out.slice(0, 5).map((o) => [o.type, o.index, o.role, o.text])).toEqual(CHINESE_DIALOGUE.map((t, i) => ['turn', i, t.role, t.content]));
		expect(out[5]).toMatchObject({ type: 'end', status: 'completed', turnCount: 5 });
		expect(result.outputs.Stream.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('keeps characters whole when a network chunk ends inside one', async () => {
		simulator.stepone.splitUtf8 = true;
		const result = await runWorkflow(placeThenStream('13800138000'), { credentials: credentialsFor(simulator) });
		const transcript = result.outputs.Stream[0].json.transcript as Array<{ text: string }>;
		expect(transcript.map((t) => t.text)).toEqual(CHINESE_DIALOGUE.map((t) => t.content));
		expect(JSON.stringify(transcript)).not.toContain('\ufffd');
	});

	it('reports an unanswered call ([TIMEOUT]) as "not answered within 30 s" without failing', async () => {
		simulator.stepone.scripts.set('13900139000', { ...DEFAULT_SCRIPT, answered: false });
		const result = await runWorkflow(placeThenStream('13900139000', { outputMode: 'turns' }), { credentials: credentialsFor(simulator) });
		expect(result.status).toBe('success');
		expect(result.outputs.Stream.map((item) => item.json)).toEqual([
			expect.objectContaining({ type: 'end', status: 'not_answered', reason: 'not answered within 30 s ([TIMEOUT])', turnCount: 0 }),
		]);
	});

	it('fails the item on [TIMEOUT] when "Fail If Not Answered" is on', async () => {
		simulator.stepone.scripts.set('13900139000', { ...DEFAULT_SCRIPT, answered: false });
		const result = await runWorkflow(placeThenStream('13900139000', { options: { failIfNotAnswered: true } }), { credentials: credentialsFor(simulator) });
		expect(result.status).toBe('error');
		expect(result.errors.Stream.message).toMatch(/^Call [0-9a-f-]+ was not answered within 30 s$/);
		expect(result.errors.Stream.description).toContain('Item 0');
	});

	it('ends a stream cut mid-conversation with the turns so far and a status saying why', async () => {
		simulator.stepone.scripts.set('13700137000', { ...DEFAULT_SCRIPT, cutAfterTurns: 3 });
		const result = await runWorkflow(placeThenStream('13700137000'), { credentials: credentialsFor(simulator) });
		expect(result.status).toBe('success');
		const item = result.outputs.Stream[0].json;
		expect(item.status).toBe('connection_lost');
		expect(item.reason).toMatch(/connection (broke|closed)/);
		expect((item.transcript as Array<{ text: string }>).map((t) => t.text)).toEqual(CHINESE_DIALOGUE.slice(0, 3).map((t) => t.content));
	});

	it('stops at the maximum duration with what was received so far', async () => {
		// Held clock: the test lets exactly the first turn out, then time stands still, so
		// the node's 2 s maximum duration is what ends the stream, whatever the machine's speed.
		simulator.stepone.scripts.set('13600136000', { ...DEFAULT_SCRIPT, ringMs: 0, turnGapMs: 150000 });
		simulator.sim.clock.hold();
		const started = Date.now();
		const run = runWorkflow(placeThenStream('13600136000', { options: { maxDurationSeconds: 2 } }), { credentials: credentialsFor(simulator) });
		await simulator.sim.waitFor(() => simulator.sim.requestsTo('POST', STREAM).length > 0, () => 'The node never opened the stream');
		await simulator.sim.clock.advance(150000);
		const result = await run;
		const item = result.outputs.Stream[0].json;
		expect(item).toMatchObject({ status: 'max_duration', reason: 'the maximum duration of 2 s was reached' });
		expect((item.transcript as Array<{ text: string }>).map((t) => t.text)).toEqual([CHINESE_DIALOGUE[0].content]);
		// At least the 2 s asked for, and far from the 5 × 2 s that would mean it overran.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(Date.now() - started).toBeLessThan(10000);
		// The node closed the connection when it stopped reading.
		await simulator.sim.waitFor(() => simulator.stepone.openStreams === 0, () => 'The stream stayed open');
	});

	it('stops at once when the execution is stopped while streaming', async () => {
		// Held clock: no turn ever comes, so only Stop can end this stream before its maximum duration.
		simulator.stepone.scripts.set('13600136000', { ...DEFAULT_SCRIPT, ringMs: 0, turnGapMs: 60000 });
		simulator.sim.clock.hold();
		const started = Date.now();
		const result = await runWorkflow(placeThenStream('13600136000'), {
			credentials: credentialsFor(simulator),
			onStarted: ({ cancel }) => void simulator.sim.waitForRequests('POST', STREAM, 1).then(cancel),
		});
		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(10000);
		// The connection is closed too.
		await simulator.sim.waitFor(() => simulator.stepone.openStreams === 0, () => 'The stream stayed open after Stop');
		expect(simulator.sim.requestsTo('POST', STREAM)).toHaveLength(1);
	});

	it('reports an unknown call ID as a per-item error, and goes on with the next item', async () => {
		const result = await runWorkflow(
			{ nodes: [streamConversation('Stream', {}, { onError: 'continueRegularOutput' })] },
			{ credentials: credentialsFor(simulator), input: [{ json: { callId: 'no-such-call' } }, { json: { callId: 'bad id!' } }] },
		);
		const [first, second] = result.outputs.Stream.map((item) => item.json);
		expect(first.error).toContain('call no-such-call not found');
		expect(second.error).toContain('is not a Stepone call ID');
		expect(second.description).toContain('Item 1');
	});

	it('explains a refused skill version (426) on the stream too', async () => {
		const placed = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT })] }, { credentials: credentialsFor(simulator) });
		const result = await runWorkflow(
			{ nodes: [streamConversation('Stream')] },
			{ credentials: credentialsFor(simulator, { skillVersion: '2.0.0' }), input: [{ json: placed.outputs.Call[0].json }] },
		);
		expect(result.errors.Stream.message).toContain('X-Skill-Version "2.0.0" is no longer accepted');
	});
});
