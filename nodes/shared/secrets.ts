import type { IDataObject } from 'n8n-workflow';

/** The credential fields that are secret (every provider's credential uses these names). */
const SECRET_FIELDS = ['apiKey', 'webhookSecret'];
/** Shorter values are not hidden: replacing "abc" everywhere would garble a message, and no real key is that short. */
const MIN_SECRET_LENGTH = 8;

export const HIDDEN = '[hidden]';

/** The credential's secret values, to be hidden wherever a provider echoes them back. */
export function secretsOf(credentials: IDataObject | undefined): string[] {
	if (!credentials) return [];
	return SECRET_FIELDS.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value.trim().length >= MIN_SECRET_LENGTH)
		.map((value) => value.trim());
}

/**
 * `value` with every occurrence of a secret replaced by "[hidden]", in strings at any depth
 * (a provider's error body may quote the key it refused). Other values are returned as they are.
 */
export function hideSecrets<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	const hide = (current: unknown): unknown => {
		if (typeof current === 'string') return secrets.reduce((text, secret) => text.split(secret).join(HIDDEN), current);
		if (Array.isArray(current)) return current.map(hide);
		if (current !== null && typeof current === 'object' && Object.getPrototypeOf(current) === Object.prototype) {
			return Object.fromEntries(Object.entries(current).map(([key, inner]) => [key, hide(inner)]));
		}
		return current;
	};
	return hide(value) as T;
}
