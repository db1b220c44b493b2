/** A Base URL the user must fix in the credential; `description` carries the fix into n8n's error. */
export class BaseUrlError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'BaseUrlError';
	}
}

export interface BaseUrlRule {
	/** The credential's name as the user sees it, e.g. "Telnyx". */
	credential: string;
	/** The provider's URL, used when the field is empty. */
	defaultUrl: string;
}

const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/**
 * The one rule for every credential's Base URL field: trimmed; empty or blank means the
 * provider's default (a cleared field must not give a relative URL); trailing slashes go;
 * anything but an http(s) URL is refused. The value is never repeated in the error: a
 * proxy URL may carry a user and password.
 */
export function credentialBaseUrl(value: unknown, rule: BaseUrlRule): string {
	const given = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
	const url = (given || rule.defaultUrl).replace(/\/+$/, '');
	if (!ABSOLUTE_HTTP_URL.test(url)) {
		throw new BaseUrlError(
			`The Base URL field of the ${rule.credential} credential must start with https:// or http://`,
			`Open the ${rule.credential} credential and write the Base URL in full, e.g. ${rule.defaultUrl}, or clear the field to use that default.`,
		);
	}
	return url;
}
