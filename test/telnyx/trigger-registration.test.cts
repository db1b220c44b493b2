// Telnyx Trigger with a Call Control application chosen: activation points the application's
// webhook_event_url at the trigger (GET then PATCH /v2/call_control_applications/{id}), the
// Test URL swaps in while listening for a test event and back after, and deactivation restores
// the previous URL. The simulator records every PATCH; events then reach the trigger.
import type { INode } from 'n8n-workflow';

import { node } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { applicationsOf, type TelnyxApplications } from '../simulator/providers/telnyx/applications.cts';
import { TELNYX_CONNECTION_ID, TELNYX_SINK_PATH } from '../simulator/providers/telnyx/index.cts';
import { CREDENTIAL, runTelnyx } from './helpers.cts';

const OTHER_APP = '2000000000000000002';
let simulator: RunningSimulator;
let apps: TelnyxApplications;
let sink: string;

function trigger(parameters: INode['parameters']): INode {
	return node({ name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', parameters: { events: ['call.answered', 'call.hangup'], ...parameters }, credentials: CREDENTIAL });
}

async function serve(parameters: INode['parameters']): Promise<TriggerServer> {
	return await startTriggerServer({ nodes: [trigger(parameters)] }, { triggerNode: 'Telnyx Trigger', credentials: { telnyxApi: simulator.telnyx.credentials() } });
}

const patchedUrls = (id: string) => apps.patches.filter((p) => p.id === id).map((p) => p.body.webhook_event_url);

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	apps = applicationsOf(simulator.telnyx);
	sink = `${simulator.baseUrl}${TELNYX_SINK_PATH}`;
	simulator.telnyx.connection(OTHER_APP, { webhookUrl: 'https://example.com/old-telnyx-hook' });
	apps.name(OTHER_APP, 'voice-menu');
});
afterAll(async () => simulator.stop());

describe('activation and deactivation', () => {
	let server: TriggerServer;
	beforeAll(async () => {
		server = await serve({ applicationId: OTHER_APP });
	});
	afterAll(async () => server.stop());

	it('activation sets the application\'s Webhook URL to the production URL, keeping its name, and remembers the old URL', async () => {
		await server.activate();
		expect(apps.webhookUrl(OTHER_APP)).toBe(server.webhookUrl);
		expect(apps.patches.filter((p) => p.id === OTHER_APP)).toEqual([
			expect.objectContaining({ status: 200, body: { application_name: 'voice-menu', webhook_event_url: server.webhookUrl } }),
		]);
		expect(server.staticData()['node:Telnyx Trigger']).toMatchObject({
			registration: { applicationId: OTHER_APP, url: server.webhookUrl, previousUrl: 'https://example.com/old-telnyx-hook' },
		});
	});

	it('activating again (an n8n restart) finds the URL in place and changes nothing', async () => {
		await server.activate();
		expect(patchedUrls(OTHER_APP)).toEqual([server.webhookUrl]);
	});

	it('"Listen for test event" swaps in the Test URL, and stopping it puts the production URL back', async () => {
		await server.activate({ test: true });
		expect(apps.webhookUrl(OTHER_APP)).toBe(server.testWebhookUrl);
		await server.deactivate({ test: true });
		expect(apps.webhookUrl(OTHER_APP)).toBe(server.webhookUrl);
		expect(patchedUrls(OTHER_APP)).toEqual([server.webhookUrl, server.testWebhookUrl, server.webhookUrl]);
	});

	it('deactivation restores the URL the application had before', async () => {
		await server.deactivate();
		expect(apps.webhookUrl(OTHER_APP)).toBe('https://example.com/old-telnyx-hook');
		expect(patchedUrls(OTHER_APP).at(-1)).toBe('https://example.com/old-telnyx-hook');
		expect(server.staticData()['node:Telnyx Trigger']).not.toHaveProperty('registration');
	});

	it('leaves alone a URL someone set after activation', async () => {
		await server.activate();
		apps.setWebhookUrl(OTHER_APP, 'https://example.com/someone-else');
		const before = apps.patches.length;
		await server.deactivate();
		expect(apps.webhookUrl(OTHER_APP)).toBe('https://example.com/someone-else');
		expect(apps.patches.length).toBe(before);
		apps.setWebhookUrl(OTHER_APP, 'https://example.com/old-telnyx-hook');
	});
});

describe('events reach the registered trigger', () => {
	it('a call placed without a per-call Webhook URL sends its events to the trigger through the application', async () => {
		const server = await serve({ applicationId: TELNYX_CONNECTION_ID });
		try {
			await server.activate();
			expect(apps.webhookUrl(TELNYX_CONNECTION_ID)).toBe(server.webhookUrl);
			simulator.telnyx.callee('+14155550901', { answer: 'answer', ringMs: 100, hangUpAfterMs: 200 });
			const dial = await runTelnyx(simulator, { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '+14155550901' });
			const id = String(dial.outputs.Telnyx[0].json.callControlId);
			await simulator.telnyx.waitForEvent(id, 'call.hangup');
			await simulator.sim.deliveriesDone();
			const started = server.deliveries.filter((d) => d.workflowStarted).map((d) => d.triggerItems[0].json);
			expect(started.map((item) => [item.callControlId, item.eventType])).toEqual([
				[id, 'call.answered'],
				[id, 'call.hangup'],
			]);
			await server.deactivate();
			expect(apps.webhookUrl(TELNYX_CONNECTION_ID)).toBe(sink);
		} finally {
			await server.stop();
		}
	});
});

describe('refusals and the manual set-up', () => {
	it('an unknown application stops activation with a message that names the field, and changes nothing', async () => {
		const server = await serve({ applicationId: '999' });
		const before = apps.patches.length;
		try {
			await expect(server.activate()).rejects.toThrow('Telnyx has no Call Control application with the ID "999"');
			await expect(server.activate()).rejects.toMatchObject({ description: expect.stringContaining('Call Control Application ID') });
			expect(apps.patches.length).toBe(before);
		} finally {
			await server.stop();
		}
	});

	it('without an application, activation makes no API request (the URL is pasted by hand)', async () => {
		const server = await serve({});
		const before = simulator.sim.requests.length;
		try {
			await server.activate();
			await server.deactivate();
			expect(simulator.sim.requests.slice(before).filter((r) => r.path.startsWith('/v2/call_control_applications'))).toEqual([]);
		} finally {
			await server.stop();
		}
	});

	it('the simulator refuses an unknown ID and a PATCH without the required fields with Telnyx error bodies', async () => {
		const auth = { authorization: `Bearer ${simulator.telnyx.credentials().apiKey}`, 'content-type': 'application/json' };
		const unknown = await fetch(`${simulator.telnyx.baseUrl}/call_control_applications/999`, { headers: auth });
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as { errors: Array<{ code: string }> }).errors[0].code).toBe('10005');
		const missing = await fetch(`${simulator.telnyx.baseUrl}/call_control_applications/${OTHER_APP}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ webhook_event_url: 'https://x.example' }) });
		expect(missing.status).toBe(422);
		expect(await missing.json()).toMatchObject({ errors: [{ code: '10004', source: { pointer: '/application_name' } }] });
		const list = await fetch(`${simulator.telnyx.baseUrl}/call_control_applications?filter[application_name][contains]=voice`, { headers: auth });
		expect(await list.json()).toMatchObject({ data: [{ id: OTHER_APP, application_name: 'voice-menu' }], meta: { total_results: 1 } });
	});
});
