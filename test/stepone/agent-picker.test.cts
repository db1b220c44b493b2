// Stepone's Agent picker: listed and searched through the node's listSearch method in
// n8n-core's LoadOptionsContext against the simulator; Place Call sends the picked agent, and
// a workflow saved when Agent was a dropdown (a plain number) still sends it.
import { runWorkflow } from '../harness/engine.cts';
import { listSearch } from '../harness/list-search.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { credentialsFor, placeCall } from './helpers.cts';

let simulator: RunningSimulator;
const INITIATE = '/api/v1/callinfo/initiate_call';

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	simulator.stepone.agents.set(7, { id: 7, name: '取件提醒', agent_prompt: 'x' } as never);
	simulator.stepone.agents.set(8, { id: 8, name: 'Meeting notice', agent_prompt: 'y' } as never);
	simulator.stepone.agents.set(9, { id: 9, name: 'Retired', agent_prompt: 'z', is_active: false } as never);
});
afterAll(async () => await simulator.stop());

it('lists the active agents by name and ID and searches them', async () => {
	const node = placeCall('Call', { phones: '13800138000' });
	const all = await listSearch(node, 'searchAgents', credentialsFor(simulator));
	expect(all.results.map((r) => [r.name, r.value])).toEqual([
		['Meeting notice (8)', '8'],
		['取件提醒 (7)', '7'],
	]);
	expect((await listSearch(node, 'searchAgents', credentialsFor(simulator), '取件')).results.map((r) => r.value)).toEqual(['7']);
	expect((await listSearch(node, 'searchAgents', credentialsFor(simulator), 'MEETING')).results.map((r) => r.value)).toEqual(['8']);
});

it.each([
	['picked', { __rl: true, mode: 'list', value: '8' }, 8],
	['typed', { __rl: true, mode: 'id', value: '7' }, 7],
	['saved as a number', 7, 7],
])('Place Call sends the %s agent', async (_how, agentId, expected) => {
	const run = await runWorkflow({ nodes: [placeCall('Call', { phones: '13800138000', agentId })] }, { credentials: credentialsFor(simulator) });
	expect(run.errors).toEqual({});
	expect(simulator.sim.requestsTo('POST', INITIATE).at(-1)!.body).toMatchObject({ agent_id: expected });
});
