import { PhoneNumberError, splitPhoneList, toChinaMobile, toE164 } from '../../../nodes/shared/phone.ts';

/** Runs `fn`, expects a PhoneNumberError and returns it for closer checks. */
function phoneError(fn: () => unknown): PhoneNumberError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(PhoneNumberError);
		return error as PhoneNumberError;
	}
	throw new Error('expected a PhoneNumberError, but nothing was thrown');
}

describe('PhoneNumberError', () => {
	it('is an Error that names the number and keeps reason and fix apart', () => {
		const error = new PhoneNumberError('+1 555', 'it is too short', 'Add digits');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('PhoneNumberError');
		expect(error.message).toBe('Invalid phone number "+1 555": it is too short');
		expect(error.input).toBe('+1 555');
		expect(error.reason).toBe('it is too short');
		expect(error.fix).toBe('Add digits');
	});
});

describe('toE164', () => {
	it.each([
		['(212) 555-0123', 'US', '+12125550123'],
		['212.555.0123', 'US', '+12125550123'],
		['+1 (212) 555-0123', undefined, '+12125550123'],
		['  +1 212-555-0123  ', undefined, '+12125550123'],
		['+12125550123', 'us', '+12125550123'],
		['+12125550123', 'GB', '+12125550123'],
		['+44 20 7946 0958', undefined, '+442079460958'],
		['020 7946 0958', 'GB', '+442079460958'],
		['0044 20 7946 0958', 'GB', '+442079460958'],
		['+86 138 0013 8000', undefined, '+8613800138000'],
		['tel:+14155550123', undefined, '+14155550123'],
		['+1 212 555 0123 ext. 5', undefined, '+12125550123'],
		['+1 (212) 555-0123 x12', undefined, '+12125550123'],
	])('normalises %j (default country %s) to %s', (input, country, expected) => {
		expect(toE164(input, country)).toBe(expected);
	});

	it('accepts a number value, not only a string', () => {
		expect(toE164(12125550123, 'US')).toBe('+12125550123');
	});

	it('trims the default country before checking it', () => {
		expect(toE164('(212) 555-0123', ' us ')).toBe('+12125550123');
	});

	it.each(['', '   ', null, undefined])('refuses an empty value (%j)', (input) => {
		const error = phoneError(() => toE164(input, 'US'));
		expect(error.reason).toBe('the number is empty');
		expect(error.message).toBe('Invalid phone number "": the number is empty');
		expect(error.fix).toMatch(/E\.164/);
	});

	it.each(['abc', '+1 212 CALL NOW', '+1 212 555 O123', 'call me'])('refuses letters in %j and names the number', (input) => {
		const error = phoneError(() => toE164(input, 'US'));
		expect(error.reason).toBe('it contains letters');
		expect(error.message).toContain(`"${input}"`);
		expect(error.input).toBe(input);
	});

	it('refuses a number too short for the default country', () => {
		const error = phoneError(() => toE164('12', 'US'));
		expect(error.reason).toBe('it is not a valid number for US');
		expect(error.message).toBe('Invalid phone number "12": it is not a valid number for US');
	});

	it('refuses an international number with too few digits', () => {
		const error = phoneError(() => toE164('+1 212 555'));
		expect(error.message).toContain('"+1 212 555"');
		expect(error.reason).toMatch(/not a valid number for .*\+1/);
		expect(error.fix).toMatch(/number of digits/);
	});

	it('refuses a national number when no default country is set, and says how to fix it', () => {
		const error = phoneError(() => toE164('(212) 555-0123'));
		expect(error.message).toContain('"(212) 555-0123"');
		expect(error.reason).toBe('it is not a recognisable phone number');
		expect(error.fix).toMatch(/Default Country/);
	});

	it('refuses an unknown country calling code with a fix about the country code', () => {
		const error = phoneError(() => toE164('+999 123'));
		expect(error.message).toContain('"+999 123"');
		expect(error.reason).toBe('it is not a recognisable phone number');
		expect(error.fix).toMatch(/^Check the country code/);
	});

	it.each(['USA', 'U', '12', 'U S'])('refuses the default country %j, naming both it and the number', (country) => {
		const error = phoneError(() => toE164('(212) 555-0123', country));
		expect(error.message).toContain('"(212) 555-0123"');
		expect(error.reason).toBe(`"${country}" is not a two-letter country code`);
		expect(error.fix).toMatch(/ISO 3166-1/);
	});

	it('refuses a number that is valid elsewhere but not for its own country code', () => {
		// UK numbers do not start with 0 after +44.
		const error = phoneError(() => toE164('+44 0 1234'));
		expect(error.message).toContain('"+44 0 1234"');
	});
});

describe('toChinaMobile', () => {
	it.each([
		['13800138000', '13800138000'],
		['+86 138 0013 8000', '13800138000'],
		['+8613800138000', '13800138000'],
		['0086-13800138000', '13800138000'],
		['008613800138000', '13800138000'],
		['86 13800138000', '13800138000'],
		['8613800138000', '13800138000'],
		['138-0013-8000', '13800138000'],
		['138.0013.8000', '13800138000'],
		['(138) 0013 8000', '13800138000'],
		['  139 1234 5678  ', '13912345678'],
		['+86 199 1234 5678', '19912345678'],
		['16612345678', '16612345678'],
	])('turns %j into %s', (input, expected) => {
		expect(toChinaMobile(input)).toBe(expected);
	});

	it('accepts a number value, not only a string', () => {
		expect(toChinaMobile(13800138000)).toBe('13800138000');
	});

	it.each(['', '   ', null, undefined])('refuses an empty value (%j)', (input) => {
		const error = phoneError(() => toChinaMobile(input));
		expect(error.reason).toBe('the number is empty');
		expect(error.message).toBe('Invalid phone number "": the number is empty');
	});

	it.each(['abc', '138abc00138', '138 0013 800a', '+86 138#0013 8000', '１３８００１３８０００'])(
		'refuses %j, which holds characters other than digits',
		(input) => {
			const error = phoneError(() => toChinaMobile(input));
			expect(error.reason).toBe('it contains characters other than digits');
			expect(error.message).toContain(`"${input}"`);
		},
	);

	it.each([
		['+44 20 7946 0958', '+44'],
		['+447911123456', '+44'],
		['+1 212 555 0123', '+1'],
		['0044 7911 123456', '+44'],
	])('refuses the foreign number %j and names its country code', (input, code) => {
		const error = phoneError(() => toChinaMobile(input));
		expect(error.message).toContain(`"${input}"`);
		expect(error.reason).toBe(`it is a ${code} number, not a mainland China mobile`);
		expect(error.fix).toMatch(/mainland China mobiles/);
	});

	it.each(['010 12345678', '01012345678', '+86 10 1234 5678', '021-6234-5678', '0755 1234 5678'])(
		'refuses the landline %j as not a mobile (not as a short mobile)',
		(input) => {
			const error = phoneError(() => toChinaMobile(input));
			expect(error.message).toContain(`"${input}"`);
			expect(error.reason).toMatch(/not a mainland mobile number.*landlines/);
		},
	);

	it.each(['10086', '12345', '95588', '4008123123', '12800138000'])('refuses the service or non-mobile number %j', (input) => {
		const error = phoneError(() => toChinaMobile(input));
		expect(error.message).toContain(`"${input}"`);
		expect(error.reason).toMatch(/not a mainland mobile number/);
	});

	it.each([
		['1380013800', 10],
		['138 0013 800', 10],
		['+86 1380013800', 10],
		['1380013', 7],
		['138001380001', 12],
		['1380013800012', 13],
	])('refuses the mobile %j with the wrong number of digits (%i)', (input, digits) => {
		const error = phoneError(() => toChinaMobile(input));
		expect(error.message).toBe(`Invalid phone number "${input}": it has ${digits} digits, a mobile number has 11`);
		expect(error.fix).toMatch(/11-digit/);
	});
});

describe('splitPhoneList', () => {
	it('splits on commas, semicolons and new lines and trims each part', () => {
		expect(splitPhoneList(' +14155550123, +14155550124;+14155550125\n +14155550126 ')).toEqual([
			'+14155550123',
			'+14155550124',
			'+14155550125',
			'+14155550126',
		]);
	});

	it('splits on Chinese full-width commas and semicolons', () => {
		expect(splitPhoneList('13800138000，13912345678；13700137000')).toEqual(['13800138000', '13912345678', '13700137000']);
	});

	it('handles Windows line endings', () => {
		expect(splitPhoneList('13800138000\r\n13912345678\r\n')).toEqual(['13800138000', '13912345678']);
	});

	it('keeps the spaces inside one number', () => {
		expect(splitPhoneList('+1 212 555 0123, +44 20 7946 0958')).toEqual(['+1 212 555 0123', '+44 20 7946 0958']);
	});

	it('drops empty parts', () => {
		expect(splitPhoneList(',, 13800138000 ;; \n ,')).toEqual(['13800138000']);
	});

	it.each(['', '  ', null, undefined, ',;\n'])('gives an empty list for %j', (input) => {
		expect(splitPhoneList(input)).toEqual([]);
	});

	it('flattens arrays, splitting each entry', () => {
		expect(splitPhoneList(['13800138000, 13912345678', ['13700137000'], '', null, 12125550123])).toEqual([
			'13800138000',
			'13912345678',
			'13700137000',
			'12125550123',
		]);
	});
});
