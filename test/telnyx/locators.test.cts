// The Telnyx node's pickers (resource locators): Connection, From, AI Assistant and Voice,
// listed and searched through the node's listSearch methods in n8n-core's LoadOptionsContext
// against the simulator, and Place Call, Answer, Start AI Assistant and Speak sending what a
// picker holds, as a locator value (version 2) and as the plain string a workflow saved
// before the pickers (version 1) holds.
import type { INode } from 'n8n-workflow';

import { listSearch } from '../harness/list-search.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { assistantsOf } from '../simulator/providers/telnyx/assistants.cts';
import { applicationsOf } from '../simulator/providers/telnyx/applications.cts';
import { TELNYX_CONNECTION_ID, type SimCall } from '../simulator/providers/telnyx/index.cts';
import { phoneNumbersOf } from '../simulator/providers/telnyx/phoneNumbers.cts';
import { runTelnyx, telnyxNode } from './helpers.cts';

let simulator: RunningSimulator;
const SALES = '2000000000000000001';
const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

beforeAll(async () => {
	simulator = await startSimulator();
	simulator.sim.clock.hold();
	const sink = `${simulator.sim.baseUrl}/_telnyx/webhook-sink`;
	simulator.telnyx.connection(SALES, { webhookUrl: sink });
	applicationsOf(simulator.telnyx).name(TELNYX_CONNECTION_ID, 'Reminders');
	applicationsOf(simulator.telnyx).name(SALES, 'Sales line');
	phoneNumbersOf(simulator.telnyx).add({ phoneNumber: '+14155550177', connectionId: SALES, connectionName: 'Sales line' });
	phoneNumbersOf(simulator.telnyx).add({ phoneNumber: '+442079460958', connectionId: SALES, connectionName: 'Sales line' });
	phoneNumbersOf(simulator.telnyx).add({ phoneNumber: '+14155550999', connectionId: null });
	assistantsOf(simulator.telnyx).add({ id: 'assistant-aaa', name: 'Appointment reminder' });
	assistantsOf(simulator.telnyx).add({ id: 'assistant-bbb', name: 'Sales qualifier' });
});
afterAll(async () => await simulator.stop());

const credentials = () => ({ telnyxApi: simulator.telnyx.credentials() });
const placeNode = (parameters: INode['parameters'] = {}) => telnyxNode('Telnyx', { operation: 'placeCall', ...parameters }, { typeVersion: 2 });
const search = async (node: INode, method: string, filter?: string, token?: string) => await listSearch(node, method, credentials(), filter, token);

describe('Connection', () => {
	it('lists the Call Control applications by name and ID and searches them by name', async () => {
		const all = await search(placeNode(), 'searchConnections');
		expect(all.results).toEqual(
			expect.arrayContaining([
				{ name: `Reminders (${TELNYX_CONNECTION_ID})`, value: TELNYX_CONNECTION_ID },
				{ name: `Sales line (${SALES})`, value: SALES },
			]),
		);
		expect(all.paginationToken).toBeUndefined();
		const found = await search(placeNode(), 'searchConnections', 'sales');
		expect(found.results).toEqual([{ name: `Sales line (${SALES})`, value: SALES }]);
	});

	it('pages through more applications than one page holds', async () => {
		const local = await startSimulator();
		try {
			for (let i = 0; i < 104; i++) local.telnyx.connection(String(3000000000000000000n + BigInt(i)), { webhookUrl: 'http://127.0.0.1:1/x' });
			const creds = { telnyxApi: local.telnyx.credentials() };
			const first = await listSearch(placeNode(), 'searchConnections', creds);
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBe('2');
			const second = await listSearch(placeNode(), 'searchConnections', creds, undefined, first.paginationToken);
			expect(second.results).toHaveLength(5);
			expect(second.paginationToken).toBeUndefined();
			expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(105);
		} finally {
			await local.stop();
		}
	});
});

describe('From', () => {
	it('lists only the numbers on the chosen Connection, whether picked or saved as a plain string', async () => {
		const picked = await search(placeNode({ connectionId: rl(SALES) }), 'searchPhoneNumbers');
		expect(picked.results).toEqual([
			{ name: '+14155550177 (Sales line)', value: '+14155550177' },
			{ name: '+442079460958 (Sales line)', value: '+442079460958' },
		]);
		const old = await search(telnyxNode('Telnyx', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID }), 'searchPhoneNumbers');
		expect(old.results).toEqual([{ name: '+14155550100', value: '+14155550100' }]);
	});

	it('lists every number before a Connection is chosen, and searches by digits (Telnyx) or by text (here)', async () => {
		const all = await search(placeNode(), 'searchPhoneNumbers');
		expect(all.results.map((r) => r.value)).toEqual(['+14155550100', '+14155550177', '+442079460958', '+14155550999']);
		const digits = await search(placeNode(), 'searchPhoneNumbers', '555-0177');
		expect(digits.results.map((r) => r.value)).toEqual(['+14155550177']);
		const text = await search(placeNode({ connectionId: rl(SALES) }), 'searchPhoneNumbers', '+44');
		expect(text.results.map((r) => r.value)).toEqual(['+442079460958']);
	});
});

describe('AI Assistant and Voice', () => {
	it('lists the stored assistants and searches them by name', async () => {
		const all = await search(placeNode(), 'searchAssistants');
		expect(all.results).toEqual([
			{ name: 'Appointment reminder', value: 'assistant-aaa' },
			{ name: 'Sales qualifier', value: 'assistant-bbb' },
		]);
		expect((await search(placeNode(), 'searchAssistants', 'SALES')).results).toEqual([{ name: 'Sales qualifier', value: 'assistant-bbb' }]);
	});

	it('lists the voices the SDK names and searches them without a request', async () => {
		const before = simulator.sim.requests.length;
		const all = await search(placeNode(), 'searchVoices');
		expect(all.results[0]).toEqual({ name: 'Telnyx.KokoroTTS.af (Telnyx, default)', value: 'Telnyx.KokoroTTS.af' });
		const polly = await search(placeNode(), 'searchVoices', 'polly');
		expect(polly.results.map((r) => r.value)).toEqual(['AWS.Polly.Joanna', 'AWS.Polly.Joanna-Neural']);
		expect(simulator.sim.requests.length).toBe(before);
	});
});

describe('what the pickers send', () => {
	const dialBody = () => simulator.sim.requestsTo('POST', '/v2/calls').at(-1)!.body as Record<string, unknown>;

	it('Place Call sends the picked Connection, From and AI Assistant, and the typed ones', async () => {
		simulator.telnyx.callee('+14155550123', { answer: 'no-answer' });
		const picked = await runTelnyx(simulator, { operation: 'placeCall', connectionId: rl(SALES), from: rl('+14155550177'), to: '+14155550123', options: { assistantId: rl('assistant-bbb') } }, undefined, { typeVersion: 2 });
		expect(picked.errors).toEqual({});
		expect(dialBody()).toMatchObject({ connection_id: SALES, from: '+14155550177', to: '+14155550123', assistant: { id: 'assistant-bbb' } });
		const typed = await runTelnyx(simulator, { operation: 'placeCall', connectionId: rl(TELNYX_CONNECTION_ID, 'id'), from: rl('(415) 555-0100', 'id'), to: '+14155550123', options: { defaultCountry: 'US' } }, undefined, { typeVersion: 2 });
		expect(typed.errors).toEqual({});
		expect(dialBody()).toMatchObject({ connection_id: TELNYX_CONNECTION_ID, from: '+14155550100' });
		expect(dialBody()).not.toHaveProperty('assistant');
	});

	it('a version 1 Place Call saved with plain strings (operation "dial") still sends them', async () => {
		const old = await runTelnyx(simulator, { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550123', options: { assistantId: 'assistant-aaa' } });
		expect(old.errors).toEqual({});
		expect(dialBody()).toMatchObject({ connection_id: TELNYX_CONNECTION_ID, from: '+14155550100', assistant: { id: 'assistant-aaa' } });
	});

	async function answeredCall(): Promise<SimCall> {
		const call = simulator.telnyx.inboundCall({ connectionId: TELNYX_CONNECTION_ID, from: '+14155550199', to: '+14155550100', script: {} });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.initiated');
		const answer = await runTelnyx(simulator, { operation: 'answer', callControlId: call.callControlId, options: { assistantId: rl('assistant-aaa') } }, undefined, { typeVersion: 2 });
		expect(answer.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', /\/actions\/answer$/).at(-1)!.body).toMatchObject({ assistant: { id: 'assistant-aaa' } });
		await simulator.telnyx.waitForEvent(call.callControlId, 'call.answered');
		return call;
	}

	it('Answer, Speak and Start AI Assistant send the picked assistant and voice; Speak still takes a saved voice string', async () => {
		const call = await answeredCall();
		const speak = await runTelnyx(simulator, { operation: 'speak', callControlId: call.callControlId, payload: 'Hello', voice: rl('AWS.Polly.Joanna-Neural') }, undefined, { typeVersion: 2 });
		expect(speak.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', /\/actions\/speak$/).at(-1)!.body).toMatchObject({ voice: 'AWS.Polly.Joanna-Neural' });
		const oldSpeak = await runTelnyx(simulator, { operation: 'speak', callControlId: call.callControlId, payload: 'Hello', voice: 'Telnyx.KokoroTTS.af' });
		expect(oldSpeak.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', /\/actions\/speak$/).at(-1)!.body).toMatchObject({ voice: 'Telnyx.KokoroTTS.af' });
		const untouched = await runTelnyx(simulator, { operation: 'speak', callControlId: call.callControlId, payload: 'Hello' }, undefined, { typeVersion: 2 });
		expect(untouched.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', /\/actions\/speak$/).at(-1)!.body).toMatchObject({ voice: 'Telnyx.KokoroTTS.af' });
		const start = await runTelnyx(simulator, { operation: 'aiAssistantStart', callControlId: call.callControlId, assistantId: rl('assistant-bbb'), options: { voice: rl('Telnyx.Bayan.Amanda') } }, undefined, { typeVersion: 2 });
		expect(start.errors).toEqual({});
		expect(simulator.sim.requestsTo('POST', /\/actions\/ai_assistant_start$/).at(-1)!.body).toMatchObject({ assistant: { id: 'assistant-bbb', voice_settings: { voice: 'Telnyx.Bayan.Amanda' } } });
	});
});
