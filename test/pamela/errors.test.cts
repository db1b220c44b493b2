// Unhappy paths of the action node: each documented error code becomes a message naming the
// code, the item and the fix; a lost reply on Place Call is never repeated.
import { parsePamelaError } from '../../nodes/Pamela/errors.ts';
import { operation as callOperation } from '../../nodes/Pamela/resources/call/index.ts';
import { pamelaError } from '../simulator/providers/pamela/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CALLS_PATH, jsonOf, placeCall, runPamela } from './helpers.cts';

let simulator: RunningSimulator;

/** The Call operations a text names as "Call > …", each checked against the node's Operation list. */
function operationsNamedIn(text: string | null | undefined): string[] {
	const shown = (callOperation.options ?? []).map((option) => (option as { name: string }).name);
	const named = [...String(text).matchAll(/Call > ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)*)/g)].map((match) => match[1]);
	for (const name of named) expect(shown).toContain(name);
	return named;
}

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
afterEach(() => simulator.sim.faults.clear());

const getCall = (callId: string) => ({ resource: 'call', operation: 'get', callId });

describe('authentication and subscription', () => {
	it('1002: an invalid key names the credential and never shows the key', async () => {
		const result = await runPamela(simulator, placeCall('+14155550123'), { credentials: { apiKey: 'pk_live_not_a_real_key_42' } });
		expect(result.errors.Pamela).toMatchObject({ message: 'Pamela error 1002 (HTTP 401): Invalid API key', httpCode: '401' });
		expect(result.errors.Pamela.description).toMatch(/^Item 0: Check the API key in the Pamela credential: .*pk_live_/);
		expect(JSON.stringify(result.run.data)).not.toContain('pk_live_not_a_real_key_42');
	});

	it('7008: an expired subscription says to renew it', async () => {
		const key = 'pk_live_expired_subscription';
		simulator.pamela.apiKeys.add(key);
		simulator.pamela.expiredKeys.add(key);
		const result = await runPamela(simulator, { resource: 'usage', operation: 'get' }, { credentials: { apiKey: key } });
		expect(result.errors.Pamela.message).toBe('Pamela error 7008 (HTTP 403): Subscription expired');
		expect(result.errors.Pamela.description).toContain('renew the subscription in the Pamela partner portal');
	});

	it('1005: no subscription says to start one', async () => {
		const key = 'pk_live_no_subscription';
		simulator.pamela.apiKeys.add(key);
		simulator.pamela.unsubscribedKeys.add(key);
		const result = await runPamela(simulator, getCall('call_0001'), { credentials: { apiKey: key } });
		expect(result.errors.Pamela.message).toBe('Pamela error 1005 (HTTP 403): Subscription required');
		expect(result.errors.Pamela.description).toContain('needs an active subscription');
	});
});

describe('invalid numbers and countries', () => {
	it('refuses a number it cannot read before calling the API, naming item, field and fix', async () => {
		const before = simulator.sim.requestsTo('POST', CALLS_PATH).length;
		const result = await runPamela(simulator, placeCall('call me maybe'));
		expect(result.errors.Pamela.message).toContain('To: Invalid phone number "call me maybe"');
		expect(result.errors.Pamela.description).toBe('Item 0, field "To": Use digits only, e.g. +14155550123.');
		expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(before);
	});

	it('2002: a number the API refuses gets the E.164 hint', async () => {
		simulator.sim.faults.add({ method: 'POST', path: CALLS_PATH, kind: 'status', response: pamelaError(400, 2002, 'Invalid phone number format') });
		const result = await runPamela(simulator, placeCall('+14155550123'));
		expect(result.errors.Pamela.message).toBe('Pamela error 2002 (HTTP 400): Invalid phone number format');
		expect(result.errors.Pamela.description).toContain('E.164');
	});

	it('7004 and 7005: the country is explained', async () => {
		const noNumber = await runPamela(simulator, placeCall('+64 21 123 4567', 'Hi', { country: 'NZ' }));
		expect(noNumber.errors.Pamela.message).toBe('Pamela error 7004 (HTTP 409): No phone number available for country NZ');
		expect(noNumber.errors.Pamela.description).toContain('no outgoing number for the country');
		const unsupported = await runPamela(simulator, placeCall('+14155550123', 'Hi', { country: 'KP' }));
		expect(unsupported.errors.Pamela.message).toBe('Pamela error 7005 (HTTP 409): Unsupported country: KP');
		expect(unsupported.errors.Pamela.description).toContain('does not call this country');
	});

	it('with Continue On Fail, a bad item reports its error and the others are placed', async () => {
		const input = [{ json: { to: '+14155550130' } }, { json: { to: '12' } }, { json: { to: '+14155550131' } }];
		const result = await runPamela(simulator, placeCall('={{ $json.to }}'), { input, continueOnFail: true });
		const items = result.outputs.Pamela;
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.status).toBe('queued');
		expect(items[1].json.error).toContain('Invalid phone number "12"');
		expect(items[1].json.description).toContain('Item 1, field "To"');
		expect(items[2].json.status).toBe('queued');
	});
});

describe('rate limits, missing calls and lost replies', () => {
	it('6001: a 429 asking for longer than the Maximum Rate-Limit Wait is reported with the wait from details.retry_after, and POST /calls is not resent', async () => {
		const before = simulator.sim.requestsTo('POST', CALLS_PATH).length;
		simulator.sim.faults.rateLimit(CALLS_PATH, pamelaError(429, 6001, 'Rate limit exceeded', { retry_after: 42 }).body, 42);
		const result = await runPamela(simulator, placeCall('+14155550123', undefined, { maxRateLimitWait: 10 }));
		expect(result.errors.Pamela.message).toBe('Pamela error 6001 (HTTP 429): Rate limit exceeded');
		expect(result.errors.Pamela.description).toMatch(/slow down.*Wait 42 s before trying again\./);
		expect(result.errors.Pamela.description).toContain('would pass the Maximum Rate-Limit Wait (10 s)');
		expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(before);
	});

	it('6002: a quota 429 with the wait only in the body still tells the wait', async () => {
		simulator.sim.faults.add({ method: 'POST', path: CALLS_PATH, kind: 'status', response: pamelaError(429, 6002, 'Quota exceeded', { retry_after: 3600 }) });
		const result = await runPamela(simulator, placeCall('+14155550123'));
		expect(result.errors.Pamela.message).toBe('Pamela error 6002 (HTTP 429): Quota exceeded');
		expect(result.errors.Pamela.description).toContain('Wait 3600 s');
	});

	it('7003: an unknown call ID says where IDs come from', async () => {
		const result = await runPamela(simulator, getCall('call_does_not_exist'));
		expect(result.errors.Pamela.message).toBe('Pamela error 7003 (HTTP 404): Call not found');
		expect(result.errors.Pamela.description).toContain('Item 0: Check the Call ID');
	});

	it('a connection reset after Place Call was received: one call exists, no second POST, and the message says how to check', async () => {
		const callsBefore = simulator.pamela.calls.calls.size;
		const postsBefore = simulator.sim.requestsTo('POST', CALLS_PATH).length;
		simulator.sim.faults.add({ method: 'POST', path: CALLS_PATH, kind: 'reset-after' });
		const result = await runPamela(simulator, placeCall('+14155550140'));
		expect(result.errors.Pamela.message).toMatch(/^The connection to Pamela was lost before it answered/);
		expect(result.errors.Pamela.description).toContain('Item 0: Pamela may or may not have placed the call to +14155550140');
		expect(result.errors.Pamela.description).toContain('check with Call > Get Many (filter Start Date ');
		expect(operationsNamedIn(result.errors.Pamela.description)).toEqual(['Get Many']);
		expect(simulator.sim.requestsTo('POST', CALLS_PATH)).toHaveLength(postsBefore + 1);
		expect(simulator.pamela.calls.calls.size).toBe(callsBefore + 1);
	});

	it.each(['cancel', 'hangUp'])('a lost reply on %s names the Call operation to check with, as the node shows it', async (operation) => {
		simulator.sim.faults.add({ method: 'POST', path: `${CALLS_PATH}/call_lost_reply/${operation === 'hangUp' ? 'hangup' : 'cancel'}`, kind: 'reset-before' });
		const result = await runPamela(simulator, { resource: 'call', operation, callId: 'call_lost_reply' });
		expect(result.errors.Pamela.description).toContain('check its status with Call > Get (Call ID call_lost_reply)');
		expect(operationsNamedIn(result.errors.Pamela.description)).toEqual(['Get']);
	});

	it('a reset on a read is retried, since reading twice does no harm', async () => {
		simulator.sim.faults.add({ method: 'GET', path: '/api/b2b/v1/usage', kind: 'reset-before' });
		const [usage] = jsonOf(await runPamela(simulator, { resource: 'usage', operation: 'get' }));
		expect(usage).toHaveProperty('call_count');
	});
});

describe('parsePamelaError reads every body shape of contract §6', () => {
	const failure = (body: unknown, status = 400) => ({ status, body, headers: {} });
	it.each([
		['detail.error_code', { detail: { error_code: 7003, message: 'Call not found', details: {} } }, '7003', 'Call not found'],
		['detail.error', { detail: { error: { code: 2002, message: 'Invalid phone number' } } }, '2002', 'Invalid phone number'],
		['detail string', { detail: 'Invalid API key' }, undefined, 'Invalid API key'],
		['top-level error_code', { error_code: 6001, message: 'Rate limit exceeded', details: { retry_after: 5 } }, '6001', 'Rate limit exceeded'],
		['top-level error', { error: { code: 1002, message: 'Invalid API key' } }, '1002', 'Invalid API key'],
	])('%s', (_, body, code, message) => {
		expect(parsePamelaError(failure(body))).toMatchObject({ code, message });
	});

	it('falls back to the documented default message, and to the meaning of a known code', () => {
		expect(parsePamelaError(failure(undefined, 502)).message).toBe('Request failed with status 502');
		expect(parsePamelaError(failure({ detail: { error_code: 7005 } }))).toMatchObject({ code: '7005', message: 'Unsupported country' });
	});

	it('takes retry_after from details, else from the Retry-After header', () => {
		expect(parsePamelaError({ status: 429, body: { detail: { error_code: 6001, details: { retry_after: 7 } } }, headers: { 'retry-after': '99' } }).retryAfterSeconds).toBe(7);
		expect(parsePamelaError({ status: 429, body: { detail: 'Rate limit exceeded' }, headers: { 'retry-after': '9' } }).retryAfterSeconds).toBe(9);
	});
});
