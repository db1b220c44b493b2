// Hiding a credential's secrets in what a provider sent back (its error body may quote them).
import { HIDDEN, hideSecrets, secretsOf } from '../../../nodes/shared/secrets.ts';

describe('secretsOf', () => {
	it('takes the API key and the webhook secret, nothing else of the credential', () => {
		expect(secretsOf({ apiKey: ' KEY0123456789 ', webhookSecret: 'whsec_abcdefgh', baseUrl: 'https://api.example.com', publicKey: 'pub0123456789' })).toEqual([
			'KEY0123456789',
			'whsec_abcdefgh',
		]);
	});

	it('leaves out values too short to be keys and missing credentials', () => {
		expect(secretsOf({ apiKey: 'abc', webhookSecret: '' })).toEqual([]);
		expect(secretsOf(undefined)).toEqual([]);
	});
});

describe('hideSecrets', () => {
	const secrets = ['KEY0123456789', 'whsec_abcdefgh'];

	it('replaces every occurrence at any depth, keys of objects kept', () => {
		const body = { detail: { message: 'Key KEY0123456789 is revoked (KEY0123456789)', details: [{ echo: 'whsec_abcdefgh' }, 7, null] } };
		expect(hideSecrets(body, secrets)).toEqual({ detail: { message: `Key ${HIDDEN} is revoked (${HIDDEN})`, details: [{ echo: HIDDEN }, 7, null] } });
	});

	it('hides inside plain text bodies and leaves the input unchanged', () => {
		const body = { errors: [{ detail: 'Bearer KEY0123456789' }] };
		const copy = JSON.parse(JSON.stringify(body));
		expect(hideSecrets('Authorization: Bearer KEY0123456789', secrets)).toBe(`Authorization: Bearer ${HIDDEN}`);
		hideSecrets(body, secrets);
		expect(body).toEqual(copy);
	});

	it('returns the value itself when there is nothing to hide', () => {
		const body = { message: 'no key here' };
		expect(hideSecrets(body, [])).toBe(body);
		expect(hideSecrets(undefined, secrets)).toBeUndefined();
	});
});
