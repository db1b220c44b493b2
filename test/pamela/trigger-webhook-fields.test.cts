// The triggers' per-request cost in n8n 2.x (measured by `npm run bench:trigger-n8n`): n8n
// evaluates the webhook description's expressions in its sandbox on every request unless the
// description carries native resolvers, and evaluates one more expression for type version 1.
// Here: the native resolvers give what the template gives in n8n's expression engine (the parity
// check n8n asks of every `fromFunction` field), and new nodes get version 1.1.
import '../support/n8n-home.cjs';
import { resolveWebhookDescriptionField, Workflow, type INode, type INodeType } from 'n8n-workflow';

import { PamelaTrigger } from '../../nodes/Pamela/PamelaTrigger.node.ts';
import { TelnyxTrigger } from '../../nodes/Telnyx/TelnyxTrigger.node.ts';

const trigger = new PamelaTrigger();
const description = trigger.description.webhooks![0];

function workflowWith(parameters: INode['parameters']): { workflow: Workflow; node: INode } {
	const node: INode = { id: 'p', name: 'Pamela Trigger', type: 'n8n-nodes-ai-calls.pamelaTrigger', typeVersion: 1.1, position: [0, 0], parameters };
	const nodeTypes = {
		getByName: () => trigger as INodeType,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	// The workflow's own node: its parameters carry the defaults n8n applies (as n8n passes it).
	return { workflow, node: workflow.getNode(node.name)! };
}

describe('Pamela Trigger webhook description', () => {
	const cases: Array<INode['parameters']> = [
		{ mode: 'events', events: ['call.completed'] },
		{ mode: 'outcome' },
		{ mode: 'toolCall', toolNames: 'lookup' },
		{ mode: 'toolCall', toolNames: 'lookup', respondWith: 'responseNode' },
	];

	it.each(cases)('resolves responseMode and responseData natively, as the expression engine does (%j)', (parameters) => {
		const { workflow, node } = workflowWith(parameters);
		for (const field of ['responseMode', 'responseData'] as const) {
			const native = resolveWebhookDescriptionField(node, description, field);
			expect(native.resolved).toBe(true);
			const engine = workflow.expression.getSimpleParameterValue(node, description[field] as string, 'webhook', {});
			expect(native.resolved && native.value).toEqual(engine);
		}
	});

	it('answers events at once with the JSON the node returns, and tool calls from the workflow', () => {
		const mode = (parameters: INode['parameters']) => {
			const { node } = workflowWith(parameters);
			const get = (field: string) => resolveWebhookDescriptionField(node, description, field);
			return [get('responseMode'), get('responseData')].map((r) => r.resolved && r.value);
		};
		expect(mode({ mode: 'events' })).toEqual(['onReceived', '']);
		expect(mode({ mode: 'toolCall' })).toEqual(['lastNode', 'firstEntryJson']);
		expect(mode({ mode: 'toolCall', respondWith: 'responseNode' })).toEqual(['responseNode', 'firstEntryJson']);
	});

	it('falls back to the expression engine when the user wrote an expression', () => {
		const { node } = workflowWith({ mode: 'toolCall', toolNames: '={{ "lookup" }}' });
		expect(resolveWebhookDescriptionField(node, description, 'responseMode').resolved).toBe(false);
	});
});

describe('Trigger versions', () => {
	it.each([
		['Telnyx Trigger', new TelnyxTrigger().description],
		['Pamela Trigger', trigger.description],
	])('%s: new nodes get 1.1 (no per-request expression in n8n), saved version-1 nodes still load', (_name, d) => {
		expect(d.version).toEqual([1, 1.1]);
		expect(d.defaultVersion).toBe(1.1);
	});
});
