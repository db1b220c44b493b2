// Telnyx Trigger: only events signed with the credential's key, within ±300 s, start the
// workflow; everything else gets 401 and starts nothing. Activation needs the public key.
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';
import { triggerNode } from './helpers.cts';

const signer = new TelnyxSigner();
const otherSigner = new TelnyxSigner();
const credentials = { telnyxApi: { apiKey: 'KEYtest', publicKey: signer.publicKeyBase64, baseUrl: 'http://127.0.0.1:9/v2' } };
let trigger: TriggerServer;

let eventIds = 100;
/** A signed-shape event; each gets its own data.id (a repeated ID is a repeat delivery and starts nothing). */
function event(eventType: string, payload: Record<string, unknown> = {}, id = `f0e1d2c3-0000-4000-8000-${String(++eventIds).padStart(12, '0')}`): string {
	return JSON.stringify({
		data: { record_type: 'event', event_type: eventType, id, occurred_at: '2026-01-01T10:00:00.000000Z', payload: { call_control_id: 'v3:abc', from: '+14155550100', to: '+14155550123', ...payload } },
		meta: { attempt: 2, delivered_to: 'x' },
	});
}

async function post(body: string, headers: Record<string, string>) {
	const before = trigger.deliveries.length;
	await fetch(trigger.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return (await trigger.waitForDeliveries(before + 1))[before];
}

beforeAll(async () => {
	trigger = await startTriggerServer({ nodes: [triggerNode(['call.gather.ended', 'call.ai_gather.ended'])] }, { triggerNode: 'Telnyx Trigger', credentials });
	await trigger.activate();
});
afterAll(async () => trigger.stop());

describe('valid events', () => {
	it('starts the workflow with one flattened item and the client state decoded', async () => {
		const body = event('call.gather.ended', { digits: '1234', status: 'valid', client_state: Buffer.from('{"step":"pin"}').toString('base64') }, 'f0e1d2c3-0000-4000-8000-000000000001');
		const result = await post(body, signer.sign(body));
		expect(result.status).toBe(200);
		expect(result.workflowStarted).toBe(true);
		expect(result.triggerItems).toHaveLength(1);
		expect(result.triggerItems[0].json).toMatchObject({
			eventType: 'call.gather.ended',
			eventId: 'f0e1d2c3-0000-4000-8000-000000000001',
			occurredAt: '2026-01-01T10:00:00.000000Z',
			deliveryAttempt: 2,
			callControlId: 'v3:abc',
			digits: '1234',
			status: 'valid',
			clientState: { step: 'pin' },
		});
		expect(result.run?.status).toBe('success');
	});

	it('keeps a client state that is not JSON as text', async () => {
		const body = event('call.ai_gather.ended', { result: { city: 'Paris' }, client_state: Buffer.from('lead-7').toString('base64') });
		const result = await post(body, signer.sign(body));
		expect(result.triggerItems[0].json).toMatchObject({ result: { city: 'Paris' }, clientState: 'lead-7' });
	});

	it('accepts a timestamp 290 s old (10 s inside the window)', async () => {
		const body = event('call.gather.ended');
		const result = await post(body, signer.sign(body, Math.floor(Date.now() / 1000) - 290));
		expect(result.workflowStarted).toBe(true);
	});

	it('acknowledges an event that was not selected with 200 and starts nothing', async () => {
		const body = event('call.speak.ended');
		const result = await post(body, signer.sign(body));
		expect(result).toMatchObject({ status: 200, workflowStarted: false });
	});
});

describe('refused requests get 401 and start nothing', () => {
	const now = () => Math.floor(Date.now() / 1000);
	const cases: Array<[string, () => { body: string; headers: Record<string, string> }]> = [
		['a tampered body', () => {
			const body = event('call.gather.ended', { digits: '1' });
			return { body: body.replace('"digits":"1"', '"digits":"9"'), headers: signer.sign(body) };
		}],
		['a signature made with another key', () => {
			const body = event('call.gather.ended');
			return { body, headers: otherSigner.sign(body) };
		}],
		['a stale timestamp (310 s old)', () => {
			const body = event('call.gather.ended');
			return { body, headers: signer.sign(body, now() - 310) };
		}],
		['a future timestamp (+310 s)', () => {
			const body = event('call.gather.ended');
			return { body, headers: signer.sign(body, now() + 310) };
		}],
		['a timestamp swapped after signing', () => {
			const body = event('call.gather.ended');
			const signed = signer.sign(body);
			// Relative to the signed timestamp, not the clock: a second ticking over must not make them equal.
			return { body, headers: { ...signed, 'telnyx-timestamp': String(Number(signed['telnyx-timestamp']) - 1) } };
		}],
		['no signature header', () => {
			const body = event('call.gather.ended');
			return { body, headers: { 'telnyx-timestamp': signer.sign(body)['telnyx-timestamp'] } };
		}],
		['no timestamp header', () => {
			const body = event('call.gather.ended');
			return { body, headers: { 'telnyx-signature-ed25519': signer.sign(body)['telnyx-signature-ed25519'] } };
		}],
		['no headers at all', () => ({ body: event('call.gather.ended'), headers: {} })],
		['a signature that is not base64', () => {
			const body = event('call.gather.ended');
			return { body, headers: { ...signer.sign(body), 'telnyx-signature-ed25519': '!!not-base64!!' } };
		}],
		['a base64 signature of the wrong length', () => {
			const body = event('call.gather.ended');
			return { body, headers: { ...signer.sign(body), 'telnyx-signature-ed25519': Buffer.alloc(32).toString('base64') } };
		}],
		['a timestamp that is not a number', () => {
			const body = event('call.gather.ended');
			return { body, headers: { ...signer.sign(body), 'telnyx-timestamp': '12.5' } };
		}],
	];
	for (const [name, build] of cases) {
		it(name, async () => {
			const { body, headers } = build();
			const result = await post(body, headers);
			expect(result.status).toBe(401);
			expect(result.workflowStarted).toBe(false);
			expect(result.run).toBeUndefined();
			// A plain refusal: why it failed goes to n8n's log, not to the caller.
			expect(result.body).toEqual({ error: 'Invalid signature' });
		});
	}
});

describe('activation', () => {
	it('refuses a credential without a public key', async () => {
		const server = await startTriggerServer({ nodes: [triggerNode(['call.hangup'])] }, { triggerNode: 'Telnyx Trigger', credentials: { telnyxApi: { ...credentials.telnyxApi, publicKey: '' } } });
		try {
			await expect(server.activate()).rejects.toThrow(/no Webhook Public Key/);
		} finally {
			await server.stop();
		}
	});

	it('refuses a public key that is not a 32-byte Ed25519 key', async () => {
		const server = await startTriggerServer({ nodes: [triggerNode(['call.hangup'])] }, { triggerNode: 'Telnyx Trigger', credentials: { telnyxApi: { ...credentials.telnyxApi, publicKey: 'c2hvcnQ=' } } });
		try {
			await expect(server.activate()).rejects.toThrow(/32-byte Ed25519 key/);
		} finally {
			await server.stop();
		}
	});

	it('activates and deactivates with a valid key', async () => {
		await expect(trigger.activate()).resolves.toBeUndefined();
		await expect(trigger.deactivate()).resolves.toBeUndefined();
	});
});
