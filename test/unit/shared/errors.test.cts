import { NodeApiError, type INode } from 'n8n-workflow';
import {
	connectionApiError,
	describeBody,
	isConnectionError,
	providerApiError,
	requestFailedError,
	retryAfterFromHeaders,
	type HttpFailure,
	type ProviderErrorDetail,
	type ProviderErrorParser,
} from '../../../nodes/shared/errors.ts';

const node: INode = {
	id: 'node-1',
	name: 'Telnyx',
	type: 'n8n-nodes-ai-calls.telnyx',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const API_KEY = 'KEY0190A1B2C3D4E5F6_secret_do_not_leak';

/** Every string reachable from `value`, own properties included even when not enumerable. */
function allStrings(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [];
	seen.add(value);
	const out: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		out.push(...allStrings(child, seen));
	}
	return out;
}

function expectNoApiKey(error: NodeApiError): void {
	expect(JSON.stringify(error)).not.toContain(API_KEY);
	expect(error.message).not.toContain(API_KEY);
	expect(String(error.description ?? '')).not.toContain(API_KEY);
	expect(String(error.stack ?? '')).not.toContain(API_KEY);
	expect(error.messages.join('\n')).not.toContain(API_KEY);
	expect(allStrings(error).join('\n')).not.toContain(API_KEY);
}

/** A failed request as an HTTP client hands it over, with the request's Authorization header on it. */
function failureWithKey(status: number, body: unknown, extraHeaders: Record<string, unknown> = {}): HttpFailure & { request: unknown } {
	return {
		status,
		body,
		headers: { Authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY, 'content-type': 'application/json', ...extraHeaders },
		request: { headers: { Authorization: `Bearer ${API_KEY}` }, url: 'https://api.telnyx.com/v2/calls' },
	};
}

const telnyxParser: ProviderErrorParser = (failure) => {
	const body = failure.body as { errors?: Array<{ code?: string; title?: string; detail?: string }> } | undefined;
	const first = typeof body === 'object' && body !== null ? body.errors?.[0] : undefined;
	return {
		code: first?.code,
		message: first?.detail ?? first?.title ?? 'Unknown error',
		retryAfterSeconds: retryAfterFromHeaders(failure.headers),
	};
};

describe('retryAfterFromHeaders', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each([
		[{ 'retry-after': '30' }, 30],
		[{ 'retry-after': '0' }, 0],
		[{ 'retry-after': '2.5' }, 3],
		[{ 'retry-after': 7 }, 7],
		[{ 'retry-after': '-5' }, 0],
		[{ 'retry-after': ['12', '99'] }, 12],
	])('reads seconds from %j', (headers, seconds) => {
		expect(retryAfterFromHeaders(headers)).toBe(seconds);
	});

	it('reads an HTTP date as seconds from now', () => {
		const now = Date.parse('2026-03-01T12:00:00Z');
		jest.spyOn(Date, 'now').mockReturnValue(now);
		expect(retryAfterFromHeaders({ 'retry-after': new Date(now + 90_000).toUTCString() })).toBe(90);
		expect(retryAfterFromHeaders({ 'retry-after': 'Sun, 01 Mar 2026 12:02:00 GMT' })).toBe(120);
	});

	it('gives 0 for an HTTP date in the past', () => {
		jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-03-01T12:00:00Z'));
		expect(retryAfterFromHeaders({ 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' })).toBe(0);
	});

	it.each([
		[{ 'retry-after-ms': '1500' }, 2],
		[{ 'retry-after-ms': '1000' }, 1],
		[{ 'retry-after-ms': '1' }, 1],
		[{ 'retry-after-ms': 250, 'retry-after': '30' }, 1],
	])('reads milliseconds from %j (rounded up, before retry-after)', (headers, seconds) => {
		expect(retryAfterFromHeaders(headers)).toBe(seconds);
	});

	it.each([
		[{ 'x-ratelimit-reset': '12' }, 12],
		[{ 'x-ratelimit-reset': '0.2' }, 1],
		[{ 'x-ratelimit-reset': '12', 'retry-after': '3' }, 3],
		[{ 'retry-after': '', 'x-ratelimit-reset': '4' }, 4],
		[{ 'retry-after': 'soon', 'x-ratelimit-reset': '4' }, 4],
	])('reads x-ratelimit-reset seconds from %j when retry-after gives nothing better', (headers, seconds) => {
		expect(retryAfterFromHeaders(headers)).toBe(seconds);
	});

	it('reads header names in any case, as HTTP allows', () => {
		expect(retryAfterFromHeaders({ 'Retry-After': '30' })).toBe(30);
		expect(retryAfterFromHeaders({ 'Retry-After-Ms': '2000' })).toBe(2);
		expect(retryAfterFromHeaders({ 'X-RateLimit-Reset': '9' })).toBe(9);
	});

	it.each([
		['no headers', {}],
		['unrelated headers', { 'content-type': 'application/json', 'x-ratelimit-remaining': '0' }],
		['an unparseable retry-after', { 'retry-after': 'soon' }],
		['an empty retry-after', { 'retry-after': '' }],
		['zero or negative ms and reset', { 'retry-after-ms': '0', 'x-ratelimit-reset': '-1' }],
		['undefined values', { 'retry-after': undefined, 'retry-after-ms': undefined }],
	])('gives undefined for %s', (_label, headers) => {
		expect(retryAfterFromHeaders(headers as Record<string, unknown>)).toBeUndefined();
	});
});

describe('describeBody', () => {
	it.each([undefined, null, ''])('gives an empty string for %j', (body) => {
		expect(describeBody(body)).toBe('');
	});

	it('keeps a string as is', () => {
		expect(describeBody('Bad Gateway')).toBe('Bad Gateway');
	});

	it('writes anything else as JSON', () => {
		expect(describeBody({ error: { code: 10010 } })).toBe('{"error":{"code":10010}}');
		expect(describeBody(42)).toBe('42');
		expect(describeBody([1, 'a'])).toBe('[1,"a"]');
	});

	it('cuts text longer than 300 characters and marks the cut', () => {
		const long = 'x'.repeat(301);
		expect(describeBody(long)).toBe(`${'x'.repeat(300)}…`);
		expect(describeBody('y'.repeat(300))).toBe('y'.repeat(300));
		expect(describeBody({ text: 'z'.repeat(400) })).toHaveLength(301);
	});
});

describe('providerApiError', () => {
	const telnyxBody = { errors: [{ code: '10010', title: 'Invalid value', detail: 'The to number is not a valid E.164 number' }] };

	it('builds a NodeApiError whose message names provider, code, HTTP status and provider message', () => {
		const error = providerApiError(node, 'Telnyx', failureWithKey(422, telnyxBody), telnyxParser, 3);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Telnyx error 10010 (HTTP 422): The to number is not a valid E.164 number');
		expect(error.httpCode).toBe('422');
		expect(error.node).toBe(node);
	});

	it('puts the item, the hint and the wait in the description', () => {
		const parse: ProviderErrorParser = () => ({
			code: '90103',
			message: 'Dial rate limit exceeded',
			hint: 'Slow down: at most 30 dials per second.',
			retryAfterSeconds: 12,
		});
		const error = providerApiError(node, 'Telnyx', failureWithKey(429, {}), parse, 4);
		expect(error.message).toBe('Telnyx error 90103 (HTTP 429): Dial rate limit exceeded');
		expect(error.description).toBe('Item 4: Slow down: at most 30 dials per second. Wait 12 s before trying again.');
		expect(error.context.itemIndex).toBe(4);
	});

	it('says "Item 0:" for the first item', () => {
		const error = providerApiError(node, 'Pamela', failureWithKey(401, {}), () => ({ message: 'Invalid API key' }), 0);
		expect(error.description).toMatch(/^Item 0: /);
		expect(error.context.itemIndex).toBe(0);
	});

	it('leaves the item out when no index is given', () => {
		const error = providerApiError(node, 'Pamela', failureWithKey(401, {}), () => ({ message: 'Invalid API key' }));
		expect(error.description).toBe('Check the API key in the credential.');
		expect(error.context.itemIndex).toBeUndefined();
	});

	it('takes the wait from the response headers through the parser', () => {
		const error = providerApiError(node, 'Telnyx', failureWithKey(429, telnyxBody, { 'retry-after': '17' }), telnyxParser, 1);
		expect(error.description).toContain('Wait 17 s before trying again.');
	});

	it.each([
		[401, 'Check the API key in the credential.'],
		[403, 'not allowed to do this'],
		[404, 'Check the ID'],
		[429, 'Too many requests'],
		[500, 'The provider had a problem on its side'],
		[503, 'The provider had a problem on its side'],
	])('gives a generic hint for HTTP %i when the parser has none', (status, hint) => {
		const error = providerApiError(node, 'Stepone AI', failureWithKey(status, { message: 'x' }), () => ({ message: 'x' }), 2);
		expect(error.description).toContain(hint);
		expect(error.description).toMatch(/^Item 2: /);
	});

	it.each([
		[400, "Item 2: Stepone AI refused a value: check the fields named in Stepone AI's message and correct them, then run again: x"],
		[422, "Item 2: Stepone AI refused a value: check the fields named in Stepone AI's message and correct them, then run again: x"],
		[409, 'Item 2: The request conflicts with the current state of the call or resource (e.g. it has already ended or changed): check its state with a Get operation, then run again only if it still applies: x'],
		[408, 'Item 2: Stepone AI timed out waiting for the request: try again in a moment.'],
		[402, "Item 2: Stepone AI wants payment for this: check the account's balance or plan: x"],
		[410, "Item 2: Stepone AI refused the request: check the item's fields and the credential's Base URL (it must point at Stepone AI's API), then run again: x"],
		[200, 'Item 2: Stepone AI reported a failure: check the fields or IDs its message names, then run again: x'],
	])('gives every other status a fix too, quoting the provider (HTTP %i)', (status, description) => {
		const error = providerApiError(node, 'Stepone AI', failureWithKey(status, { message: 'x' }), () => ({ message: 'x' }), 2);
		expect(error.description).toBe(description);
	});

	it('quotes a long provider message on one line, cut at 200 characters', () => {
		const message = `first line\n${'y'.repeat(300)}`;
		const error = providerApiError(node, 'Telnyx', failureWithKey(422, {}), () => ({ message }), 0);
		expect(error.description).toBe(`Item 0: Telnyx refused a value: check the fields named in Telnyx's message and correct them, then run again: first line ${'y'.repeat(189)}…`);
	});

	it("prefers the parser's hint to the generic one", () => {
		const parse = (): ProviderErrorDetail => ({ message: 'Key expired', code: '1003', hint: 'Create a new key in the Pamela portal.' });
		const error = providerApiError(node, 'Pamela', failureWithKey(401, {}), parse, 0);
		expect(error.description).toBe('Item 0: Create a new key in the Pamela portal.');
	});

	it('writes no code and no double space when the provider sent no code', () => {
		const error = providerApiError(node, 'Pamela', failureWithKey(400, 'plain text'), () => ({ message: 'Bad request' }));
		expect(error.message).toBe('Pamela error (HTTP 400): Bad request');
	});

	it('keeps its own message when the provider message names a Node error code', () => {
		const parse = (): ProviderErrorDetail => ({ message: 'upstream connect error: ECONNREFUSED 10.0.0.5:443' });
		const error = providerApiError(node, 'Telnyx', failureWithKey(502, 'Bad gateway'), parse, 0);
		expect(error.message).toBe('Telnyx error (HTTP 502): upstream connect error: ECONNREFUSED 10.0.0.5:443');
		expect(error.httpCode).toBe('502');
	});

	it('passes the whole failure to the parser', () => {
		const parse = jest.fn((): ProviderErrorDetail => ({ message: 'm' }));
		const failure = failureWithKey(418, { a: 1 });
		providerApiError(node, 'Pamela', failure, parse);
		expect(parse).toHaveBeenCalledWith(failure);
	});

	it('keeps an object body and wraps a text body, cut to 300 characters', () => {
		const objectError = providerApiError(node, 'Telnyx', failureWithKey(422, telnyxBody), telnyxParser);
		expect(objectError.errorResponse).toEqual(telnyxBody);
		const textError = providerApiError(node, 'Telnyx', failureWithKey(502, 'g'.repeat(500)), () => ({ message: 'Bad gateway' }));
		expect(textError.errorResponse).toEqual({ body: `${'g'.repeat(300)}…` });
	});

	describe('never leaks the API key', () => {
		it.each([
			['an object body', 401, { errors: [{ code: '10009', detail: 'Authentication failed' }] }],
			['a text body', 500, 'Internal error'],
			['no body', 503, undefined],
			['a rate limit', 429, { errors: [{ code: '10011', detail: 'Too many requests' }] }],
		])('with %s', (_label, status, body) => {
			const failure = failureWithKey(status, body, { 'retry-after': '5' });
			const error = providerApiError(node, 'Telnyx', failure, telnyxParser, 1);
			expect(error.message).toContain(`HTTP ${status}`);
			expectNoApiKey(error);
		});

		it('with an empty description, where n8n fills it from the body', () => {
			const error = providerApiError(node, 'Pamela', failureWithKey(400, { detail: { error_code: 2001, message: 'Validation error' } }), () => ({
				code: '2001',
				message: 'Validation error',
			}));
			expectNoApiKey(error);
		});

		it('(control: the check finds the key when a NodeApiError is built from the whole failure)', () => {
			const leaky = new NodeApiError(node, failureWithKey(401, {}) as never, { message: 'leaky', httpCode: '401' });
			expect(JSON.stringify(leaky)).not.toContain(API_KEY);
			expect(allStrings(leaky).join('\n')).toContain(API_KEY);
		});
	});
});

describe('isConnectionError', () => {
	it.each(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE'])(
		'is true for an error with code %s',
		(code) => {
			expect(isConnectionError(Object.assign(new Error('request failed'), { code }))).toBe(true);
		},
	);

	it('is true when the code is on the cause (fetch / undici)', () => {
		const error = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
		expect(isConnectionError(error)).toBe(true);
	});

	it('is true for a cause with ECONNRESET on a plain object', () => {
		expect(isConnectionError({ cause: { code: 'ECONNRESET' } })).toBe(true);
	});

	it.each(['socket hang up', 'Socket hang up', 'Network Error', 'timeout of 60000ms exceeded'])('is true for the message %j', (message) => {
		expect(isConnectionError(new Error(message))).toBe(true);
	});

	it.each([
		['a plain Error("boom")', new Error('boom')],
		['an HTTP error code', Object.assign(new Error('Request failed with status code 422'), { code: 'ERR_BAD_REQUEST' })],
		['a cause with another code', new Error('failed', { cause: { code: 'EACCES' } })],
		['null', null],
		['undefined', undefined],
		['a string', 'ECONNRESET'],
		['an empty object', {}],
	])('is false for %s', (_label, error) => {
		expect(isConnectionError(error)).toBe(false);
	});
});

describe('connectionApiError', () => {
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'UND_ERR_SOCKET'])('names the provider and the code %s', (code) => {
		const error = connectionApiError(node, 'Telnyx', Object.assign(new Error('x'), { code }), { itemIndex: 2 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`The connection to Telnyx was lost before it answered (${code})`);
	});

	it('reads the code from the cause', () => {
		const error = connectionApiError(node, 'Pamela', new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } }), {});
		expect(error.message).toBe('The connection to Pamela was lost before it answered (UND_ERR_SOCKET)');
	});

	it('says "no answer" when there is no code', () => {
		const error = connectionApiError(node, 'Stepone AI', new Error('boom'), {});
		expect(error.message).toBe('The connection to Stepone AI was lost before it answered (no answer)');
	});

	it('warns that the request may have taken effect, with the item', () => {
		const error = connectionApiError(node, 'Telnyx', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), {
			itemIndex: 5,
			mayHaveTakenEffect: 'The call may already have been placed: check the call list before running again.',
		});
		expect(error.description).toBe('Item 5: The call may already have been placed: check the call list before running again.');
		expect(error.context.itemIndex).toBe(5);
		expect(error.message).not.toMatch(/retry the request immediately/);
	});

	it('otherwise points at the base URL and the network', () => {
		const error = connectionApiError(node, 'Telnyx', Object.assign(new Error('x'), { code: 'ENOTFOUND' }), {});
		expect(error.description).toBe("Check the credential's base URL and your network, then run again.");
		expect(error.context.itemIndex).toBeUndefined();
	});

	it('keeps nothing of the failed request, so no API key', () => {
		const cause = Object.assign(new Error('socket hang up'), {
			code: 'ECONNRESET',
			config: { headers: { Authorization: `Bearer ${API_KEY}` } },
			request: { _header: `POST /v2/calls HTTP/1.1\r\nAuthorization: Bearer ${API_KEY}\r\n` },
		});
		const error = connectionApiError(node, 'Telnyx', cause, { itemIndex: 0 });
		expectNoApiKey(error);
	});
});

describe('requestFailedError', () => {
	/** What n8n's helper throws for a TLS failure: its own NodeApiError around the client's error, which holds the request. */
	const n8nError = () =>
		new NodeApiError(
			node,
			Object.assign(new Error('self-signed certificate'), {
				code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
				config: { headers: { Authorization: `Bearer ${API_KEY}` } },
			}) as never,
		);

	it('names the provider, the code and the reason; the item and the fix', () => {
		const error = requestFailedError(node, 'Telnyx', n8nError(), { itemIndex: 3 });
		expect(error.message).toBe('The request to Telnyx failed before an answer came (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate)');
		expect(error.description).toMatch(/^Item 3: Check the Telnyx credential's Base URL, the proxy settings .* TLS certificate/);
		expect(error.context.itemIndex).toBe(3);
	});

	it('keeps nothing of the error it replaces, so no API key', () => {
		expectNoApiKey(requestFailedError(node, 'Telnyx', n8nError(), { itemIndex: 0 }));
	});

	it('adds what may have happened only when the failure could come after sending', () => {
		const hint = 'The call may have been placed.';
		expect(requestFailedError(node, 'Telnyx', n8nError(), { mayHaveTakenEffect: hint }).description).not.toContain(hint);
		const parse = Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' });
		expect(requestFailedError(node, 'Telnyx', parse, { mayHaveTakenEffect: hint }).description).toContain(
			'It is not known whether the request reached Telnyx: The call may have been placed.',
		);
	});

	it('hides the user and password of a proxy URL in the reason', () => {
		const proxy = Object.assign(new Error('tunneling socket could not be established via http://bob:s3cret@proxy.local:3128'), { code: 'ERR_PROXY' });
		expect(requestFailedError(node, 'Telnyx', proxy, {}).message).toBe(
			'The request to Telnyx failed before an answer came (ERR_PROXY: tunneling socket could not be established via http://…@proxy.local:3128)',
		);
	});

	it('says so when the error has neither code nor message', () => {
		expect(requestFailedError(node, 'Pamela', {}, {}).message).toBe('The request to Pamela failed before an answer came (no reason given)');
	});
});
