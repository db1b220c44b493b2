// Telnyx Trigger's Call Direction: call.initiated of the other direction is acknowledged with 200
// and starts nothing (a Transfer's own leg must not start the workflow that answers callers);
// other events, which carry no direction, are not filtered.
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';
import { triggerNode } from './helpers.cts';

const signer = new TelnyxSigner();
const credentials = { telnyxApi: { apiKey: 'KEYtest', publicKey: signer.publicKeyBase64, baseUrl: 'http://127.0.0.1:9/v2' } };
const triggers: Record<string, TriggerServer> = {};

let eventIds = 0;
function event(eventType: string, payload: Record<string, unknown> = {}): string {
	const id = `a1b2c3d4-0000-4000-8000-${String(++eventIds).padStart(12, '0')}`;
	return JSON.stringify({ data: { record_type: 'event', event_type: eventType, id, occurred_at: '2026-01-01T10:00:00.000000Z', payload: { call_control_id: 'v3:abc', ...payload } }, meta: { attempt: 1 } });
}

async function post(setting: string, body: string) {
	const trigger = triggers[setting];
	const before = trigger.deliveries.length;
	await fetch(trigger.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signer.sign(body) }, body });
	return (await trigger.waitForDeliveries(before + 1))[before];
}

beforeAll(async () => {
	for (const setting of ['default', 'any', 'incoming', 'outgoing']) {
		const node = triggerNode(['call.initiated', 'call.answered']);
		if (setting !== 'default') node.parameters.callDirection = setting;
		triggers[setting] = await startTriggerServer({ nodes: [node] }, { triggerNode: node.name, credentials });
		await triggers[setting].activate();
	}
});
afterAll(async () => {
	for (const trigger of Object.values(triggers)) await trigger.stop();
});

it.each([
	['default', 'incoming', true],
	['default', 'outgoing', true],
	['any', 'outgoing', true],
	['incoming', 'incoming', true],
	['incoming', 'outgoing', false],
	['outgoing', 'outgoing', true],
	['outgoing', 'incoming', false],
])('Call Direction %s, call.initiated %s: starts %s', async (setting, direction, starts) => {
	const result = await post(setting, event('call.initiated', { direction, state: direction === 'incoming' ? 'parked' : 'bridging' }));
	expect(result.status).toBe(200);
	expect(result.workflowStarted).toBe(starts);
	if (starts) expect(result.triggerItems[0].json).toMatchObject({ eventType: 'call.initiated', direction });
	else expect(result.body).toEqual({ received: true, ignored: `call.initiated (${direction})` });
});

it('does not filter events without a direction (call.answered starts with Incoming chosen)', async () => {
	const result = await post('incoming', event('call.answered'));
	expect(result).toMatchObject({ status: 200, workflowStarted: true });
});
