import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nacl from 'tweetnacl';
import {
	hmacSha256Hex,
	parseEd25519PublicKey,
	sortedCompactJson,
	verifyEd25519Webhook,
	verifyHmacSha256Hex,
	type SignatureResult,
} from '../../../nodes/shared/signatures.ts';

const SECRET = 'whsec_test_secret_9f8e7d';

function reasonOf(result: SignatureResult): string {
	if (result.valid) throw new Error('expected the check to fail, but it passed');
	return result.reason;
}

describe('hmacSha256Hex', () => {
	it('matches RFC 4231 test case 2', () => {
		expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		);
	});

	it('gives the same digest for a string and its UTF-8 bytes', () => {
		const body = '{"text":"你好"}';
		expect(hmacSha256Hex(SECRET, Buffer.from(body, 'utf8'))).toBe(hmacSha256Hex(SECRET, body));
	});

	it('is lowercase hex of 64 characters and depends on the secret', () => {
		const digest = hmacSha256Hex(SECRET, 'body');
		expect(digest).toMatch(/^[0-9a-f]{64}$/);
		expect(hmacSha256Hex(`${SECRET}x`, 'body')).not.toBe(digest);
	});
});

describe('verifyHmacSha256Hex', () => {
	const body = '{"event":"call.completed","call_id":"c_123","status":"completed"}';
	const signature = createHmac('sha256', SECRET).update(body).digest('hex');

	it('accepts a valid signature over the raw body', () => {
		expect(verifyHmacSha256Hex(SECRET, signature, body)).toEqual({ valid: true });
	});

	it('accepts a Buffer body', () => {
		expect(verifyHmacSha256Hex(SECRET, signature, Buffer.from(body))).toEqual({ valid: true });
	});

	it('refuses a tampered body', () => {
		const tampered = body.replace('completed"}', 'failed"}');
		expect(reasonOf(verifyHmacSha256Hex(SECRET, signature, tampered))).toBe('the signature does not match the body');
	});

	it('refuses a body with one extra trailing byte', () => {
		expect(verifyHmacSha256Hex(SECRET, signature, `${body}\n`).valid).toBe(false);
	});

	it('refuses a signature made with another secret', () => {
		const other = createHmac('sha256', 'whsec_other').update(body).digest('hex');
		expect(reasonOf(verifyHmacSha256Hex(SECRET, other, body))).toBe('the signature does not match the body');
	});

	it.each([undefined, ''])('refuses a missing signature header (%j)', (missing) => {
		expect(reasonOf(verifyHmacSha256Hex(SECRET, missing, body))).toBe('the signature header is missing');
	});

	it('refuses when no secret is configured', () => {
		expect(reasonOf(verifyHmacSha256Hex('', signature, body))).toBe('no webhook secret is configured');
	});

	it.each([
		['non-hex characters', 'z'.repeat(64)],
		['63 hex characters', signature.slice(0, 63)],
		['65 hex characters', `${signature}0`],
		['base64 instead of hex', createHmac('sha256', SECRET).update(body).digest('base64')],
		['a hex string with a space inside', `${signature.slice(0, 32)} ${signature.slice(32)}`],
	])('refuses %s', (_label, bad) => {
		expect(reasonOf(verifyHmacSha256Hex(SECRET, bad, body))).toBe('the signature is not a 64-character hex string');
	});

	it('accepts uppercase hex', () => {
		expect(verifyHmacSha256Hex(SECRET, signature.toUpperCase(), body)).toEqual({ valid: true });
	});

	it.each(['sha256=', 'SHA256=', 'Sha256='])('accepts the %s prefix', (prefix) => {
		expect(verifyHmacSha256Hex(SECRET, `${prefix}${signature}`, body)).toEqual({ valid: true });
	});

	it('still refuses a wrong signature behind the sha256= prefix', () => {
		const other = createHmac('sha256', 'whsec_other').update(body).digest('hex');
		expect(verifyHmacSha256Hex(SECRET, `sha256=${other}`, body).valid).toBe(false);
	});

	it('trims white space around the header value', () => {
		expect(verifyHmacSha256Hex(SECRET, `  ${signature}\n`, body)).toEqual({ valid: true });
	});

	it('never puts the secret or the expected signature in the reason', () => {
		const wrong = 'a'.repeat(64);
		const reason = reasonOf(verifyHmacSha256Hex(SECRET, wrong, body));
		expect(reason).not.toContain(SECRET);
		expect(reason).not.toContain(signature);
	});

	describe('alternatives (other serialisations of the same body)', () => {
		// What arrives on the wire: pretty-printed, unsorted, with raw Chinese text.
		const rawBody = '{\n  "status": "completed",\n  "event": "call.completed",\n  "call_id": "c_1",\n  "summary": "你好"\n}';
		// What the Python SDK signs when handed the parsed dict.
		const pythonForm = sortedCompactJson(JSON.parse(rawBody), true);
		const pythonSignature = hmacSha256Hex(SECRET, pythonForm);

		it('the sorted compact form is what Python json.dumps(sort_keys=True, separators) produces', () => {
			expect(pythonForm).toBe('{"call_id":"c_1","event":"call.completed","status":"completed","summary":"\\u4f60\\u597d"}');
		});

		it('refuses a signature over another serialisation when no alternative is given', () => {
			expect(verifyHmacSha256Hex(SECRET, pythonSignature, rawBody).valid).toBe(false);
		});

		it('accepts a signature over the sorted compact JSON form given as an alternative', () => {
			const alternatives = [sortedCompactJson(JSON.parse(rawBody)), sortedCompactJson(JSON.parse(rawBody), true)];
			expect(verifyHmacSha256Hex(SECRET, pythonSignature, rawBody, alternatives)).toEqual({ valid: true });
		});

		it('accepts an alternative given as a Buffer', () => {
			expect(verifyHmacSha256Hex(SECRET, pythonSignature, rawBody, [Buffer.from(pythonForm)])).toEqual({ valid: true });
		});

		it('still accepts the raw body first when alternatives are given', () => {
			const rawSignature = hmacSha256Hex(SECRET, rawBody);
			expect(verifyHmacSha256Hex(SECRET, rawSignature, rawBody, [pythonForm])).toEqual({ valid: true });
		});

		it('does not let alternatives make a wrong secret pass', () => {
			const wrong = hmacSha256Hex('whsec_other', pythonForm);
			expect(reasonOf(verifyHmacSha256Hex(SECRET, wrong, rawBody, [pythonForm]))).toBe(
				'the signature does not match the body',
			);
		});
	});
});

describe('sortedCompactJson', () => {
	it('sorts keys at every level, keeps array order and leaves out spaces', () => {
		const value = { b: 1, a: { d: [3, 1, 2], c: { z: true, y: null } }, list: [{ k: 2, j: 1 }, 'x'] };
		expect(sortedCompactJson(value)).toBe('{"a":{"c":{"y":null,"z":true},"d":[3,1,2]},"b":1,"list":[{"j":1,"k":2},"x"]}');
	});

	it('sorts keys as strings, not numbers ("10" before "9")', () => {
		expect(sortedCompactJson({ 9: 'nine', 10: 'ten', a: 1 })).toBe('{"10":"ten","9":"nine","a":1}');
	});

	it('sorts uppercase before lowercase, as Python does', () => {
		expect(sortedCompactJson({ b: 1, B: 2, a: 3, A: 4 })).toBe('{"A":4,"B":2,"a":3,"b":1}');
	});

	it('leaves out undefined properties and writes undefined array entries as null', () => {
		expect(sortedCompactJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
	});

	it.each([
		['a string', 'hi', '"hi"'],
		['a number', -1.5, '-1.5'],
		['null', null, 'null'],
		['true', true, 'true'],
		['an empty object', {}, '{}'],
		['an empty array', [], '[]'],
	])('serialises %s at the top level', (_label, value, expected) => {
		expect(sortedCompactJson(value)).toBe(expected);
	});

	it('keeps Chinese text as is by default', () => {
		expect(sortedCompactJson({ text: '你好' })).toBe('{"text":"你好"}');
	});

	it('escapes Chinese text as \\uXXXX with asciiOnly, as Python json.dumps does', () => {
		expect(sortedCompactJson({ text: '你好' }, true)).toBe('{"text":"\\u4f60\\u597d"}');
	});

	it('escapes an emoji as a surrogate pair and accented letters with asciiOnly', () => {
		expect(sortedCompactJson(['😀', 'é'], true)).toBe('["\\ud83d\\ude00","\\u00e9"]');
	});

	it('escapes non-ASCII keys too with asciiOnly', () => {
		expect(sortedCompactJson({ 名字: 1 }, true)).toBe('{"\\u540d\\u5b57":1}');
	});

	it('leaves ASCII text untouched with asciiOnly', () => {
		expect(sortedCompactJson({ a: 'plain text ~' }, true)).toBe('{"a":"plain text ~"}');
	});

	describe('equals Python json.dumps(x, sort_keys=True, separators=(",", ":"))', () => {
		// Produced with python3 from the same value (see the strings below).
		const sample = {
			z: 1,
			a: { c: [3, { b: 2, a: 1 }], b: '你好' },
			m: null,
			t: true,
			f: false,
			s: 'quote" back\\ nl\n tab\t ctl\u0001 del\u007f',
			n: -1.5,
			e: '😀 é',
			B: [],
			A: {},
			10: 'ten',
			9: 'nine',
		};

		it('with the default ensure_ascii=True (asciiOnly)', () => {
			const python = String.raw`{"10":"ten","9":"nine","A":{},"B":[],"a":{"b":"\u4f60\u597d","c":[3,{"a":1,"b":2}]},"e":"\ud83d\ude00 \u00e9","f":false,"m":null,"n":-1.5,"s":"quote\" back\\ nl\n tab\t ctl\u0001 del\u007f","t":true,"z":1}`;
			expect(sortedCompactJson(sample, true)).toBe(python);
		});

		it('with ensure_ascii=False (default)', () => {
			const python =
				'{"10":"ten","9":"nine","A":{},"B":[],"a":{"b":"你好","c":[3,{"a":1,"b":2}]},"e":"😀 é","f":false,"m":null,"n":-1.5,' +
				'"s":"quote\\" back\\\\ nl\\n tab\\t ctl\\u0001 del\x7f","t":true,"z":1}';
			expect(sortedCompactJson(sample)).toBe(python);
		});

		it('for a Pamela webhook payload', () => {
			const payload = { event: 'call.completed', call_id: 'c_1', transcript: [{ speaker: 'agent', text: '你好' }] };
			expect(sortedCompactJson(payload, true)).toBe(
				String.raw`{"call_id":"c_1","event":"call.completed","transcript":[{"speaker":"agent","text":"\u4f60\u597d"}]}`,
			);
		});
	});
});

/** A signer for Telnyx-style webhooks: its public key as Telnyx shows it, and a signing function. */
interface Signer {
	publicKeyBase64: string;
	sign(message: string): string;
}

function nodeCryptoSigner(): Signer {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const spki = publicKey.export({ format: 'der', type: 'spki' });
	return {
		publicKeyBase64: spki.subarray(spki.length - 32).toString('base64'),
		sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
	};
}

function tweetnaclSigner(): Signer {
	const pair = nacl.sign.keyPair();
	return {
		publicKeyBase64: Buffer.from(pair.publicKey).toString('base64'),
		sign: (message) => Buffer.from(nacl.sign.detached(new TextEncoder().encode(message), pair.secretKey)).toString('base64'),
	};
}

describe.each([
	['node:crypto', nodeCryptoSigner],
	['tweetnacl', tweetnaclSigner],
])('verifyEd25519Webhook with keys and signatures from %s', (_name, makeSigner) => {
	const NOW = 1_763_700_000;
	const body = '{"data":{"event_type":"call.answered","payload":{"call_control_id":"v3:abc","to":"+13125550100"}}}';
	let signer: Signer;
	let publicKey: KeyObject;

	beforeAll(() => {
		signer = makeSigner();
		publicKey = parseEd25519PublicKey(signer.publicKeyBase64);
	});

	function check(overrides: { signature?: string | undefined; timestamp?: string | undefined; rawBody?: string | Buffer; nowSeconds?: number } = {}) {
		const timestamp = 'timestamp' in overrides ? overrides.timestamp : String(NOW);
		const signature = 'signature' in overrides ? overrides.signature : signer.sign(`${timestamp}|${body}`);
		return verifyEd25519Webhook({
			publicKey,
			signature,
			timestamp,
			rawBody: overrides.rawBody ?? body,
			nowSeconds: overrides.nowSeconds ?? NOW,
		});
	}

	it('produces a 64-byte signature (88 base64 characters)', () => {
		expect(signer.sign('x')).toHaveLength(88);
	});

	it('accepts a valid signature', () => {
		expect(check()).toEqual({ valid: true });
	});

	it('accepts a valid signature over a Buffer body', () => {
		expect(check({ rawBody: Buffer.from(body) })).toEqual({ valid: true });
	});

	it('accepts a body with non-ASCII text signed as UTF-8', () => {
		const unicodeBody = '{"text":"你好 😀"}';
		const ts = String(NOW);
		const signature = signer.sign(`${ts}|${unicodeBody}`);
		expect(verifyEd25519Webhook({ publicKey, signature, timestamp: ts, rawBody: unicodeBody, nowSeconds: NOW })).toEqual({ valid: true });
		expect(verifyEd25519Webhook({ publicKey, signature, timestamp: ts, rawBody: Buffer.from(unicodeBody), nowSeconds: NOW })).toEqual({ valid: true });
	});

	it('refuses a tampered body', () => {
		const signature = signer.sign(`${NOW}|${body}`);
		const tampered = body.replace('+13125550100', '+13125550199');
		expect(reasonOf(check({ signature, rawBody: tampered }))).toBe('the signature does not match the body');
	});

	it('refuses a signature made with another key', () => {
		const other = makeSigner();
		const signature = other.sign(`${NOW}|${body}`);
		expect(reasonOf(check({ signature }))).toBe('the signature does not match the body');
	});

	it('refuses a signature checked against another public key', () => {
		const otherKey = parseEd25519PublicKey(makeSigner().publicKeyBase64);
		const ts = String(NOW);
		const result = verifyEd25519Webhook({ publicKey: otherKey, signature: signer.sign(`${ts}|${body}`), timestamp: ts, rawBody: body, nowSeconds: NOW });
		expect(result.valid).toBe(false);
	});

	it('refuses a signature over another timestamp (the timestamp is signed)', () => {
		const signature = signer.sign(`${NOW - 10}|${body}`);
		expect(reasonOf(check({ signature, timestamp: String(NOW) }))).toBe('the signature does not match the body');
	});

	it('refuses a signature over the body alone, without the timestamp', () => {
		expect(check({ signature: signer.sign(body) }).valid).toBe(false);
	});

	it.each([
		[299, true],
		[300, true],
		[301, false],
	])('a timestamp %i s old: valid=%s', (age, valid) => {
		const result = check({ timestamp: String(NOW - age) });
		expect(result.valid).toBe(valid);
		if (!valid) expect(reasonOf(result)).toBe('the timestamp is more than 300 s from now');
	});

	it.each([
		[299, true],
		[301, false],
	])('a timestamp %i s in the future: valid=%s', (ahead, valid) => {
		expect(check({ timestamp: String(NOW + ahead) }).valid).toBe(valid);
	});

	it('uses toleranceSeconds when given', () => {
		const ts = String(NOW - 20);
		const signature = signer.sign(`${ts}|${body}`);
		const base = { publicKey, signature, timestamp: ts, rawBody: body, nowSeconds: NOW };
		expect(verifyEd25519Webhook({ ...base, toleranceSeconds: 10 })).toEqual({
			valid: false,
			reason: 'the timestamp is more than 10 s from now',
		});
		expect(verifyEd25519Webhook({ ...base, toleranceSeconds: 30 })).toEqual({ valid: true });
	});

	it('uses the clock when nowSeconds is not given', () => {
		const fresh = String(Math.floor(Date.now() / 1000));
		const stale = String(Math.floor(Date.now() / 1000) - 3600);
		expect(verifyEd25519Webhook({ publicKey, signature: signer.sign(`${fresh}|${body}`), timestamp: fresh, rawBody: body })).toEqual({ valid: true });
		expect(verifyEd25519Webhook({ publicKey, signature: signer.sign(`${stale}|${body}`), timestamp: stale, rawBody: body }).valid).toBe(false);
	});

	it.each(['12.5', 'abc', '-5', '1e9', ' 1763700000', '0x10', '99999999999999999999'])(
		'refuses the timestamp %j as not a whole number of seconds',
		(timestamp) => {
			// Signed correctly, so only the timestamp form can make it fail.
			expect(reasonOf(check({ timestamp, signature: signer.sign(`${timestamp}|${body}`) }))).toBe(
				'the timestamp is not a whole number of seconds',
			);
		},
	);

	it.each([undefined, ''])('refuses a missing signature header (%j)', (signature) => {
		expect(reasonOf(check({ signature }))).toBe('the telnyx-signature-ed25519 header is missing');
	});

	it.each([undefined, ''])('refuses a missing timestamp header (%j)', (timestamp) => {
		expect(reasonOf(check({ timestamp, signature: signer.sign(`${NOW}|${body}`) }))).toBe('the telnyx-timestamp header is missing');
	});

	it('refuses a signature that is not base64', () => {
		expect(reasonOf(check({ signature: '!'.repeat(88) }))).toBe('the signature is not base64 of 64 bytes');
	});

	it('refuses an unpadded or base64url signature (strict padded base64 only)', () => {
		const good = signer.sign(`${NOW}|${body}`);
		expect(good.endsWith('==')).toBe(true);
		expect(reasonOf(check({ signature: good.slice(0, -2) }))).toBe('the signature is not base64 of 64 bytes');
		const urlSafe = Buffer.from(good, 'base64').toString('base64url');
		expect(reasonOf(check({ signature: urlSafe }))).toBe('the signature is not base64 of 64 bytes');
	});

	it('accepts white space around the signature header', () => {
		expect(check({ signature: ` ${signer.sign(`${NOW}|${body}`)} ` })).toEqual({ valid: true });
	});

	it('refuses a hex signature', () => {
		const hex = Buffer.from(signer.sign(`${NOW}|${body}`), 'base64').toString('hex');
		expect(reasonOf(check({ signature: hex }))).toBe('the signature is not base64 of 64 bytes');
	});

	it.each([63, 65, 32])('refuses a signature of %i bytes', (bytes) => {
		const good = Buffer.from(signer.sign(`${NOW}|${body}`), 'base64');
		const resized = Buffer.alloc(bytes);
		good.copy(resized, 0, 0, Math.min(bytes, 64));
		expect(reasonOf(check({ signature: resized.toString('base64') }))).toBe('the signature is not base64 of 64 bytes');
	});

	it('refuses a flipped bit in the signature', () => {
		const raw = Buffer.from(signer.sign(`${NOW}|${body}`), 'base64');
		raw[10] ^= 0x01;
		expect(reasonOf(check({ signature: raw.toString('base64') }))).toBe('the signature does not match the body');
	});
});

describe('parseEd25519PublicKey', () => {
	it('turns the base64 raw key into an Ed25519 KeyObject holding the same 32 bytes', () => {
		const pair = nacl.sign.keyPair();
		const key = parseEd25519PublicKey(Buffer.from(pair.publicKey).toString('base64'));
		expect(key.type).toBe('public');
		expect(key.asymmetricKeyType).toBe('ed25519');
		const spki = key.export({ format: 'der', type: 'spki' });
		expect(Buffer.from(spki.subarray(spki.length - 32)).equals(Buffer.from(pair.publicKey))).toBe(true);
	});

	it('trims white space around the key', () => {
		const { publicKeyBase64 } = nodeCryptoSigner();
		expect(parseEd25519PublicKey(`  ${publicKeyBase64}\n`).asymmetricKeyType).toBe('ed25519');
	});

	it.each([
		['31 bytes', Buffer.alloc(31, 7).toString('base64')],
		['33 bytes', Buffer.alloc(33, 7).toString('base64')],
		['64 bytes', Buffer.alloc(64, 7).toString('base64')],
		['an empty string', ''],
		['text that is not base64', 'not a key!'],
		['32 bytes as hex', Buffer.alloc(32, 7).toString('hex')],
		['32 bytes as unpadded base64', Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')],
		['the whole SPKI DER in base64', Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.alloc(32, 7)]).toString('base64')],
	])('refuses %s', (_label, key) => {
		expect(() => parseEd25519PublicKey(key)).toThrow('The public key must be the base64 text of a 32-byte Ed25519 key');
	});

	it('refuses a missing key', () => {
		expect(() => parseEd25519PublicKey(undefined as unknown as string)).toThrow(/32-byte Ed25519 key/);
	});
});
