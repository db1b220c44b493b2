// Webhook bodies as the contract recommends (§5.4): compact JSON, keys sorted at every level,
// ASCII only, signed with HMAC-SHA256 hex. Written apart from the node's code on purpose, so a
// bug in one is not mirrored in the other.
import { createHmac } from 'node:crypto';

function sorted(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(sorted).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return `{${Object.keys(record)
			.filter((key) => record[key] !== undefined)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${sorted(record[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function pamelaJson(payload: unknown): string {
	return sorted(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function pamelaSignature(secret: string, body: string): string {
	return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}
