import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

import { toE164 } from '../../../shared/phone';
import { isSipUri, phoneListParts, type PhoneListPart } from '../../../shared/phoneList';

/** What Telnyx accepts in `send_digits_on_answer` (contract §3): 0-9, A-D, *, #, w and W, at most 64. */
const DTMF = /^[0-9A-DwW*#]{1,64}$/;
/** One word that may be meant as digits after a comma (checked against DTMF afterwards). */
const DIGITS_WORD = /^[0-9A-Za-z*#]+$/;
const DTMF_FIX = 'DTMF may hold only 0-9, A-D, *, #, w (0.5 s pause) and W (1 s pause), at most 64 characters';

/** A mistake in To or Send Digits on Answer; Dial turns it into an error naming the item. */
export interface DialTargetProblem {
	field: 'To' | 'Send Digits on Answer';
	message: string;
	fix: string;
}

export type DialTargets = { to: string | string[]; digits?: string } | { problem: DialTargetProblem };

function isNumber(text: string, country: string | undefined): boolean {
	try {
		toE164(text, country);
		return true;
	} catch {
		return false;
	}
}

/**
 * The part after the comma in "+14155550123,1234#" is digits to send on answer (contract §3)
 * when: it is the second and last part, the first is a phone number, and it is one word that
 * is not itself a phone number. Any list of numbers that dialled before still dials the same.
 */
function digitsSuffix(parts: PhoneListPart[], country: string | undefined): string | undefined {
	if (parts.length !== 2 || isSipUri(parts[0].text)) return undefined;
	const [, second] = parts;
	if (second.separator !== ',' || !DIGITS_WORD.test(second.text) || isNumber(second.text, country)) return undefined;
	return second.text;
}

/**
 * Reads Dial's To and Send Digits on Answer: one number (E.164 or SIP URI) or several that
 * ring together, and the DTMF to send on answer. Numbers Telnyx cannot dial throw a
 * PhoneNumberError; digit mistakes come back as a problem naming the field.
 */
export function dialTargets(rawTo: unknown, sendDigitsOption: unknown, country?: string): DialTargets {
	const parts = phoneListParts(rawTo);
	if (parts.length === 0) toE164('', country);
	const suffix = digitsSuffix(parts, country);
	if (suffix !== undefined) {
		const first = toE164(parts[0].text, country);
		// "+14155550123,4155550124": a number of the first one's country, or digits? Ask.
		const firstCountry = parsePhoneNumberFromString(first)?.country;
		if (firstCountry && isNumber(suffix, firstCountry)) {
			return {
				problem: {
					field: 'To',
					message: `"${suffix}" after the comma could be a second number or DTMF digits`,
					fix: 'For a second number, write it with + and the country code (or set Default Country); for digits, put them in Send Digits on Answer',
				},
			};
		}
		if (!DTMF.test(suffix)) {
			return { problem: { field: 'To', message: `"${suffix}" after the comma is neither a phone number nor DTMF digits Telnyx can send`, fix: DTMF_FIX } };
		}
	}
	const targets = suffix === undefined ? parts : parts.slice(0, 1);
	// Telnyx takes ",digits" only on a single number (contract §3): say so rather than "not a number".
	const strayDigits =
		targets.length > 2 ? targets.find((part, index) => index > 0 && part.separator === ',' && DTMF.test(part.text) && !isNumber(part.text, country)) : undefined;
	if (strayDigits) {
		return {
			problem: {
				field: 'To',
				message: `"${strayDigits.text}" is not a phone number, and DTMF digits after a comma can follow only a single number`,
				fix: 'Dial one number per item to send digits on answer, or remove them',
			},
		};
	}
	const numbers = targets.map((part) => (isSipUri(part.text) ? part.text : toE164(part.text, country)));
	const option = String(sendDigitsOption ?? '').trim();
	if (suffix !== undefined && option !== '' && option !== suffix) {
		return {
			problem: {
				field: 'Send Digits on Answer',
				message: `"${option}" differs from the digits after the comma in To ("${suffix}")`,
				fix: 'Keep the digits in one place: remove them from To, or clear Send Digits on Answer',
			},
		};
	}
	if (suffix === undefined && option !== '' && !DTMF.test(option)) {
		return { problem: { field: 'Send Digits on Answer', message: `"${option}" is not DTMF digits Telnyx can send`, fix: DTMF_FIX } };
	}
	const digits = suffix ?? (option || undefined);
	return { to: numbers.length === 1 ? numbers[0] : numbers, ...(digits ? { digits } : {}) };
}
