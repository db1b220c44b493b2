// Wait for Outcome's On Answer steps: the node's webhook carries them out through the API as
// the call's events arrive (answered → first step, its end event → next step, last → hang
// up), keeping what was gathered in client_state, and outputs it when the hang-up resumes.
import type { INode, INodeParameters } from 'n8n-workflow';

import { startWaitingServer, type WaitingServer } from '../harness/waiting.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { telnyxNode } from './helpers.cts';

let simulator: RunningSimulator;
let waiting: WaitingServer;

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	waiting = await startWaitingServer({ telnyxApi: simulator.telnyx.credentials() });
});
afterAll(async () => {
	await waiting.stop();
	await simulator.stop();
});

function placeCall(to: string, extra: INodeParameters): INode {
	return telnyxNode('Place Call', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to, waitForOutcome: true, maxWaitMinutes: 10, options: { clientState: '{"lead":"L-9"}' }, ...extra });
}

async function runToEnd(call: INode, to: string) {
	const execution = await waiting.run({ nodes: [call] }, { input: [{ json: { patient: 'Ana' } }] });
	expect(execution.first.errors).toEqual({});
	expect(execution.first.status).toBe('waiting');
	const callId = String(execution.first.outputs['Place Call'][0].json.callId);
	await simulator.telnyx.waitForEvent(callId, 'call.hangup');
	await simulator.sim.deliveriesDone();
	const final = await execution.resumed();
	const [sim] = simulator.telnyx.callsTo(to);
	return { final, callId, executed: sim.executed };
}

describe('Telnyx Wait for Outcome, On Answer steps', () => {
	it('speaks, gathers digits after a prompt, hangs up, and outputs the digits', async () => {
		simulator.telnyx.callee('+14155550401', { answer: 'answer', ringMs: 1000, digits: '2' });
		const { final, executed } = await runToEnd(
			placeCall('+14155550401', {
				onAnswer: {
					step: [
						{ stepType: 'speak', text: '=Hello {{ $json.patient }}, this is your pharmacy.', voice: 'Telnyx.KokoroTTS.af' },
						{ stepType: 'gather', text: 'Press 1 to confirm, 2 to cancel.', maxDigits: 1 },
					],
				},
			}),
			'+14155550401',
		);
		expect(executed.map((c) => c.action)).toEqual(['speak', 'gather_using_speak', 'hangup']);
		// The item's own text, resolved at Place Call.
		expect(executed[0].body.payload).toBe('Hello Ana, this is your pharmacy.');
		expect(executed[1].body).toMatchObject({ payload: 'Press 1 to confirm, 2 to cancel.', maximum_digits: 1, minimum_digits: 1 });
		expect(final.status).toBe('success');
		expect(final.outputs['Place Call'][0].json).toMatchObject({
			status: 'completed',
			answered: true,
			gathered: { digits: '2', digitsStatus: 'valid' },
			correlation: { lead: 'L-9' },
			reason: expect.stringContaining('normal_clearing'),
		});
		// Each step's state went with its command: no separate state update was needed.
		expect(executed.every((c) => typeof c.body.client_state === 'string')).toBe(true);
	});

	it('AI-gathers a list of fields, hangs up, and outputs the fields and the conversation', async () => {
		simulator.telnyx.callee('+14155550402', { answer: 'answer', ringMs: 500, fields: { name: 'Ana Lima', age: '29' } });
		const { final, executed } = await runToEnd(
			placeCall('+14155550402', {
				onAnswer: { step: [{ stepType: 'aiGather', text: 'Hi! Two quick questions.' }] },
				aiFields: {
					field: [
						{ name: 'name', type: 'string', description: 'full name', required: true },
						{ name: 'age', type: 'integer', description: 'age in years', required: true },
					],
				},
			}),
			'+14155550402',
		);
		expect(executed.map((c) => c.action)).toEqual(['gather_using_ai', 'hangup']);
		expect(executed[0].body).toMatchObject({
			greeting: 'Hi! Two quick questions.',
			parameters: { type: 'object', properties: { name: { type: 'string', description: 'full name' }, age: { type: 'integer', description: 'age in years' } }, required: ['name', 'age'] },
		});
		const outcome = final.outputs['Place Call'][0].json;
		expect(outcome).toMatchObject({ status: 'completed', answered: true, gathered: { fields: { name: 'Ana Lima', age: 29 }, fieldsStatus: 'valid' } });
		expect(outcome.transcript).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'callee', text: 'Ana Lima' })]));
	});

	it('a replayed call.answered does not start the first step again', async () => {
		simulator.telnyx.callee('+14155550403', { answer: 'answer', ringMs: 300, digits: '7#' });
		const execution = await waiting.run({ nodes: [placeCall('+14155550403', { onAnswer: { step: [{ stepType: 'gather', text: '' }] } })] }, { input: [{ json: {} }] });
		const callId = String(execution.first.outputs['Place Call'][0].json.callId);
		await simulator.telnyx.waitForEvent(callId, 'call.answered');
		await simulator.sim.deliveriesDone();
		const answered = simulator.sim.webhooks.deliveries.find((d) => d.body.includes('"call.answered"') && d.body.includes(callId))!;
		const replay = await fetch(answered.url, { method: 'POST', body: answered.body, headers: answered.headers });
		expect(replay.status).toBe(200);
		await simulator.telnyx.waitForEvent(callId, 'call.hangup');
		await simulator.sim.deliveriesDone();
		const final = await execution.resumed();
		const [call] = simulator.telnyx.callsTo('+14155550403');
		expect(call.executed.map((c) => c.action)).toEqual(['gather', 'hangup']);
		expect(final.outputs['Place Call'][0].json.gathered).toEqual({ digits: '7', digitsStatus: 'valid' });
	});

	it('a callee who hangs up during a step still gives the outcome, with what was gathered before', async () => {
		simulator.telnyx.callee('+14155550405', { answer: 'answer', ringMs: 300, digits: '5#', hangUpAfterMs: 3000 });
		const { final, executed } = await runToEnd(
			placeCall('+14155550405', { onAnswer: { step: [{ stepType: 'gather', text: '' }, { stepType: 'speak', text: 'Thank you. '.repeat(40) }] } }),
			'+14155550405',
		);
		// The speech outlasts the callee: the node never needs to hang up itself.
		expect(executed.map((c) => c.action)).toEqual(['gather', 'speak']);
		expect(final.outputs['Place Call'][0].json).toMatchObject({ status: 'completed', answered: true, durationSeconds: 3, gathered: { digits: '5', digitsStatus: 'valid' } });
		expect(final.outputs['Place Call'][0].json.reason).toContain('hung up by the callee');
	});

	it('an On Answer step with no text is refused before the call is placed', async () => {
		const execution = await waiting.run({ nodes: [placeCall('+14155550404', { onAnswer: { step: [{ stepType: 'speak', text: '' }] } })] }, {});
		expect(execution.first.errors['Place Call']).toMatchObject({ message: 'On Answer step 1 (Speak) has no text', itemIndex: 0 });
		expect(simulator.telnyx.callsTo('+14155550404')).toHaveLength(0);
	});
});
