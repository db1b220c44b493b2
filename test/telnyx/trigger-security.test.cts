// Telnyx Trigger, what it refuses and repeats: no raw body means no check and a plain 401;
// a failed check says why only in n8n's log; accepted events get a JSON {"received": true};
// a repeated data.id starts nothing (the list survives between requests in static data, as
// n8n saves it); the user's client state comes back unwrapped from Wait for Outcome's state.
import { encodeCallState } from '../../nodes/Telnyx/observed.ts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';
import { n8nLogger } from '../support/n8n-logger.cts';
import { triggerNode } from './helpers.cts';

const signer = new TelnyxSigner();
const credentials = { telnyxApi: { apiKey: 'KEYtest', publicKey: signer.publicKeyBase64, baseUrl: 'http://127.0.0.1:9/v2' } };
let trigger: TriggerServer;
let ids = 0;

function event(eventType: string, payload: Record<string, unknown> = {}, id = `e7e7e7e7-0000-4000-8000-${String(++ids).padStart(12, '0')}`, attempt = 1): string {
	return JSON.stringify({
		data: { record_type: 'event', event_type: eventType, id, occurred_at: '2026-01-01T10:00:00.000000Z', payload: { call_control_id: 'v3:sec', from: '+14155550100', to: '+14155550123', ...payload } },
		meta: { attempt, delivered_to: 'x' },
	});
}

async function post(body: string, headers: Record<string, string>) {
	const before = trigger.deliveries.length;
	const response = await fetch(trigger.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	const text = await response.text();
	const [result] = (await trigger.waitForDeliveries(before + 1)).slice(before);
	return { status: response.status, text, contentType: response.headers.get('content-type') ?? '', result };
}

beforeAll(async () => {
	trigger = await startTriggerServer({ nodes: [triggerNode(['call.gather.ended', 'call.hangup'])] }, { triggerNode: 'Telnyx Trigger', credentials });
	await trigger.activate();
});
afterAll(async () => trigger.stop());
afterEach(() => jest.restoreAllMocks());

describe('fail closed', () => {
	it('refuses a correctly signed event when n8n kept no raw body: 401, nothing started, the reason in the log', async () => {
		const warn = jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
		const body = event('call.gather.ended', { digits: '1' });
		const answer = await post(body, { ...signer.sign(body), 'x-harness-no-raw-body': '1' });
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.text)).toEqual({ error: 'Invalid signature' });
		expect(answer.result.workflowStarted).toBe(false);
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Telnyx Trigger "Telnyx Trigger" refused a request: n8n passed no raw body/));
	});

	it('answers a bad signature with a plain 401 and writes why to n8n\'s log only', async () => {
		const warn = jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
		const body = event('call.gather.ended', { digits: '1' });
		const answer = await post(body.replace('"digits":"1"', '"digits":"2"'), signer.sign(body));
		expect(answer.status).toBe(401);
		expect(answer.text).toBe('{"error":"Invalid signature"}');
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/the signature does not match the body/));
	});
});

describe('answers', () => {
	it('acknowledges an accepted event with the JSON {"received": true}, not the text "firstEntryJson"', async () => {
		const body = event('call.gather.ended', { digits: '42' });
		const answer = await post(body, signer.sign(body));
		expect(answer.status).toBe(200);
		expect(answer.result.workflowStarted).toBe(true);
		expect(answer.contentType).toMatch(/application\/json/);
		expect(JSON.parse(answer.text)).toEqual({ received: true });
	});

	it('acknowledges an event that starts nothing with JSON too', async () => {
		const body = event('call.speak.ended');
		const answer = await post(body, signer.sign(body));
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.text)).toEqual({ received: true, ignored: 'call.speak.ended' });
		expect(answer.result.workflowStarted).toBe(false);
	});
});

describe('repeated deliveries (contract §6.1)', () => {
	it('starts once for a data.id delivered twice, the second copy re-signed as a Telnyx retry', async () => {
		const id = 'd0d0d0d0-0000-4000-8000-00000000d0d0';
		const first = event('call.hangup', { hangup_cause: 'normal_clearing' }, id, 1);
		const retry = event('call.hangup', { hangup_cause: 'normal_clearing' }, id, 2);
		const a = await post(first, signer.sign(first));
		const b = await post(retry, signer.sign(retry, Math.floor(Date.now() / 1000) - 1));
		expect(a.result.workflowStarted).toBe(true);
		expect(b.status).toBe(200);
		expect(JSON.parse(b.text)).toEqual({ received: true, duplicate: true });
		expect(b.result.workflowStarted).toBe(false);
		// n8n keeps it in the node's static data, saved after the request (as in queue mode, in the database).
		expect(trigger.staticData()['node:Telnyx Trigger']).toMatchObject({ recentDeliveries: { [id]: expect.any(Number) } });
	});

	it('starts again for another event of the same call (another data.id)', async () => {
		const one = event('call.gather.ended', { digits: '1' });
		const two = event('call.gather.ended', { digits: '2' });
		expect((await post(one, signer.sign(one))).result.workflowStarted).toBe(true);
		expect((await post(two, signer.sign(two))).result.workflowStarted).toBe(true);
	});

	it('does not record events that start nothing (no write per ignored event)', async () => {
		const id = 'ffffffff-0000-4000-8000-0000000000ff';
		const body = event('call.speak.ended', {}, id);
		await post(body, signer.sign(body));
		expect(JSON.stringify(trigger.staticData())).not.toContain(id);
	});
});

describe('client state', () => {
	it('shows the user\'s own state when Wait for Outcome wrapped it with its notes', async () => {
		const encoded = encodeCallState('{"leadId":"L-9","list":"spring"}', { a: Date.parse('2026-01-01T10:00:00Z'), d: '12' });
		if (!('clientState' in encoded)) throw new Error(encoded.reason);
		const body = event('call.gather.ended', { digits: '12', client_state: encoded.clientState });
		const answer = await post(body, signer.sign(body));
		expect(answer.result.triggerItems[0].json.clientState).toEqual({ leadId: 'L-9', list: 'spring' });
	});

	it('shows a plain client state as before', async () => {
		const body = event('call.gather.ended', { client_state: Buffer.from('{"leadId":"L-1"}').toString('base64') });
		const answer = await post(body, signer.sign(body));
		expect(answer.result.triggerItems[0].json.clientState).toEqual({ leadId: 'L-1' });
	});
});
