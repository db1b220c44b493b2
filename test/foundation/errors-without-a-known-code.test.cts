// Failures the providers' codes do not explain still name the item and a fix: an HTTP status
// with an unmapped code (400, 409, 422), Stepone's success:false and a reply that is not an
// event stream, and a request that gets no HTTP answer and no known network code (an
// untrusted TLS certificate, a reply that is not HTTP). None of them shows the API key.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { apiRequest } from '../../nodes/shared/transport.ts';
import { telnyx } from '../../nodes/Telnyx/transport.ts';
import { HarnessCredentialsHelper } from '../harness/credentials-helper.cts';
import { additionalDataFor, buildWorkflow, chain, node, runWorkflow, type RunResult } from '../harness/engine.cts';
import { loadPackage } from '../harness/package.cts';
import { pamelaError, PAMELA_TEST_KEY, PAMELA_WEBHOOK_SECRET } from '../simulator/providers/pamela/index.cts';
import { STEPONE_TEST_KEY } from '../simulator/providers/stepone/index.cts';
import { TELNYX_CONNECTION_ID, TELNYX_TEST_KEY } from '../simulator/providers/telnyx/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CALLS_PATH, placeCall as pamelaPlace, runPamela } from '../pamela/helpers.cts';
import { credentialsFor, placeCall as steponePlace, REQUIREMENT, streamConversation } from '../stepone/helpers.cts';
import { runTelnyx } from '../telnyx/helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
afterEach(() => simulator.sim.faults.clear());

const KEYS = [TELNYX_TEST_KEY, PAMELA_TEST_KEY, PAMELA_WEBHOOK_SECRET, STEPONE_TEST_KEY];

/** Every string reachable from `value`, own properties included even when not enumerable. */
function allStrings(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [];
	seen.add(value);
	const out: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		try {
			out.push(...allStrings((value as Record<string, unknown>)[key], seen));
		} catch {
			// a getter that throws holds nothing to leak
		}
	}
	return out;
}

function expectNoKey(result: RunResult): void {
	const everything = `${allStrings(result.errors).join('\n')}\n${JSON.stringify(result.run.data)}`;
	for (const key of KEYS) expect(everything).not.toContain(key);
}

const telnyxDial = (to: string): INode['parameters'] => ({ operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to, options: {} });
const telnyxError = (status: number, code: string, title: string, detail: string) => ({
	method: 'POST',
	path: '/v2/calls',
	kind: 'status' as const,
	response: { status, body: { errors: [{ code, title, detail }] } },
});

describe('an HTTP error with no known code gets a fix for its status', () => {
	it('Telnyx 422 with an unmapped code: the fields named in Telnyx\'s message, quoted', async () => {
		simulator.sim.faults.add(telnyxError(422, '10099', 'Invalid parameter', 'answering_machine_detection_config.total_analysis_time_millis is out of range'));
		const result = await runTelnyx(simulator, telnyxDial('+14155550201'));
		const error = result.errors.Telnyx;
		expect(error.message).toBe('Telnyx error 10099 (HTTP 422): Invalid parameter: answering_machine_detection_config.total_analysis_time_millis is out of range');
		expect(error.description).toMatch(/^Item 0: Telnyx refused a value: check the fields named in Telnyx's message and correct them, then run again: /);
		expect(error.description).toContain('total_analysis_time_millis is out of range');
		expectNoKey(result);
	});

	it('Telnyx 409 with an unmapped code: a state conflict, check the state first', async () => {
		simulator.sim.faults.add(telnyxError(409, '90999', 'Conflict', 'The call is being transferred'));
		const result = await runTelnyx(simulator, telnyxDial('+14155550202'));
		expect(result.errors.Telnyx.description).toMatch(/^Item 0: The request conflicts with the current state of the call or resource .*: The call is being transferred$/);
	});

	it('Telnyx 400 with no error list at all still names the item and a fix', async () => {
		simulator.sim.faults.add({ method: 'POST', path: '/v2/calls', kind: 'status', response: { status: 400, body: 'Bad Request' } });
		const result = await runTelnyx(simulator, telnyxDial('+14155550203'));
		expect(result.errors.Telnyx.message).toBe('Telnyx error (HTTP 400): Bad Request');
		expect(result.errors.Telnyx.description).toBe("Item 0: Telnyx refused a value: check the fields named in Telnyx's message and correct them, then run again: Bad Request");
	});

	it('Telnyx 405 (another 4xx): check the fields and the Base URL', async () => {
		simulator.sim.faults.add(telnyxError(405, '', 'Method Not Allowed', 'POST is not allowed here'));
		const result = await runTelnyx(simulator, telnyxDial('+14155550204'));
		expect(result.errors.Telnyx.description).toMatch(/^Item 0: Telnyx refused the request: check the item's fields and the credential's Base URL/);
	});

	it.each([
		[400, 2999, 'Field "task" is too long', /^Item 0: Pamela refused a value: check the fields named in Pamela's message .*: Field "task" is too long$/],
		[422, 2998, 'Unprocessable voice', /^Item 0: Pamela refused a value: .*: Unprocessable voice$/],
		[409, 7999, 'A call to this number is already in progress', /^Item 0: The request conflicts with the current state .*: A call to this number is already in progress$/],
	])('Pamela %i with the unmapped code %i', async (status, code, text, description) => {
		simulator.sim.faults.add({ method: 'POST', path: CALLS_PATH, kind: 'status', response: pamelaError(status, code, text) });
		const result = await runPamela(simulator, pamelaPlace('+14155550205'));
		expect(result.errors.Pamela.message).toBe(`Pamela error ${code} (HTTP ${status}): ${text}`);
		expect(result.errors.Pamela.description).toMatch(description);
		expectNoKey(result);
	});

	it('Stepone success:false (HTTP 200) says what to check', async () => {
		const result = await runWorkflow(
			{ nodes: [steponePlace('Call', { phones: '13800138000', requirement: REQUIREMENT, options: { voiceId: 'v9999' } })] },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.errors.Call.message).toContain('Stepone AI error (HTTP 200): ');
		expect(result.errors.Call.message).toContain('unknown voice_id v9999');
		expect(result.errors.Call.description).toMatch(/^Item 0: Stepone AI answered success: false, .*check the value it names \(.*Voice Name or ID.*\) and the account's balance/);
		expectNoKey(result);
	});

	it('Stepone Stream Conversation given JSON instead of an event stream points at the Base URL', async () => {
		simulator.sim.faults.add({ method: 'POST', path: '/api/v1/callinfo/stream_chat_history', kind: 'status', response: { status: 200, body: { ok: true } } });
		const result = await runWorkflow(
			{ nodes: [steponePlace('Call', { phones: '13800138000', requirement: REQUIREMENT }), streamConversation('Stream')], connections: chain('Call', 'Stream') },
			{ credentials: credentialsFor(simulator) },
		);
		expect(result.errors.Stream.message).toBe('Stepone AI error (HTTP 200): expected an event stream, got application/json; charset=utf-8');
		expect(result.errors.Stream.description).toMatch(/^Item 0: Stream Conversation needs an event stream .*check the Base URL of the Stepone AI credential/);
	});
});

describe('a provider error that quotes the credential\'s secrets back', () => {
	// Providers sometimes echo what they refused; the key must not reach n8n's error panel or logs.
	const hidden = (result: RunResult, nodeName: string) => {
		expectNoKey(result);
		expect(`${result.errors[nodeName].message} ${result.errors[nodeName].description}`).toContain('[hidden]');
	};

	it('Telnyx 401 quoting the key: message and error body show [hidden]', async () => {
		simulator.sim.faults.add(telnyxError(401, '10009', 'Authentication failed', `The API key ${TELNYX_TEST_KEY} is not valid`));
		const result = await runTelnyx(simulator, telnyxDial('+14155550206'));
		expect(result.errors.Telnyx.message).toBe('Telnyx error 10009 (HTTP 401): Authentication failed: The API key [hidden] is not valid');
		hidden(result, 'Telnyx');
	});

	it('Pamela 400 quoting the key and the webhook secret in its message and details', async () => {
		simulator.sim.faults.add({
			method: 'POST',
			path: CALLS_PATH,
			kind: 'status',
			response: pamelaError(400, 2999, `Key ${PAMELA_TEST_KEY} may not set webhook secret ${PAMELA_WEBHOOK_SECRET}`, { key: PAMELA_TEST_KEY }),
		});
		const result = await runPamela(simulator, pamelaPlace('+14155550207'));
		expect(result.errors.Pamela.message).toBe('Pamela error 2999 (HTTP 400): Key [hidden] may not set webhook secret [hidden]');
		hidden(result, 'Pamela');
	});

	it('Stepone success:false quoting the key (HTTP 200), and a stream refused with it', async () => {
		simulator.sim.faults.add({ method: 'POST', path: '/api/v1/callinfo/initiate_call', kind: 'status', response: { status: 200, body: { success: false, message: `key ${STEPONE_TEST_KEY} has no balance` } } });
		const placed = await runWorkflow({ nodes: [steponePlace('Call', { phones: '13800138000', requirement: REQUIREMENT })] }, { credentials: credentialsFor(simulator) });
		expect(placed.errors.Call.message).toContain('key [hidden] has no balance');
		hidden(placed, 'Call');
		simulator.sim.faults.add({ method: 'POST', path: '/api/v1/callinfo/stream_chat_history', kind: 'status', response: { status: 403, body: { success: false, message: `key ${STEPONE_TEST_KEY} may not read this call` } } });
		const streamed = await runWorkflow(
			{ nodes: [steponePlace('Call', { phones: '13800138000', requirement: REQUIREMENT }), streamConversation('Stream')], connections: chain('Call', 'Stream') },
			{ credentials: credentialsFor(simulator) },
		);
		expect(streamed.errors.Stream.message).toContain('key [hidden] may not read this call');
		hidden(streamed, 'Stream');
	});
});

describe('a request that fails with no HTTP answer and no known network code', () => {
	let tlsServer: https.Server;
	let tlsUrl: string;
	let notHttp: net.Server;
	let notHttpUrl: string;
	let tlsRequests = 0;

	beforeAll(async () => {
		// A self-signed certificate (test/fixtures/tls): n8n (Node) does not trust it.
		const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/tls', name));
		tlsServer = https.createServer({ key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }, (_req, res) => {
			tlsRequests++;
			res.end('{}');
		});
		await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
		tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
		// Answers every request with bytes that are not HTTP, after reading it.
		notHttp = net.createServer((socket) => socket.once('data', () => socket.end('this is not HTTP\r\n\r\n')));
		await new Promise<void>((resolve) => notHttp.listen(0, '127.0.0.1', resolve));
		notHttpUrl = `http://127.0.0.1:${(notHttp.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => tlsServer.close(resolve));
		await new Promise((resolve) => notHttp.close(resolve));
	});

	it('an untrusted TLS certificate on Telnyx Place Call: names Telnyx, the item and the fix, without the API key', async () => {
		const result = await runTelnyx(simulator, telnyxDial('+14155550210'), [{ json: {} }], {}, simulator.telnyx.credentials({ baseUrl: `${tlsUrl}/v2` }));
		const error = result.errors.Telnyx;
		expect(error.message).toMatch(/^The request to Telnyx failed before an answer came \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN): self[- ]signed certificate/);
		expect(error.description).toMatch(/^Item 0: Check the Telnyx credential's Base URL, the proxy settings \(HTTP_PROXY \/ HTTPS_PROXY\) and the server's TLS certificate/);
		// The TLS handshake failed, so nothing was sent and nothing is said to be uncertain.
		expect(error.description).not.toContain('It is not known');
		expect(tlsRequests).toBe(0);
		expectNoKey(result);
	});

	it('the error thrown through n8n\'s real request helper holds no request header (n8n\'s own error kept the key in cause.config.headers)', async () => {
		// n8n-core's own context (as the editor uses for pickers), so the request goes through its real helper to the TLS server.
		const telnyxNode = node({ name: 'Telnyx', type: 'n8n-nodes-ai-calls.telnyx', parameters: {}, credentials: { telnyxApi: { id: '1', name: 'Telnyx' } } });
		const credentials = { telnyxApi: simulator.telnyx.credentials({ baseUrl: `${tlsUrl}/v2` }) };
		const workflow = await buildWorkflow({ nodes: [telnyxNode] });
		const hooks = new ExecutionLifecycleHooks('manual', 'tls-check', { id: 'harness', name: 'harness', nodes: [telnyxNode], connections: {} } as never);
		const context = new LoadOptionsContext(workflow, telnyxNode, additionalDataFor(hooks, new HarnessCredentialsHelper(await loadPackage(), credentials)), 'parameters');
		const thrown = await apiRequest(context, telnyx, { method: 'GET', path: '/call_control_applications', itemIndex: 0 }).catch((error: unknown) => error);
		expect((thrown as Error).message).toMatch(/^The request to Telnyx failed before an answer came \(/);
		const reachable = allStrings(thrown).join('\n');
		expect(reachable).not.toContain(TELNYX_TEST_KEY);
		expect(reachable).not.toMatch(/authorization/i);
	});

	it('the same on a Pamela read, under Continue On Fail, per item', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					node({
						name: 'Pamela',
						type: 'n8n-nodes-ai-calls.pamela',
						parameters: { resource: 'call', operation: 'get', callId: '={{ $json.id }}' },
						credentials: { pamelaApi: { id: '1', name: 'Pamela' } },
						onError: 'continueRegularOutput',
					}),
				],
			},
			{ credentials: { pamelaApi: simulator.pamela.credentials({ baseUrl: tlsUrl }) }, input: [{ json: { id: 'call_1' } }, { json: { id: 'call_2' } }] },
		);
		const items = result.outputs.Pamela.map((item) => [item.json.error, item.json.description, item.pairedItem]);
		expect(items).toEqual([
			[expect.stringMatching(/^The request to Pamela failed before an answer came \(/), expect.stringMatching(/^Item 0: Check the Pamela credential's Base URL, /), { item: 0 }],
			[expect.stringMatching(/^The request to Pamela failed before an answer came \(/), expect.stringMatching(/^Item 1: Check the Pamela credential's Base URL, /), { item: 1 }],
		]);
		expectNoKey(result);
	});

	it('a reply that is not HTTP after Pamela Place Call was sent: the fix, and that the call may have been placed (no second send)', async () => {
		const result = await runPamela(simulator, pamelaPlace('+14155550211'), { credentials: { baseUrl: notHttpUrl } });
		const error = result.errors.Pamela;
		expect(error.message).toMatch(/^The request to Pamela failed before an answer came \(/);
		expect(error.description).toMatch(/^Item 0: Check the Pamela credential's Base URL/);
		expect(error.description).toContain('It is not known whether the request reached Pamela: Pamela may or may not have placed the call to +14155550211');
		expectNoKey(result);
	});
});
