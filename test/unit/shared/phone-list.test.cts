// Lists of targets typed into one field: SIP URIs keep their ;parameters, and Telnyx Dial reads
// the contract's "+1…,digits" form (telnyx.md §3) as one number plus DTMF to send on answer,
// without changing what any list of several numbers means.
import { PhoneNumberError } from '../../../nodes/shared/phone.ts';
import { phoneListParts, splitPhoneList } from '../../../nodes/shared/phoneList.ts';
import { dialTargets } from '../../../nodes/Telnyx/resources/call/dialTargets.ts';

describe('splitPhoneList and SIP URIs', () => {
	it('keeps the parameters of a SIP URI', () => {
		expect(splitPhoneList('sip:alice@pbx.example.com;transport=tls')).toEqual(['sip:alice@pbx.example.com;transport=tls']);
		expect(splitPhoneList('sips:bob@pbx.example.com;transport=tls;user=phone')).toEqual(['sips:bob@pbx.example.com;transport=tls;user=phone']);
		expect(splitPhoneList('SIP:carol@pbx.example.com ; lr')).toEqual(['SIP:carol@pbx.example.com;lr']);
	});

	it('still splits a SIP URI from the next target after a semicolon, comma or new line', () => {
		expect(splitPhoneList('sip:a@pbx.example.com;transport=tls;sip:b@pbx.example.com;+14155550123')).toEqual([
			'sip:a@pbx.example.com;transport=tls',
			'sip:b@pbx.example.com',
			'+14155550123',
		]);
		expect(splitPhoneList('sip:a@pbx.example.com;transport=tcp, sip:b@pbx.example.com;transport=tls\n+14155550124')).toEqual([
			'sip:a@pbx.example.com;transport=tcp',
			'sip:b@pbx.example.com;transport=tls',
			'+14155550124',
		]);
	});

	it('does not take a part after a phone number for a parameter', () => {
		expect(splitPhoneList('+14155550123;transport=tls')).toEqual(['+14155550123', 'transport=tls']);
	});

	it('keeps every list of numbers it split before as it was', () => {
		expect(splitPhoneList(' +14155550123, +14155550124;+14155550125\n +14155550126 ')).toHaveLength(4);
		expect(splitPhoneList('13800138000，13912345678；13700137000')).toEqual(['13800138000', '13912345678', '13700137000']);
		expect(splitPhoneList(',, 13800138000 ;; \n ,')).toEqual(['13800138000']);
		expect(splitPhoneList(['13800138000, 13912345678', ['13700137000'], '', null, 12125550123])).toHaveLength(4);
	});

	it('says which separator came before each part', () => {
		expect(phoneListParts('+14155550123,1234#')).toEqual([
			{ text: '+14155550123', separator: undefined },
			{ text: '1234#', separator: ',' },
		]);
		expect(phoneListParts('+14155550123\n,;1234')).toEqual([
			{ text: '+14155550123', separator: undefined },
			{ text: '1234', separator: ';' },
		]);
	});
});

describe('dialTargets (Telnyx Dial "To" and Send Digits on Answer)', () => {
	it('reads "+1…,digits" as one number and the digits to send on answer', () => {
		expect(dialTargets('+14155550123,1234#', '')).toEqual({ to: '+14155550123', digits: '1234#' });
		expect(dialTargets('+1 (415) 555-0123, ww1234W*#', undefined)).toEqual({ to: '+14155550123', digits: 'ww1234W*#' });
		expect(dialTargets('(415) 555-0123,ABCD', '', 'US')).toEqual({ to: '+14155550123', digits: 'ABCD' });
	});

	it('keeps lists of several numbers as they were, the national form with a Default Country included', () => {
		expect(dialTargets('+14155550123,+14155550124', '')).toEqual({ to: ['+14155550123', '+14155550124'] });
		expect(dialTargets('+14155550123, 4155550124', '', 'US')).toEqual({ to: ['+14155550123', '+14155550124'] });
		expect(dialTargets('4155550123,4155550124;4155550125', '', 'US')).toEqual({ to: ['+14155550123', '+14155550124', '+14155550125'] });
		expect(dialTargets('+14155550123\n+442079460958', '')).toEqual({ to: ['+14155550123', '+442079460958'] });
	});

	it('passes SIP URIs with their parameters, alone or in a list', () => {
		expect(dialTargets('sip:alice@pbx.example.com;transport=tls', '')).toEqual({ to: 'sip:alice@pbx.example.com;transport=tls' });
		expect(dialTargets('sip:alice@pbx.example.com;transport=tls, +14155550123', '')).toEqual({
			to: ['sip:alice@pbx.example.com;transport=tls', '+14155550123'],
		});
	});

	it('takes Send Digits on Answer alone, trimmed', () => {
		expect(dialTargets('+14155550123', ' 1234# ')).toEqual({ to: '+14155550123', digits: '1234#' });
		expect(dialTargets('+14155550123', '')).toEqual({ to: '+14155550123' });
	});

	it('accepts the same digits in both places', () => {
		expect(dialTargets('+14155550123,1234', '1234')).toEqual({ to: '+14155550123', digits: '1234' });
	});

	it('refuses different digits in To and in Send Digits on Answer', () => {
		expect(dialTargets('+14155550123,1234', '99')).toEqual({
			problem: {
				field: 'Send Digits on Answer',
				message: '"99" differs from the digits after the comma in To ("1234")',
				fix: 'Keep the digits in one place: remove them from To, or clear Send Digits on Answer',
			},
		});
	});

	it.each([
		['a letter Telnyx does not send', '+14155550123,1234p', 'To', '1234p'],
		['lower-case a-d', '+14155550123,abcd', 'To', 'abcd'],
	])('refuses digits after the comma with %s', (_, to, field, digits) => {
		expect(dialTargets(to, '')).toEqual({
			problem: {
				field,
				message: `"${digits}" after the comma is neither a phone number nor DTMF digits Telnyx can send`,
				fix: 'DTMF may hold only 0-9, A-D, *, #, w (0.5 s pause) and W (1 s pause), at most 64 characters',
			},
		});
	});

	it('refuses a Send Digits on Answer value Telnyx would refuse', () => {
		expect(dialTargets('+14155550123', '12-34')).toEqual({
			problem: {
				field: 'Send Digits on Answer',
				message: '"12-34" is not DTMF digits Telnyx can send',
				fix: 'DTMF may hold only 0-9, A-D, *, #, w (0.5 s pause) and W (1 s pause), at most 64 characters',
			},
		});
		expect(dialTargets('+14155550123', '1'.repeat(65))).toMatchObject({ problem: { field: 'Send Digits on Answer' } });
		expect(dialTargets(`+14155550123,${'1'.repeat(65)}`, '')).toMatchObject({ problem: { field: 'To' } });
	});

	it('refuses a part that reads as a national number of the first number\'s country: a second number or digits?', () => {
		expect(dialTargets('+14155550123,4155550124', '')).toEqual({
			problem: {
				field: 'To',
				message: '"4155550124" after the comma could be a second number or DTMF digits',
				fix: 'For a second number, write it with + and the country code (or set Default Country); for digits, put them in Send Digits on Answer',
			},
		});
	});

	it('refuses digits after a comma in a list of several numbers, as Telnyx does', () => {
		expect(dialTargets('+14155550123,+14155550124,1234', '')).toEqual({
			problem: {
				field: 'To',
				message: '"1234" is not a phone number, and DTMF digits after a comma can follow only a single number',
				fix: 'Dial one number per item to send digits on answer, or remove them',
			},
		});
	});

	it('digits after a SIP URI, a semicolon or a new line are not read as digits', () => {
		expect(() => dialTargets('sip:alice@pbx.example.com,1234', '')).toThrow(PhoneNumberError);
		expect(() => dialTargets('+14155550123;1234', '')).toThrow(PhoneNumberError);
		expect(() => dialTargets('+14155550123\n1234', '')).toThrow(PhoneNumberError);
	});

	it('an empty To is refused as before', () => {
		expect(() => dialTargets('', '1234')).toThrow('Invalid phone number "": the number is empty');
	});
});
