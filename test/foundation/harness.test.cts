// The foundation works end to end: nodes and credentials load from dist/ with n8n-core's
// loader, a workflow runs in WorkflowExecute, and each credential's test request reaches
// the simulator (good key passes, bad key fails with a readable message).
import { runWorkflow, node } from '../harness/engine.cts';
import { testCredential } from '../harness/credential-test.cts';
import { loadPackage } from '../harness/package.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());

describe('package loading', () => {
	it('loads every credential and node listed in package.json from dist', async () => {
		const pkg = require('../../package.json') as { n8n: { nodes: string[]; credentials: string[] } };
		const loader = await loadPackage();
		expect(Object.keys(loader.known.credentials).sort()).toEqual(['pamelaApi', 'steponeAiApi', 'telnyxApi']);
		expect(Object.keys(loader.known.nodes)).toHaveLength(pkg.n8n.nodes.length);
		for (const name of Object.keys(loader.known.nodes)) {
			const type = loader.getNode(name).type;
			expect('description' in type ? type.description.name : '').toBe(name);
		}
	});
});

describe('workflow execution through n8n-core', () => {
	it('runs a node from dist in WorkflowExecute against the simulator', async () => {
		const result = await runWorkflow(
			{ nodes: [node({ name: 'Balance', type: 'n8n-nodes-ai-calls.steponeAi', parameters: { resource: 'account', operation: 'getBalance' }, credentials: { steponeAiApi: { id: '1', name: 'Stepone' } } })] },
			{ credentials: { steponeAiApi: simulator.stepone.credentials() }, input: [{ json: { a: 1 } }, { json: { a: 2 } }] },
		);
		expect(result.errors).toEqual({});
		expect(result.status).toBe('success');
		expect(result.outputs.Balance.map((i) => i.json.balance)).toEqual([8.5, 8.5]);
		expect(result.outputs.Balance.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const sent = simulator.sim.requestsTo('GET', '/api/v1/callinfo/balance').at(-1)!;
		expect(sent.headers['x-api-key']).toBe(simulator.stepone.credentials().apiKey);
		expect(sent.headers['x-skill-version']).toBe('1.0.0');
	});

	it('reports a provider error on the failing node with its message, and keeps the key out of it', async () => {
		const result = await runWorkflow(
			{ nodes: [node({ name: 'Balance', type: 'n8n-nodes-ai-calls.steponeAi', parameters: { resource: 'account', operation: 'getBalance' }, credentials: { steponeAiApi: { id: '1', name: 'Stepone' } } })] },
			{ credentials: { steponeAiApi: simulator.stepone.credentials({ apiKey: 'sk_wrong_key_123456' }) } },
		);
		expect(result.status).toBe('error');
		expect(result.errors.Balance.message).toContain('Stepone AI error (HTTP 401): invalid api key');
		expect(result.errors.Balance.description).toContain('Item 0');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('sk_wrong_key_123456');
	});

	it('continues with the other items when Continue On Fail is set', async () => {
		simulator.sim.faults.add({ method: 'GET', path: '/api/v1/callinfo/balance', kind: 'status', times: 3, response: { status: 503, body: { success: false, message: 'maintenance' } } });
		const result = await runWorkflow(
			{ nodes: [node({ name: 'Balance', type: 'n8n-nodes-ai-calls.steponeAi', onError: 'continueRegularOutput', parameters: { resource: 'account', operation: 'getBalance' }, credentials: { steponeAiApi: { id: '1', name: 'Stepone' } } })] },
			{ credentials: { steponeAiApi: simulator.stepone.credentials() }, input: [{ json: {} }, { json: {} }] },
		);
		expect(result.status).toBe('success');
		const [first, second] = result.outputs.Balance;
		expect(first.json.error).toContain('HTTP 503');
		expect(first.pairedItem).toEqual({ item: 0 });
		expect(second.json.balance).toBe(8.5);
		expect(second.pairedItem).toEqual({ item: 1 });
	});
});

describe('credential test requests', () => {
	const cases = [
		{ type: 'telnyxApi', good: () => simulator.telnyx.credentials(), bad: { apiKey: 'KEYwrong' }, message: /Telnyx refused the API key/ },
		{ type: 'pamelaApi', good: () => simulator.pamela.credentials(), bad: { apiKey: 'pk_live_wrong' }, message: /Pamela refused the API key/ },
		{ type: 'steponeAiApi', good: () => simulator.stepone.credentials(), bad: { apiKey: 'sk_wrong' }, message: /Stepone AI refused the API key/ },
	];
	for (const c of cases) {
		it(`${c.type}: a good key passes`, async () => {
			await expect(testCredential(c.type, c.good())).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		});
		it(`${c.type}: a bad key fails with a readable message`, async () => {
			const result = await testCredential(c.type, { ...c.good(), ...c.bad });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(c.message);
		});
	}

	it('steponeAiApi: a skill version the server no longer accepts is explained', async () => {
		const result = await testCredential('steponeAiApi', simulator.stepone.credentials({ skillVersion: '0.9.0' }));
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('Skill Version') });
	});
});
