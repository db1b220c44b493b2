import { sortedCompactJson } from './signatures';

/**
 * Why a body may not be checked against a signature over its sorted compact form, or
 * undefined when it may. That fallback exists for senders that sign a re-serialisation of the
 * body (contract: Pamela's Python SDK); it must never accept bytes whose meaning differs from
 * what was signed. So the raw body must hold no duplicate keys (parsers disagree on which one
 * wins), no number that is not finite or not exact once parsed (`-1e999` becomes -Infinity,
 * which serialises as null), and its parsed value must survive sorted compact serialisation
 * and parsing again unchanged, byte for byte.
 */
export function canonicalFallbackRefusal(raw: string): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return 'the body is not JSON';
	}
	const scanned = scanLiterals(raw);
	if (scanned) return scanned;
	const canonical = sortedCompactJson(parsed);
	let reparsed: unknown;
	try {
		reparsed = JSON.parse(canonical);
	} catch {
		return 'the body has no canonical JSON form';
	}
	if (sortedCompactJson(reparsed) !== canonical || !sameValue(parsed, reparsed)) {
		return 'the body does not keep its meaning in canonical JSON form';
	}
	return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((entry, i) => sameValue(entry, b[i]));
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left);
	return keys.length === Object.keys(right).length && keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameValue(left[key], right[key]));
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Walks JSON text that JSON.parse accepted, refusing duplicate keys and inexact numbers. */
function scanLiterals(text: string): string | undefined {
	let i = 0;
	const skipSpace = () => {
		while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
	};
	const readString = (): string => {
		const start = i++;
		while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		i++;
		return JSON.parse(text.slice(start, i)) as string;
	};
	const readNumber = (): string | undefined => {
		NUMBER.lastIndex = i;
		const literal = NUMBER.exec(text)?.[0] ?? '';
		i += Math.max(literal.length, 1);
		const value = Number(literal);
		if (!Number.isFinite(value)) return `the number ${literal} is not finite once parsed`;
		if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(value)) return `the whole number ${literal} cannot be held exactly`;
		if (value === 0 && /[1-9]/.test(literal.split(/[eE]/)[0])) return `the number ${literal} becomes 0 once parsed`;
		return undefined;
	};
	const readValue = (): string | undefined => {
		skipSpace();
		const c = text[i];
		if (c === '{' || c === '[') {
			const object = c === '{';
			const keys = new Set<string>();
			i++;
			skipSpace();
			if (text[i] === (object ? '}' : ']')) {
				i++;
				return undefined;
			}
			for (;;) {
				if (object) {
					skipSpace();
					const key = readString();
					if (keys.has(key)) return `the key "${key}" appears twice in one object`;
					keys.add(key);
					skipSpace();
					i++; // ':'
				}
				const refused = readValue();
				if (refused) return refused;
				skipSpace();
				if (text[i++] !== ',') return undefined;
			}
		}
		if (c === '"') {
			readString();
			return undefined;
		}
		if (c === 't' || c === 'n') i += 4;
		else if (c === 'f') i += 5;
		else return readNumber();
		return undefined;
	};
	return readValue();
}
