// Shared pieces of the Telnyx tests: node literals and a trigger listening to the simulator.
import type { INode, INodeExecutionData } from 'n8n-workflow';

import { node, runWorkflow, type RunResult } from '../harness/engine.cts';
import type { RunningSimulator } from '../simulator/index.cts';

export const CREDENTIAL = { telnyxApi: { id: '1', name: 'Telnyx' } };

export function telnyxNode(name: string, parameters: INode['parameters'], extra: Partial<INode> = {}): INode {
	return node({ name, type: 'n8n-nodes-ai-calls.telnyx', parameters: { resource: 'call', ...parameters }, credentials: CREDENTIAL, ...extra });
}

export function triggerNode(events: string[]): INode {
	return node({ name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', parameters: { events }, credentials: CREDENTIAL });
}

/** Runs one Telnyx node over the given items. */
export async function runTelnyx(
	simulator: RunningSimulator,
	parameters: INode['parameters'],
	input: INodeExecutionData[] = [{ json: {} }],
	extra: Partial<INode> = {},
	credentials = simulator.telnyx.credentials(),
): Promise<RunResult> {
	return await runWorkflow({ nodes: [telnyxNode('Telnyx', parameters, extra)] }, { credentials: { telnyxApi: credentials }, input });
}
