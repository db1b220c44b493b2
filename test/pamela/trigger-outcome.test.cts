// Pamela Trigger in Call Outcome mode, the second half of the two-workflow pattern: real calls
// in the simulator (completed, failed, cancelled) each end in the one outcome shape, once, with
// the Place Call metadata as correlation (read from GET /calls/{id}: events carry none).
import type { IDataObject } from 'n8n-workflow';

import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { jsonOf, placeCall, runPamela, triggerNode } from './helpers.cts';

let simulator: RunningSimulator;
let server: TriggerServer;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	server = await startTriggerServer(
		{ nodes: [triggerNode('Pamela Trigger', { mode: 'outcome' })] },
		{ triggerNode: 'Pamela Trigger', credentials: { pamelaApi: simulator.pamela.credentials() } },
	);
	await server.activate();
	simulator.pamela.webhookUrl = server.url;
});
afterAll(async () => {
	await server.stop();
	await simulator.stop();
});

async function place(to: string, leadId: string): Promise<string> {
	const [placed] = jsonOf(await runPamela(simulator, placeCall(to, 'Confirm the appointment', { metadataJson: JSON.stringify({ leadId, list: 'spring' }) })));
	return String(placed.id);
}

async function outcomeOf(callId: string): Promise<IDataObject> {
	await simulator.pamela.waitForStatus(callId);
	await simulator.sim.deliveriesDone();
	const found = server.deliveries.filter((d) => d.workflowStarted && d.triggerItems[0].json.callId === callId);
	expect(found).toHaveLength(1);
	return found[0].triggerItems[0].json;
}

describe('one outcome per finished call', () => {
	it('a completed call: answered, transcript, summary, times and the metadata as correlation', async () => {
		simulator.pamela.callee('+14155550701', { answer: 'answer', ringMs: 200, says: ['Yes, Tuesday works.'] });
		const id = await place('+14155550701', 'L-1');
		const outcome = await outcomeOf(id);
		expect(outcome).toMatchObject({
			provider: 'pamela',
			callId: id,
			status: 'completed',
			answered: true,
			startedAt: expect.any(String),
			endedAt: expect.any(String),
			correlation: { leadId: 'L-1', list: 'spring' },
			reason: null,
		});
		expect((outcome.transcript as IDataObject[]).map((turn) => turn.role)).toEqual(['agent', 'callee', 'agent']);
		expect((outcome.raw as IDataObject).event).toMatchObject({ event: 'call.completed', call_id: id });
	});

	it('a busy callee: failed, not answered, with Pamela\'s words as the reason', async () => {
		simulator.pamela.callee('+14155550702', { answer: 'busy', ringMs: 200 });
		const id = await place('+14155550702', 'L-2');
		expect(await outcomeOf(id)).toMatchObject({ status: 'failed', answered: false, durationSeconds: 0, reason: expect.stringMatching(/busy/i), correlation: { leadId: 'L-2', list: 'spring' } });
	});

	it('a cancelled call (call.failed with status cancelled): cancelled', async () => {
		simulator.pamela.callee('+14155550703', { answer: 'answer', ringMs: 600000 });
		const id = await place('+14155550703', 'L-3');
		await simulator.pamela.waitForStatus(id, ['ringing']);
		await runPamela(simulator, { resource: 'call', operation: 'cancel', callId: id });
		expect(await outcomeOf(id)).toMatchObject({ status: 'cancelled', answered: false, correlation: { leadId: 'L-3', list: 'spring' } });
	});

	it('a repeated final event starts nothing and does not read the call again', async () => {
		simulator.pamela.callee('+14155550704', { answer: 'answer', ringMs: 200, says: ['Fine.'] });
		const id = await place('+14155550704', 'L-4');
		await outcomeOf(id);
		const completed = simulator.pamela.events.emitted.find((e) => e.callId === id && e.event === 'call.completed')!;
		const reads = () => simulator.sim.requestsTo('GET', `/api/b2b/v1/calls/${id}`).length;
		const before = { reads: reads(), deliveries: server.deliveries.length };
		const { body, headers } = simulator.pamela.signed(completed.body);
		const response = await fetch(server.url, { method: 'POST', headers, body });
		expect(await response.json()).toEqual({ received: true, duplicate: true });
		await server.waitForDeliveries(before.deliveries + 1);
		expect(server.deliveries.at(-1)!.workflowStarted).toBe(false);
		expect(reads()).toBe(before.reads);
	});

	it('acknowledges every other event with {"received": true} and starts nothing for it', async () => {
		const others = server.deliveries.filter((d) => !d.workflowStarted);
		expect(others.length).toBeGreaterThan(0);
		expect(others.every((d) => d.status === 200 && (d.body as IDataObject).received === true && (typeof (d.body as IDataObject).ignored === 'string' || (d.body as IDataObject).duplicate === true))).toBe(true);
	});
});
