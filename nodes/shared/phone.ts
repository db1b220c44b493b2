import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** Thrown for a number that cannot be dialled; callers add the item index and field. */
export class PhoneNumberError extends Error {
	constructor(
		readonly input: string,
		readonly reason: string,
		readonly fix: string,
	) {
		super(`Invalid phone number "${input}": ${reason}`);
		this.name = 'PhoneNumberError';
	}
}

const ISO_COUNTRY = /^[A-Z]{2}$/;

/**
 * Normalises a number typed by a person ("(212) 555-0123", "+44 20 7946 0958", "0044 …")
 * to E.164. A number without a leading + or international prefix needs `defaultCountry`.
 * `countryField` is that option's name as the node shows it, for the fixes in messages.
 */
export function toE164(raw: unknown, defaultCountry?: string, countryField = 'Default Country'): string {
	const input = String(raw ?? '').trim();
	if (input === '') {
		throw new PhoneNumberError(input, 'the number is empty', 'Enter a number in E.164 format, e.g. +14155550123');
	}
	if (/[a-z]/i.test(input.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
		throw new PhoneNumberError(input, 'it contains letters', 'Use digits only, e.g. +14155550123');
	}
	const country = defaultCountry?.trim().toUpperCase();
	if (country && !ISO_COUNTRY.test(country)) {
		throw new PhoneNumberError(
			input,
			`"${defaultCountry}" is not a two-letter country code`,
			`Set ${countryField} to an ISO 3166-1 code such as US, GB or DE`,
		);
	}
	const parsed = parsePhoneNumberFromString(input, country ? (country as CountryCode) : undefined);
	if (!parsed) {
		const fix = input.startsWith('+')
			? 'Check the country code and digits, e.g. +14155550123'
			: `Start the number with + and the country code, or set ${countryField}`;
		throw new PhoneNumberError(input, 'it is not a recognisable phone number', fix);
	}
	if (!parsed.isValid()) {
		throw new PhoneNumberError(
			input,
			`it is not a valid number for ${parsed.country ?? `country code +${parsed.countryCallingCode}`}`,
			'Check the number of digits and the country code',
		);
	}
	return parsed.number;
}

/** Mainland China mobile numbers: 11 digits, 1 then 3–9 (Stepone contract §3). */
const CHINA_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalises a mainland-China mobile number to its 11 national digits, accepting
 * "+86", "0086" or "86" prefixes and spaces, dashes, dots and brackets as separators.
 */
export function toChinaMobile(raw: unknown): string {
	const input = String(raw ?? '').trim();
	if (input === '') {
		throw new PhoneNumberError(input, 'the number is empty', 'Enter an 11-digit mainland mobile number, e.g. 13800138000');
	}
	const compact = input.replace(/[\s\-.()]/g, '');
	if (!/^\+?\d+$/.test(compact)) {
		throw new PhoneNumberError(input, 'it contains characters other than digits', 'Use digits only, e.g. 13800138000');
	}
	// Parsing as CN turns +86 / 0086 into the national number, and keeps other countries apart.
	const parsed = parsePhoneNumberFromString(compact, 'CN');
	if (parsed && parsed.countryCallingCode !== '86') {
		throw new PhoneNumberError(
			input,
			`it is a +${parsed.countryCallingCode} number, not a mainland China mobile`,
			'Stepone AI only calls mainland China mobiles (11 digits starting with 13–19)',
		);
	}
	let national = parsed?.nationalNumber ?? compact.replace(/^\+/, '');
	if (national.length === 13 && national.startsWith('86')) national = national.slice(2);
	if (!CHINA_MOBILE.test(national)) {
		const reason = /^1[3-9]\d*$/.test(national) && national.length !== 11
			? `it has ${national.length} digits, a mobile number has 11`
			: 'it is not a mainland mobile number (landlines and service numbers cannot be called)';
		throw new PhoneNumberError(input, reason, 'Use an 11-digit mobile number starting with 13–19, e.g. 13800138000');
	}
	return national;
}

// Lists of numbers live in phoneList.ts; this name stays importable from here.
export { splitPhoneList } from './phoneList';
