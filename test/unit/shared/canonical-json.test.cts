// The sorted-compact fallback of Pamela's signature check may only accept bytes that mean what
// was signed: these bodies parse to values whose canonical form equals a signed body's, yet
// say something else (or different parsers read them differently).
import { canonicalFallbackRefusal } from '../../../nodes/shared/canonicalJson.ts';
import { hmacSha256Hex, sortedCompactJson } from '../../../nodes/shared/signatures.ts';

describe('canonicalFallbackRefusal', () => {
	it.each([
		['pretty, unsorted JSON', '{\n  "b": 1,\n  "a": [true, null, "x"]\n}'],
		['non-ASCII text', '{"text":"Café crème"}'],
		['escaped text', '{"text":"Caf\\u00e9 \\"quoted\\""}'],
		['decimals and exponents', '{"a":1.5,"b":2e3,"c":-0.25,"d":1E-7}'],
		['a body already canonical', '{"a":{"b":[1,2,{"c":"d"}]}}'],
		['an empty object and array', '{"a":{},"b":[]}'],
	])('allows %s', (_, body) => {
		expect(canonicalFallbackRefusal(body)).toBeUndefined();
	});

	it.each([
		['-1e999 (becomes -Infinity, serialised as null)', '{"summary":-1e999}', /not finite/],
		['1e999', '{"a":[1e999]}', /not finite/],
		['a duplicate key', '{"status":"failed","status":"completed"}', /appears twice/],
		['a duplicate key in a nested object', '{"a":{"x":1,"y":2,"x":3}}', /appears twice/],
		['a whole number past 2^53', '{"id":12345678901234567891}', /held exactly/],
		['a number that underflows to 0', '{"a":1e-999}', /becomes 0/],
		['text that is not JSON', '{"a":', /not JSON/],
	])('refuses %s', (_, body, reason) => {
		expect(canonicalFallbackRefusal(body)).toMatch(reason);
	});

	it('closes the measured forgery: a body signed with "summary":null sent as "summary":-1e999', () => {
		const signed = '{"call_id":"c1","event":"call.completed","summary":null}';
		const forged = '{"call_id":"c1","event":"call.completed","summary":-1e999}';
		// Without the guard the forged body's canonical form is the signed body, byte for byte.
		expect(sortedCompactJson(JSON.parse(forged))).toBe(signed);
		expect(hmacSha256Hex('s', sortedCompactJson(JSON.parse(forged)))).toBe(hmacSha256Hex('s', signed));
		expect(canonicalFallbackRefusal(forged)).toBeDefined();
	});
});
