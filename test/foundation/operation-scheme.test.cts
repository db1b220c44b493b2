// One scheme for operation values across the three nodes (nodes/shared/operations.ts):
// version 2 lists the current values, version 1 the values saved before the rename; a saved
// workflow with an old value runs as before, in either version; and the canvas subtitle
// reads as the operation's action, not "dial: call".
import type { INode, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { buildWorkflow, node, runWorkflow } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

const { Telnyx } = require('../../dist/nodes/Telnyx/Telnyx.node.js');
const { Pamela } = require('../../dist/nodes/Pamela/Pamela.node.js');
const { SteponeAi } = require('../../dist/nodes/SteponeAi/SteponeAi.node.js');
const { operationSubtitle } = require('../../nodes/shared/operations.ts');

let simulator: RunningSimulator;
beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
});
afterAll(async () => await simulator.stop());

const descriptions: Record<string, INodeTypeDescription> = {
	telnyx: new Telnyx().description,
	pamela: new Pamela().description,
	steponeAi: new SteponeAi().description,
};

/** The Operation dropdown values of a resource as a node of `version` shows them. */
function values(description: INodeTypeDescription, resource: string, version: number): string[] {
	const shown = description.properties.filter((p: INodeProperties) => {
		const show = p.displayOptions?.show ?? {};
		const versions = show['@version'] as number[] | undefined;
		return p.name === 'operation' && (show.resource as string[]).includes(resource) && (!versions || versions.includes(version));
	});
	expect(shown).toHaveLength(1);
	return (shown[0].options as INodePropertyOptions[]).map((o) => String(o.value));
}

describe('the values', () => {
	it('name Place Call, Get and Hang Up the same way on every node (version 2)', () => {
		expect(values(descriptions.telnyx, 'call', 2)).toEqual(expect.arrayContaining(['placeCall', 'get', 'hangUp']));
		expect(values(descriptions.pamela, 'call', 2)).toEqual(expect.arrayContaining(['placeCall', 'get', 'getMany', 'hangUp', 'cancel']));
		expect(values(descriptions.steponeAi, 'call', 1)).toEqual(expect.arrayContaining(['placeCall']));
		for (const old of ['dial', 'hangup', 'place']) {
			expect(values(descriptions.telnyx, 'call', 2)).not.toContain(old);
			expect(values(descriptions.pamela, 'call', 2)).not.toContain(old);
		}
		expect(descriptions.telnyx.defaultVersion).toBe(2);
		expect(descriptions.pamela.defaultVersion).toBe(2);
	});

	it('version 1 keeps the saved values in its dropdown, so an old workflow opens without "value not supported"', () => {
		expect(values(descriptions.telnyx, 'call', 1)).toEqual(expect.arrayContaining(['dial', 'hangup', 'get']));
		expect(values(descriptions.telnyx, 'call', 1)).not.toContain('placeCall');
		expect(values(descriptions.pamela, 'call', 1)).toEqual(expect.arrayContaining(['place', 'hangUp']));
		expect(values(descriptions.pamela, 'tool', 1)).toEqual(values(descriptions.pamela, 'tool', 2));
	});
});

describe('saved workflows', () => {
	const telnyx = (parameters: INode['parameters'], typeVersion: number) =>
		node({ name: 'Telnyx', type: 'n8n-nodes-ai-calls.telnyx', typeVersion, parameters: { resource: 'call', ...parameters }, credentials: { telnyxApi: { id: '1', name: 'T' } } });
	const pamela = (parameters: INode['parameters'], typeVersion: number) =>
		node({ name: 'Pamela', type: 'n8n-nodes-ai-calls.pamela', typeVersion, parameters: { resource: 'call', ...parameters }, credentials: { pamelaApi: { id: '1', name: 'P' } } });
	const dial = { connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550123' };

	it.each([
		['dial', 1],
		['dial', 2],
		['placeCall', 2],
		['placeCall', 1],
	])('Telnyx "%s" in version %d places the call with its fields', async (operation, version) => {
		simulator.telnyx.callee('+14155550123', { answer: 'no-answer' });
		const run = await runWorkflow({ nodes: [telnyx({ operation, ...dial, options: { timeoutSecs: 17 } }, version)] }, { credentials: { telnyxApi: simulator.telnyx.credentials() } });
		expect(run.errors).toEqual({});
		expect(run.outputs.Telnyx[0].json.callControlId).toMatch(/^v3:/);
		expect(simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body).toMatchObject({ connection_id: TELNYX_CONNECTION_ID, to: '+14155550123', timeout_secs: 17 });
	});

	it.each([['hangup'], ['hangUp']])('Telnyx "%s" hangs up', async (operation) => {
		simulator.telnyx.callee('+14155550124', { answer: 'answer', ringMs: 10 });
		const placed = await runWorkflow({ nodes: [telnyx({ operation: 'placeCall', ...dial, to: '+14155550124' }, 2)] }, { credentials: { telnyxApi: simulator.telnyx.credentials() } });
		const id = String(placed.outputs.Telnyx[0].json.callControlId);
		await simulator.sim.clock.advance(50);
		await simulator.telnyx.waitForEvent(id, 'call.answered');
		const run = await runWorkflow({ nodes: [telnyx({ operation, callControlId: id }, 2)] }, { credentials: { telnyxApi: simulator.telnyx.credentials() } });
		expect(run.errors).toEqual({});
		expect(run.outputs.Telnyx[0].json).toMatchObject({ result: 'ok', command: 'hangup' });
	});

	it.each([
		['place', 1],
		['place', 2],
		['placeCall', 2],
	])('Pamela "%s" in version %d places the call with its fields', async (operation, version) => {
		const run = await runWorkflow(
			{ nodes: [pamela({ operation, to: '+14155550125', task: 'Confirm the booking', options: { locale: 'en-US' } }, version)] },
			{ credentials: { pamelaApi: simulator.pamela.credentials() } },
		);
		expect(run.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', '/api/b2b/v1/calls').at(-1)!.body).toMatchObject({ to: '+14155550125', task: 'Confirm the booking', locale: 'en-US' });
	});
});

describe('the subtitle', () => {
	async function subtitle(type: string, typeVersion: number, parameters: INode['parameters']): Promise<unknown> {
		const n = node({ name: 'N', type: `n8n-nodes-ai-calls.${type}`, typeVersion, parameters });
		const workflow = await buildWorkflow({ nodes: [n] });
		return workflow.expression.getSimpleParameterValue(n, descriptions[type].subtitle as string, 'internal', {});
	}

	it('reads as the action for current and old values', async () => {
		expect(await subtitle('telnyx', 2, { resource: 'call', operation: 'placeCall' })).toBe('Place a call');
		expect(await subtitle('telnyx', 1, { resource: 'call', operation: 'dial' })).toBe('Place a call');
		expect(await subtitle('telnyx', 1, { resource: 'call', operation: 'hangup' })).toBe('Hang up a call');
		expect(await subtitle('telnyx', 2, { resource: 'call', operation: 'gatherUsingAi' })).toBe('Collect fields with AI');
		expect(await subtitle('pamela', 1, { resource: 'call', operation: 'place' })).toBe('Place a call');
		expect(await subtitle('pamela', 2, { resource: 'tool', operation: 'register' })).toBe('Register a tool');
		expect(await subtitle('pamela', 2, { resource: 'usage', operation: 'get' })).toBe('Get usage');
		expect(await subtitle('steponeAi', 1, { resource: 'call', operation: 'placeCall' })).toBe('Place a call');
		expect(await subtitle('steponeAi', 1, { resource: 'account', operation: 'getBalance' })).toBe('Get the account balance');
	});

	it('Stepone AI writes out what operationSubtitle builds (n8n lint wants a literal there)', () => {
		const resourceOf = (p: INodeProperties) => String((p.displayOptions?.show?.resource as string[])[0]);
		const operations = descriptions.steponeAi.properties.filter((p: INodeProperties) => p.name === 'operation').sort((a: INodeProperties, b: INodeProperties) => resourceOf(a).localeCompare(resourceOf(b)));
		expect(descriptions.steponeAi.subtitle).toBe(operationSubtitle(operations));
	});
});
