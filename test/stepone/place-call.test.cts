// Place Call through real workflows: batching, number normalisation, per-item failures,
// the Idempotency-Key, the requirement limit, and no blind retry of initiate_call.
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { loadPackage } from '../harness/package.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { credentialsFor, placeCall, REQUIREMENT } from './helpers.cts';

let simulator: RunningSimulator;
const INITIATE = '/api/v1/callinfo/initiate_call';

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.stepone.reset();
	simulator.sim.faults.clear();
	simulator.sim.requests.length = 0;
});

describe('Place Call', () => {
	it('places a batch of three numbers in mixed formats in one request, one call ID per number', async () => {
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '+86 138 0013 8000, 0086-139-0013-9000；137-0013-7000', requirement: REQUIREMENT })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.errors).toEqual({});
		const sent = simulator.sim.requestsTo('POST', INITIATE);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toEqual({ phones: '13800138000,13900139000,13700137000', user_requirement: REQUIREMENT });
		const out = result.outputs.Call.map((item) => item.json);
		expect(out.map((o) => o.phone)).toEqual(['13800138000', '13900139000', '13700137000']);
		expect(new Set(out.map((o) => o.callId)).size).toBe(3);
		for (const o of out) expect(simulator.stepone.calls.get(String(o.callId))?.phone).toBe(o.phone);
		expect(result.outputs.Call.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		// Chinese user data reaches the server intact.
		expect(simulator.stepone.calls.get(String(out[0].callId))?.requirement).toBe(REQUIREMENT);
	});

	it('takes a list of numbers from an expression as one batch', async () => {
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '={{ $json.numbers }}', requirement: REQUIREMENT })] },
			{ credentials: credentialsFor(simulator), input: [{ json: { numbers: ['13800138000', '+8613900139000'] } }] },
		);
		expect(result.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', INITIATE)[0].body).toMatchObject({ phones: '13800138000,13900139000' });
		expect(result.outputs.Call).toHaveLength(2);
	});

	it('refuses a landline and a short number per item, naming item and number; the other items are called', async () => {
		const input = ['13800138000', '010-6552 9988', '1380013', '+86 137 0013 7000'].map((phone) => ({ json: { phone } }));
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '={{ $json.phone }}', requirement: REQUIREMENT }, { onError: 'continueRegularOutput' })] },
			{ credentials: credentialsFor(simulator), input },
		);
		expect(result.status).toBe('success');
		const out = result.outputs.Call;
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out[0].json.callId).toEqual(expect.any(String));
		expect(out[1].json.error).toContain('"010-6552 9988"');
		expect(out[1].json.error).toContain('landlines');
		expect(out[1].json.description).toContain('Item 1, field "Phone Numbers"');
		expect(out[2].json.error).toContain('"1380013"');
		expect(out[2].json.error).toContain('7 digits');
		expect(out[2].json.description).toContain('Item 2');
		expect(out[3].json.phone).toBe('13700137000');
		expect(simulator.sim.requestsTo('POST', INITIATE).map((r) => (r.body as { phones: string }).phones)).toEqual(['13800138000', '13700137000']);
	});

	it('fails the node on a bad number without Continue On Fail, before sending anything for that item', async () => {
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000, 400-810-8888', requirement: REQUIREMENT })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.status).toBe('error');
		expect(result.errors.Call.message).toContain('400-810-8888');
		expect(result.errors.Call.description).toContain('Item 0');
		expect(simulator.sim.requestsTo('POST', INITIATE)).toHaveLength(0);
	});

	it('sends the same Idempotency-Key when a contact runs again, wherever it sits in the input, and a different one for another contact', async () => {
		const workflow = { nodes: [placeCall('Call', { phones: '={{ $json.phone }}', requirement: REQUIREMENT })] };
		await runWorkflow(workflow, { credentials: credentialsFor(simulator), input: [{ json: { phone: '13800138000' } }, { json: { phone: '13900139000' } }] });
		// The re-run of a subset: only the second contact, now at position 0.
		await runWorkflow(workflow, { credentials: credentialsFor(simulator), input: [{ json: { phone: '13900139000' } }] });
		const keys = simulator.sim.requestsTo('POST', INITIATE).map((r) => r.headers['idempotency-key']);
		expect(keys).toHaveLength(3);
		expect(keys[0]).toMatch(/^n8n-stepone-[0-9a-f]{40}$/);
		expect(keys[1]).not.toBe(keys[0]);
		expect(keys[2]).toBe(keys[1]);
	});

	it('derives the key from Campaign ID and the numbers only, so a requirement with run-time values keeps it', async () => {
		const workflow = (campaignId: string, requirement: string) => ({
			nodes: [placeCall('Call', { phones: '={{ $json.phone }}', requirement, options: { campaignId } })],
		});
		const input = [{ json: { phone: '13800138000' } }];
		await runWorkflow(workflow('spring-2026', `${REQUIREMENT} 今天`), { credentials: credentialsFor(simulator), input });
		await runWorkflow(workflow('spring-2026', `${REQUIREMENT} 明天`), { credentials: credentialsFor(simulator), input });
		await runWorkflow(workflow('autumn-2026', REQUIREMENT), { credentials: credentialsFor(simulator), input });
		const keys = simulator.sim.requestsTo('POST', INITIATE).map((r) => r.headers['idempotency-key']);
		expect(keys[1]).toBe(keys[0]);
		expect(keys[2]).not.toBe(keys[0]);
	});

	it('against a server that dedupes the key, a re-run after a lost worker places no second call and gets the first call IDs', async () => {
		simulator.stepone.dedupeIdempotencyKeys = true;
		const workflow = { nodes: [placeCall('Call', { phones: '={{ $json.phone }}', requirement: REQUIREMENT, options: { campaignId: 'c1' } })] };
		const first = await runWorkflow(workflow, { credentials: credentialsFor(simulator), input: [{ json: { phone: '13800138000' } }, { json: { phone: '13900139000' } }] });
		const again = await runWorkflow(workflow, { credentials: credentialsFor(simulator), input: [{ json: { phone: '13900139000' } }] });
		expect(simulator.stepone.calls.size).toBe(2);
		expect(again.outputs.Call[0].json.callId).toBe(first.outputs.Call[1].json.callId);
	});

	it('uses a given Idempotency-Key and refuses a malformed one', async () => {
		const good = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT, options: { idempotencyKey: 'order-4711:call' } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(good.outputs.Call[0].json.idempotencyKey).toBe('order-4711:call');
		expect(simulator.sim.requestsTo('POST', INITIATE)[0].headers['idempotency-key']).toBe('order-4711:call');
		const bad = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT, options: { idempotencyKey: 'bad key!' } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(bad.errors.Call.message).toContain('Idempotency Key');
		expect(simulator.sim.requestsTo('POST', INITIATE)).toHaveLength(1);
	});

	it('checks the requirement length before sending, counting Chinese characters as one each', async () => {
		const fits = '好'.repeat(19500);
		const ok = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: fits })] }, { credentials: credentialsFor(simulator) });
		expect(ok.errors).toEqual({});
		const tooLong = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: `${fits}好` })] }, { credentials: credentialsFor(simulator) });
		expect(tooLong.errors.Call.message).toContain('19501 characters');
		expect(tooLong.errors.Call.description).toContain('Item 0');
		expect(simulator.sim.requestsTo('POST', INITIATE)).toHaveLength(1);
	});

	it('needs a requirement unless an agent is chosen, and sends agent, engine, voice, volume, speed and emotion', async () => {
		const empty = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: '' })] }, { credentials: credentialsFor(simulator) });
		expect(empty.errors.Call.message).toBe('Requirement is empty');
		simulator.stepone.agents.set(7, { id: 7, name: '取件提醒', agent_prompt: 'x' } as never);
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', agentId: 7, options: { modelEngine: 'stepone-pro', voiceId: 'v0002', volume: 80, speed: 40, emotion: 'warm' } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', INITIATE)[0].body).toEqual({
			phones: '13800138000', agent_id: 7, model_engine: 'stepone-pro', voice_id: 'v0002', volume: 80, speed: 40, emotion: 'warm',
		});
	});

	it('reads a top-level call_id reply too', async () => {
		simulator.stepone.replyShape = 'top-level-call-id';
		const result = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT })] }, { credentials: credentialsFor(simulator) });
		expect(simulator.stepone.calls.has(String(result.outputs.Call[0].json.callId))).toBe(true);
	});

	it('explains a refused skill version (426), naming the version sent and the fix', async () => {
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT })] },
			{ credentials: credentialsFor(simulator, { skillVersion: '0.9.0' }) },
		);
		expect(result.errors.Call.message).toContain('HTTP 426');
		expect(result.errors.Call.message).toContain('X-Skill-Version "0.9.0" is no longer accepted');
		expect(result.errors.Call.description).toMatch(/Skill Version field of the Stepone AI credential.*or update the n8n-nodes-ai-calls package/);
		expect(simulator.stepone.calls.size).toBe(0);
	});

	it('reports a bad key (401) per item without the key in the output', async () => {
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT }, { onError: 'continueRegularOutput' })] },
			{ credentials: credentialsFor(simulator, { apiKey: 'sk_not_the_key_987654' }), input: [{ json: {} }, { json: {} }] },
		);
		expect(result.outputs.Call.map((item) => item.json.error)).toEqual([expect.stringContaining('HTTP 401'), expect.stringContaining('HTTP 401')]);
		expect(result.outputs.Call[1].json.description).toContain('Item 1');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('sk_not_the_key_987654');
	});

	it.each([
		['a lost reply', { kind: 'reset-after' as const }, /may have been placed.*never redials/],
		['a 503', { kind: 'status' as const, response: { status: 503, body: { success: false, message: 'busy' } } }, /HTTP 503/],
		// A 429 is waited out and resent (nothing was done); past the Maximum Rate-Limit Wait (5 min) it is not.
		['a 429 asking for longer than the Maximum Rate-Limit Wait', { kind: 'status' as const, response: { status: 429, body: { success: false, message: 'slow down' }, headers: { 'retry-after': '600' } } }, /HTTP 429.*slow down/],
	])('never retries initiate_call after %s', async (_name, fault, message) => {
		simulator.sim.faults.add({ method: 'POST', path: INITIATE, ...fault });
		const result = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT })] }, { credentials: credentialsFor(simulator) });
		expect(`${result.errors.Call.message} ${result.errors.Call.description}`).toMatch(message);
		// One request reached the server only when the fault let it through (lost reply); a retry would add a call.
		expect(simulator.stepone.calls.size).toBe(fault.kind === 'reset-after' ? 1 : 0);
	});

	it('reports a business failure (HTTP 200, success:false) with the server message', async () => {
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT, options: { voiceId: 'v9999' } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.errors.Call.message).toContain('unknown voice_id v9999');
	});

	it.each([
		['modelEngine', 'Model Engine Name or ID'],
		['voiceId', 'Voice Name or ID'],
		['emotion', 'Emotion'],
	])('names the option %s as the node shows it when it is too long, sending nothing', async (option, shown) => {
		const { properties } = ((await loadPackage()).getNode('steponeAi').type as INodeType).description;
		const placeOptions = properties.find((field: INodeProperties) => field.name === 'options' && field.displayOptions?.show?.operation?.includes('placeCall'));
		const options = (placeOptions?.options ?? []) as Array<{ name: string; displayName: string }>;
		expect(options.find((field) => field.name === option)?.displayName).toBe(shown);
		const result = await runWorkflow(
			{ nodes: [placeCall('Call', { phones: '13800138000', requirement: REQUIREMENT, options: { [option]: 'x'.repeat(101) } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.errors.Call.message).toBe(`${shown} is longer than 100 characters`);
		expect(result.errors.Call.description).toBe(`Item 0: shorten "${shown}".`);
		expect(simulator.sim.requestsTo('POST', INITIATE)).toHaveLength(0);
	});
});
