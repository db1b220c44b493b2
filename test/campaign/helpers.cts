// One Place Call node per provider over a batch of items, and what the simulator saw of it:
// the shared pieces of the campaign tests and the campaign benchmark.
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type RunOptions, type RunResult } from '../harness/engine.cts';
import { placeCall as pamelaPlace, pamelaNode } from '../pamela/helpers.cts';
import type { RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { placeCall as steponePlace, REQUIREMENT } from '../stepone/helpers.cts';
import { telnyxNode } from '../telnyx/helpers.cts';

export type ProviderName = 'telnyx' | 'pamela' | 'stepone';
export const PROVIDERS: ProviderName[] = ['telnyx', 'pamela', 'stepone'];

/** The request that creates a call, per provider. */
export const CREATE_PATH: Record<ProviderName, string> = {
	telnyx: '/v2/calls',
	pamela: '/api/b2b/v1/calls',
	stepone: '/api/v1/callinfo/initiate_call',
};

/** A distinct number for item `index` (E.164 for Telnyx and Pamela, a mainland mobile for Stepone). */
export function numberFor(provider: ProviderName, index: number): string {
	return provider === 'stepone' ? `1390013${String(index).padStart(4, '0')}` : `+1415556${String(index).padStart(4, '0')}`;
}

export function itemsFor(provider: ProviderName, count: number, offset = 0): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({ json: { to: numberFor(provider, offset + i), n: offset + i } }));
}

/** The provider's Place Call node, To mapped from `$json.to`, with the given options. */
export function placeCallNode(provider: ProviderName, options: IDataObject = {}, extra: Partial<INode> = {}): INode {
	if (provider === 'telnyx') {
		return telnyxNode('Place Call', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '={{ $json.to }}', options: options as INodeParameters }, extra);
	}
	if (provider === 'pamela') return pamelaNode('Place Call', pamelaPlace('={{ $json.to }}', 'Confirm the appointment', options), extra);
	return steponePlace('Place Call', { phones: '={{ $json.to }}', requirement: REQUIREMENT, options }, extra);
}

export function credentialsFor(simulator: RunningSimulator, provider: ProviderName): Record<string, ICredentialDataDecryptedObject> {
	if (provider === 'telnyx') return { telnyxApi: simulator.telnyx.credentials() };
	if (provider === 'pamela') return { pamelaApi: simulator.pamela.credentials() };
	return { steponeAiApi: simulator.stepone.credentials() };
}

/** Runs one Place Call node over `input`; Continue On Fail when asked. */
export async function runPlaceCalls(
	simulator: RunningSimulator,
	provider: ProviderName,
	input: INodeExecutionData[],
	options: IDataObject = {},
	run: { continueOnFail?: boolean } & Pick<RunOptions, 'onStarted'> = {},
): Promise<RunResult> {
	return await runPlaceCallsWith(credentialsFor(simulator, provider), provider, input, options, run);
}

/** The same with credentials given as values (a simulator in another process). */
export async function runPlaceCallsWith(
	credentials: RunOptions['credentials'],
	provider: ProviderName,
	input: INodeExecutionData[],
	options: IDataObject = {},
	run: { continueOnFail?: boolean } & Pick<RunOptions, 'onStarted'> = {},
): Promise<RunResult> {
	const extra: Partial<INode> = run.continueOnFail ? { onError: 'continueRegularOutput' } : {};
	return await runWorkflow({ nodes: [placeCallNode(provider, options, extra)] }, { credentials, input, onStarted: run.onStarted });
}

/** The number each output item was placed to (Stepone says `phone`, the others `to`). */
export function placedNumber(json: Record<string, unknown>): unknown {
	return json.phone ?? json.to;
}

/** Calls the simulator created per number: more than one for a number is a duplicate. */
export function callsPerNumber(simulator: RunningSimulator, provider: ProviderName): Map<string, number> {
	const numbers: string[] =
		provider === 'telnyx'
			? [...simulator.telnyx.calls.values()].map((call) => call.to)
			: provider === 'pamela'
				? [...simulator.pamela.calls.calls.values()].map((call) => call.to)
				: [...simulator.stepone.calls.values()].map((call) => call.phone);
	const counts = new Map<string, number>();
	for (const number of numbers) counts.set(number, (counts.get(number) ?? 0) + 1);
	return counts;
}

/** Numbers called more than once. */
export function duplicates(simulator: RunningSimulator, provider: ProviderName): string[] {
	return [...callsPerNumber(simulator, provider)].filter(([, count]) => count > 1).map(([number]) => number);
}

/** Forgets what earlier tests left: calls and their timers, faults, recorded requests, the Telnyx dial limit. */
export function resetSimulator(simulator: RunningSimulator): void {
	simulator.sim.clock.cancelAll();
	simulator.sim.faults.clear();
	simulator.sim.requests.length = 0;
	simulator.telnyx.calls.clear();
	simulator.telnyx.limitDials();
	simulator.pamela.calls.calls.clear();
	simulator.stepone.reset();
}
