// Agents (Create, Get Many), the dropdowns loaded from agents, engines and voices, and
// Account → Get Balance, through the real engine and n8n-core's LoadOptionsContext.
import { runWorkflow } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { credentialsFor, placeCall, stepone } from './helpers.cts';
import { loadOptions } from './load-options.cts';

let simulator: RunningSimulator;
const AGENTS = '/api/v1/callinfo/agents';

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
beforeEach(() => {
	simulator.stepone.reset();
	simulator.sim.requests.length = 0;
});

const createAgent = (parameters: Record<string, unknown>) => stepone('Create', { resource: 'agent', operation: 'create', ...parameters });

describe('Agent', () => {
	it('creates an agent with the contract fields, Chinese prompt intact, and lists it', async () => {
		const prompt = '你是快递站的提醒助手，礼貌地提醒客户取件。';
		const created = await runWorkflow(
			{ nodes: [createAgent({ name: '取件提醒', agentPrompt: prompt, additionalFields: { greeting: '您好！', modelEngine: 'stepone-pro', voiceId: 'v0002', ttsSpeed: 60, ttsVolume: 70, enableInterruptions: false, tools: ['end_call'], isActive: true } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(created.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', AGENTS)[0].body).toEqual({
			name: '取件提醒', agent_prompt: prompt, language: 'zh', greeting: '您好！', model_engine: 'stepone-pro', voice_id: 'v0002',
			tts_speed: 60, tts_volume: 70, enable_interruptions: false, tools: ['end_call'], is_active: true,
		});
		const agent = created.outputs.Create[0].json;
		expect(agent).toMatchObject({ id: 1, name: '取件提醒', model_engine: 'stepone-pro' });
		expect(agent).not.toHaveProperty('agent_prompt');
		expect(simulator.stepone.agents.get(1)?.agent_prompt).toBe(prompt);

		await runWorkflow({ nodes: [createAgent({ name: 'Second', agentPrompt: 'p' })] }, { credentials: credentialsFor(simulator) });
		const all = await runWorkflow({ nodes: [stepone('List', { resource: 'agent', operation: 'getMany', returnAll: true })] }, { credentials: credentialsFor(simulator) });
		expect(all.outputs.List.map((item) => item.json.name)).toEqual(['取件提醒', 'Second']);
		const limited = await runWorkflow({ nodes: [stepone('List', { resource: 'agent', operation: 'getMany', returnAll: false, limit: 1 })] }, { credentials: credentialsFor(simulator) });
		expect(limited.outputs.List.map((item) => item.json.name)).toEqual(['取件提醒']);
	});

	it('refuses an empty name or an out-of-range speed before sending, and never retries a create', async () => {
		const empty = await runWorkflow({ nodes: [createAgent({ name: ' ', agentPrompt: 'p' })] }, { credentials: credentialsFor(simulator) });
		expect(empty.errors.Create.message).toBe('Name is empty');
		const speed = await runWorkflow({ nodes: [createAgent({ name: 'n', agentPrompt: 'p', additionalFields: { ttsSpeed: 101 } })] }, { credentials: credentialsFor(simulator) });
		expect(speed.errors.Create.message).toBe('TTS Speed must be a whole number from 0 to 100');
		simulator.sim.faults.add({ method: 'POST', path: AGENTS, kind: 'status', response: { status: 500, body: { success: false, message: 'oops' } } });
		const failed = await runWorkflow({ nodes: [createAgent({ name: 'n', agentPrompt: 'p' })] }, { credentials: credentialsFor(simulator) });
		expect(failed.errors.Create.message).toBe('Stepone AI error (HTTP 500): oops');
		expect(simulator.stepone.agents.size).toBe(0);
	});
});

describe('dropdowns', () => {
	const node = placeCall('Call', { phones: '13800138000', requirement: 'x' });

	it('loads agents (active ones), engines and voices, with labels', async () => {
		await runWorkflow({ nodes: [createAgent({ name: '取件提醒', agentPrompt: 'p' })] }, { credentials: credentialsFor(simulator) });
		await runWorkflow({ nodes: [createAgent({ name: 'Retired', agentPrompt: 'p', additionalFields: { isActive: false } })] }, { credentials: credentialsFor(simulator) });
		const credentials = credentialsFor(simulator);
		expect(await loadOptions(node, 'getAgents', credentials)).toEqual([
			{ name: '- None (Use Requirement) -', value: '' },
			{ name: '取件提醒 (1)', value: '1', description: undefined },
		]);
		expect((await loadOptions(node, 'getEngines', credentials)).map((o) => [o.name, o.value])).toEqual([
			['- Default -', ''], ['Stepone Mini (stepone-mini)', 'stepone-mini'], ['Stepone Pro (stepone-pro)', 'stepone-pro'],
		]);
		const voices = await loadOptions(node, 'getVoices', credentials);
		expect(voices.map((o) => o.name).sort()).toEqual(['- Default -', '沉稳男声 (v0002)', '温柔女声 (v0001)'].sort());
	});

	it('explains a refused skill version when loading a dropdown', async () => {
		await expect(loadOptions(node, 'getEngines', credentialsFor(simulator, { skillVersion: '0.1.0' }))).rejects.toThrow('X-Skill-Version "0.1.0" is no longer accepted');
	});
});

describe('Account', () => {
	it('gets the balance', async () => {
		simulator.stepone.balance = 12.34;
		const result = await runWorkflow({ nodes: [stepone('Balance', { resource: 'account', operation: 'getBalance' })] }, { credentials: credentialsFor(simulator) });
		expect(result.outputs.Balance[0].json).toMatchObject({ balance: 12.34, currency: 'CNY' });
	});
});
