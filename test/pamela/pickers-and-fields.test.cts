// Pamela's Tool picker (listSearch against the simulator, Delete with a picked tool and with
// the plain Tool ID an older workflow saved), Build Result with no credential at all, and the
// bad-number message naming the field as Pamela shows it ("Country", not "Default Country").
import { NodeHelpers, type INode, type INodeCredentialDescription, type INodeTypeDescription } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine.cts';
import { listSearch } from '../harness/list-search.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { jsonOf, pamelaNode, placeCall, runPamela } from './helpers.cts';

const { Pamela } = require('../../dist/nodes/Pamela/Pamela.node.js');

let simulator: RunningSimulator;
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => await simulator.stop());

async function register(name: string, description: string): Promise<string> {
	const [tool] = jsonOf(await runPamela(simulator, { resource: 'tool', operation: 'register', name, description, schemaSource: 'fields', inputFields: { fields: [{ name: 'order_id', type: 'string' }] } }));
	return String(tool.id);
}

describe('Tool picker', () => {
	it('lists the registered tools by name and searches them; Delete takes the picked tool or a saved plain ID', async () => {
		const lookup = await register('lookup_order', 'Finds an order');
		const refund = await register('issue_refund', 'Refunds an order');
		const node = pamelaNode('Pamela', { resource: 'tool', operation: 'delete' }, { typeVersion: 2 }) as INode;
		const credentials = { pamelaApi: simulator.pamela.credentials() };
		const all = await listSearch(node, 'searchTools', credentials);
		expect(all.results).toEqual(
			expect.arrayContaining([
				{ name: `lookup_order (${lookup})`, value: lookup, description: 'Finds an order' },
				{ name: `issue_refund (${refund})`, value: refund, description: 'Refunds an order' },
			]),
		);
		expect((await listSearch(node, 'searchTools', credentials, 'REFUND')).results.map((r) => r.value)).toEqual([refund]);

		const picked = await runPamela(simulator, { resource: 'tool', operation: 'delete', toolId: { __rl: true, mode: 'list', value: refund } });
		expect(jsonOf(picked)[0]).toMatchObject({ id: refund, deleted: true });
		const saved = await runPamela(simulator, { resource: 'tool', operation: 'delete', toolId: lookup });
		expect(jsonOf(saved)[0]).toMatchObject({ id: lookup, deleted: true });
		expect((await listSearch(node, 'searchTools', credentials)).results.map((r) => r.value)).not.toEqual(expect.arrayContaining([lookup, refund]));
	});
});

describe('Build Result', () => {
	it('runs with no credential on the node and none in n8n', async () => {
		const node = { ...pamelaNode('Answer', { resource: 'tool', operation: 'buildResult', resultType: 'text', resultText: 'Order 42 ships tomorrow' }, { typeVersion: 2 }), credentials: undefined };
		const run = await runWorkflow({ nodes: [node as INode] }, { credentials: {} });
		expect(run.errors).toEqual({});
		expect(run.outputs.Answer[0].json).toEqual({ result: 'Order 42 ships tomorrow' });
	});

	it('is the only operation whose credential the editor does not ask for', () => {
		const description: INodeTypeDescription = new Pamela().description;
		const credential = description.credentials![0] as INodeCredentialDescription;
		const shown = (parameters: INode['parameters']) => NodeHelpers.displayParameter(parameters, credential, null, description);
		expect(shown({ resource: 'tool', operation: 'buildResult' })).toBe(false);
		expect(shown({ resource: 'tool', operation: 'register' })).toBe(true);
		expect(shown({ resource: 'call', operation: 'placeCall' })).toBe(true);
		expect(shown({ resource: 'usage', operation: 'get' })).toBe(true);
	});
});

describe('phone number messages', () => {
	it('name Pamela\'s "Country" option, not Telnyx\'s "Default Country"', async () => {
		const run = await runPamela(simulator, placeCall('(415) 555-0123'));
		expect(run.errors.Pamela.description).toBe('Item 0, field "To": Start the number with + and the country code, or set Country.');
		const badCountry = await runPamela(simulator, placeCall('415 555 0123', 'Hi', { country: 'USA' }));
		expect(badCountry.errors.Pamela.description).toContain('Set Country to an ISO 3166-1 code');
	});
});
