// A credential whose Base URL field was cleared must reach the provider's default host, not a
// relative URL, in the nodes and in the credential test alike. There is no internet here, so
// requests to a default host go through n8n's own HTTPS_PROXY support to a proxy on loopback
// that records the CONNECT target and refuses it: nothing leaves the machine, no name is looked up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { testCredential } from '../harness/credential-test.cts';
import { runWorkflow } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { STEPONE_TEST_KEY } from '../simulator/providers/stepone/index.cts';
import { stepone } from '../stepone/helpers.cts';

let proxy: Server;
let simulator: RunningSimulator;
const tunnels: string[] = [];
const plainRequests: string[] = [];
const savedEnv = { HTTPS_PROXY: process.env.HTTPS_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	proxy = createServer((req, res) => {
		plainRequests.push(String(req.url));
		res.writeHead(403).end();
	});
	proxy.on('connect', (req, socket) => {
		tunnels.push(String(req.url));
		socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	process.env.HTTPS_PROXY = proxyUrl;
	process.env.HTTP_PROXY = proxyUrl;
	// The simulator stays direct; every other host would go to the proxy.
	process.env.NO_PROXY = '127.0.0.1';
});

afterAll(async () => {
	for (const [name, value] of Object.entries(savedEnv)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	proxy.closeAllConnections();
	await new Promise<void>((resolve) => proxy.close(() => resolve()));
	await simulator.stop();
});

describe('Stepone AI node', () => {
	it('an empty Base URL field sends the request to https://open-skill-api.steponeai.com', async () => {
		const before = tunnels.length;
		const result = await runWorkflow(
			{ nodes: [stepone('Balance', { resource: 'account', operation: 'getBalance' })] },
			{ credentials: { steponeAiApi: { apiKey: STEPONE_TEST_KEY, baseUrl: '', skillVersion: '1.0.0' } } },
		);
		expect(tunnels.slice(before)).toEqual(['open-skill-api.steponeai.com:443']);
		expect(plainRequests).toEqual([]);
		// The loopback proxy refused the tunnel, so the node fails, without the key in its message.
		expect(result.errors.Balance).toBeDefined();
		expect(JSON.stringify(result.errors.Balance)).not.toContain(STEPONE_TEST_KEY);
	});

	it('a Base URL without https:// is refused before any request, naming the credential field and the fix', async () => {
		const before = tunnels.length;
		const result = await runWorkflow(
			{ nodes: [stepone('Balance', { resource: 'account', operation: 'getBalance' })] },
			{ credentials: { steponeAiApi: { apiKey: STEPONE_TEST_KEY, baseUrl: 'open-skill-api.steponeai.com', skillVersion: '1.0.0' } } },
		);
		expect(result.errors.Balance?.message).toBe('The Base URL field of the Stepone AI credential must start with https:// or http://');
		expect(result.errors.Balance.description).toBe(
			'Open the Stepone AI credential and write the Base URL in full, e.g. https://open-skill-api.steponeai.com, or clear the field to use that default.',
		);
		expect(tunnels).toHaveLength(before);
		expect(plainRequests).toEqual([]);
	});
});

describe('credential tests use the same rule', () => {
	const cases = [
		{ type: 'pamelaApi', credentials: () => simulator.pamela.credentials(), host: 'api.thisispamela.com:443' },
		{ type: 'telnyxApi', credentials: () => simulator.telnyx.credentials(), host: 'api.telnyx.com:443' },
		{ type: 'steponeAiApi', credentials: () => simulator.stepone.credentials(), host: 'open-skill-api.steponeai.com:443' },
	];

	it.each(cases)('$type: an empty Base URL field tests the default host', async ({ type, credentials, host }) => {
		const before = tunnels.length;
		const result = await testCredential(type, { ...credentials(), baseUrl: '' });
		expect(result.status).toBe('Error');
		expect(tunnels.slice(before)).toEqual([host]);
	});

	it.each(cases)('$type: a Base URL with spaces and trailing slashes around it still passes', async ({ type, credentials }) => {
		const base = credentials();
		await expect(testCredential(type, { ...base, baseUrl: `  ${base.baseUrl}//  ` })).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});
