// An operation the package does not have (a workflow from another version) says how to fix it.
import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { routeOperation } from '../../../nodes/shared/router.ts';

const node: INode = { id: 'n1', name: 'Pamela', type: 'n8n-nodes-ai-calls.pamela', typeVersion: 1, position: [0, 0], parameters: {} };

/** Only what routeOperation reads before it looks the operation up (nothing here crosses HTTP). */
function contextFor(resource: string, operation: string): IExecuteFunctions {
	const parameters: Record<string, string> = { resource, operation };
	return { getNodeParameter: (name: string) => parameters[name], getNode: () => node, getInputData: () => [{ json: {} }] } as unknown as IExecuteFunctions;
}

describe('routeOperation with an operation the package does not have', () => {
	it('names the operation and resource, and says to pick them again or update the package', async () => {
		const table = { call: { get: async () => ({}) } };
		const error = await routeOperation(contextFor('call', 'transcribe'), table).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('The operation "transcribe" of "call" is not supported');
		expect((error as NodeOperationError).description).toBe(
			'This version of the package has no such operation (the workflow may come from another version): open the node, pick the Resource and ' +
				'Operation again and save, or update n8n-nodes-ai-calls to the version the workflow was built with.',
		);
	});

	it('the same for a resource the package does not have', async () => {
		const error = await routeOperation(contextFor('sms', 'send'), { call: {} }).catch((e: unknown) => e);
		expect((error as NodeOperationError).message).toBe('The operation "send" of "sms" is not supported');
		expect((error as NodeOperationError).description).toMatch(/open the node, pick the Resource and Operation again/);
	});
});
