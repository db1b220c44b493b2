/** One target typed into a list field, and the separator typed before it (none for the first). */
export interface PhoneListPart {
	text: string;
	separator: string | undefined;
}

const SEPARATOR = /([,;\n，；])/;
const SIP_URI = /^sips?:/i;
/** A SIP URI parameter such as `transport=tls` or `lr` (RFC 3261 uri-parameter); never a number or a URI. */
const SIP_PARAMETER = /^[A-Za-z][\w.!~*'%+-]*(=[^\s,;:@]*)?$/;

export function isSipUri(text: string): boolean {
	return SIP_URI.test(text);
}

/**
 * Splits a list typed into one field ("a, b; c" or one per line) into its parts, keeping the
 * separator before each. A `;` followed by a parameter belongs to the SIP URI before it
 * (`sip:a@b;transport=tls`), so SIP URIs keep their parameters.
 */
export function phoneListParts(raw: unknown): PhoneListPart[] {
	if (Array.isArray(raw)) return raw.flatMap((entry) => phoneListParts(entry));
	const pieces = String(raw ?? '').split(SEPARATOR);
	const parts: PhoneListPart[] = [];
	let separator: string | undefined;
	for (let index = 0; index < pieces.length; index += 2) {
		const text = pieces[index].trim();
		const previous = parts[parts.length - 1];
		if (separator === ';' && previous && isSipUri(previous.text) && SIP_PARAMETER.test(text)) {
			previous.text += `;${text}`;
		} else if (text !== '') {
			parts.push({ text, separator });
		}
		separator = pieces[index + 1];
	}
	return parts;
}

/** Splits a list typed into one field ("a, b; c" or one per line) into single targets. */
export function splitPhoneList(raw: unknown): string[] {
	return phoneListParts(raw).map((part) => part.text);
}
