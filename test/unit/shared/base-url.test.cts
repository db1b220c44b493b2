// One rule for the Base URL field of every credential, and each provider's transport using it.
import { BaseUrlError, credentialBaseUrl } from '../../../nodes/shared/baseUrl.ts';
import { pamela } from '../../../nodes/Pamela/transport.ts';
import { stepone } from '../../../nodes/SteponeAi/transport.ts';
import { telnyx } from '../../../nodes/Telnyx/transport.ts';

const rule = { credential: 'Telnyx', defaultUrl: 'https://api.telnyx.com/v2' };

describe('credentialBaseUrl', () => {
	it.each([
		['missing', undefined],
		['null', null],
		['empty', ''],
		['only spaces', '   '],
		['tabs and new lines', '\t\n'],
	])('falls back to the provider default when the field is %s', (_, value) => {
		expect(credentialBaseUrl(value, rule)).toBe('https://api.telnyx.com/v2');
	});

	it('trims the value and strips trailing slashes', () => {
		expect(credentialBaseUrl('  https://proxy.example.com/telnyx/v2///  ', rule)).toBe('https://proxy.example.com/telnyx/v2');
		expect(credentialBaseUrl('http://127.0.0.1:8080/', rule)).toBe('http://127.0.0.1:8080');
	});

	it('keeps a URL that is already clean as it is, whatever the case of the scheme', () => {
		expect(credentialBaseUrl('https://api.telnyx.com/v2', rule)).toBe('https://api.telnyx.com/v2');
		expect(credentialBaseUrl('HTTPS://API.example.com', rule)).toBe('HTTPS://API.example.com');
	});

	it('strips trailing slashes from the default too', () => {
		expect(credentialBaseUrl('', { credential: 'X', defaultUrl: 'https://x.example.com/' })).toBe('https://x.example.com');
	});

	it.each([
		['no scheme', 'api.telnyx.com/v2'],
		['another scheme', 'ftp://api.telnyx.com'],
		['a scheme without a host', 'https://'],
		['a space inside', 'https://api.telnyx .com'],
		['a relative path', '/v2'],
	])('refuses %s with a message naming the credential field and the fix', (_, value) => {
		let thrown: unknown;
		try {
			credentialBaseUrl(value, rule);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(BaseUrlError);
		const error = thrown as BaseUrlError;
		expect(error.message).toBe('The Base URL field of the Telnyx credential must start with https:// or http://');
		expect(error.description).toBe(
			'Open the Telnyx credential and write the Base URL in full, e.g. https://api.telnyx.com/v2, or clear the field to use that default.',
		);
	});

	it('never repeats the value in the error, since a URL can carry a user and password', () => {
		try {
			credentialBaseUrl('user:s3cret@proxy.example.com', rule);
			throw new Error('no error');
		} catch (error) {
			expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('s3cret');
		}
	});
});

describe('every provider uses the rule', () => {
	it.each([
		['Pamela', pamela.baseUrl, 'https://api.thisispamela.com/api/b2b/v1'],
		['Telnyx', telnyx.baseUrl, 'https://api.telnyx.com/v2'],
		['Stepone AI', stepone.baseUrl, 'https://open-skill-api.steponeai.com'],
	])('%s: an empty, blank or missing field gives the default host', (_, baseUrl, expected) => {
		expect(baseUrl({ baseUrl: '' })).toBe(expected);
		expect(baseUrl({ baseUrl: '  ' })).toBe(expected);
		expect(baseUrl({})).toBe(expected);
	});

	it.each([
		['Pamela', pamela.baseUrl, 'http://127.0.0.1:4010/api/b2b/v1'],
		['Telnyx', telnyx.baseUrl, 'http://127.0.0.1:4010'],
		['Stepone AI', stepone.baseUrl, 'http://127.0.0.1:4010'],
	])('%s: a padded value with trailing slashes is cleaned', (_, baseUrl, expected) => {
		expect(baseUrl({ baseUrl: ' http://127.0.0.1:4010// ' })).toBe(expected);
	});

	it.each([
		['Pamela', pamela.baseUrl],
		['Telnyx', telnyx.baseUrl],
		['Stepone AI', stepone.baseUrl],
	])('%s: a value without http(s):// is refused, naming the credential', (name, baseUrl) => {
		expect(() => baseUrl({ baseUrl: 'example.com' })).toThrow(`The Base URL field of the ${name} credential must start with https:// or http://`);
	});
});
