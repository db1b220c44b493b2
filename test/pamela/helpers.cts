// Shared setup for the Pamela tests: node literals and a one-node workflow runner.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { node, runWorkflow, type RunResult } from '../harness/engine.cts';
import type { RunningSimulator } from '../simulator/index.cts';

export const PAMELA = 'n8n-nodes-ai-calls.pamela';
export const PAMELA_TRIGGER = 'n8n-nodes-ai-calls.pamelaTrigger';
export const CREDENTIAL_REF = { pamelaApi: { id: '1', name: 'Pamela' } };
export const CALLS_PATH = '/api/b2b/v1/calls';

export function pamelaNode(name: string, parameters: IDataObject, extra: IDataObject = {}) {
	return node({ name, type: PAMELA, parameters: parameters as INodeParameters, credentials: CREDENTIAL_REF, ...extra });
}

export function triggerNode(name: string, parameters: IDataObject) {
	return node({ name, type: PAMELA_TRIGGER, parameters: parameters as INodeParameters, credentials: CREDENTIAL_REF });
}

/** Runs one Pamela node in a real workflow with the simulator's credential (or overrides). */
export async function runPamela(
	simulator: RunningSimulator,
	parameters: IDataObject,
	options: { credentials?: Record<string, string>; input?: INodeExecutionData[]; continueOnFail?: boolean } = {},
): Promise<RunResult> {
	return await runWorkflow(
		{ nodes: [pamelaNode('Pamela', parameters, options.continueOnFail ? { onError: 'continueRegularOutput' } : {})] },
		{ credentials: { pamelaApi: simulator.pamela.credentials(options.credentials) }, input: options.input },
	);
}

export function placeCall(to: string, task = 'Book a table for two at 8 pm', options: IDataObject = {}): IDataObject {
	return { resource: 'call', operation: 'place', to, task, options };
}

/** Output JSON of the Pamela node, failing the test with the node's error if it has one. */
export function jsonOf(result: RunResult, name = 'Pamela'): IDataObject[] {
	if (result.errors[name]) throw new Error(`${name} failed: ${result.errors[name].message} — ${result.errors[name].description ?? ''}`);
	return (result.outputs[name] ?? []).map((item) => item.json);
}
