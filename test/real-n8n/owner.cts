// An n8n 2.x owner account set by environment (no setup screen), and a logged-in session on
// n8n's REST API for reading executions. Used by the playground and the editor screenshot.
import path from 'node:path';

import type { RealN8n } from './n8n-process.cts';

export const OWNER = { email: 'playground@example.com', password: 'Playground-2026' };

/** Sets the owner env on a 2.x instance before it starts (bcrypt from n8n's own install). */
export function ownerByEnv(n8n: RealN8n, n8nBin: string): void {
	const n8nModules = path.resolve(path.dirname(n8nBin), '..');
	const bcrypt = require(path.join(n8nModules, 'bcryptjs')) as { hashSync(text: string, rounds: number): string };
	Object.assign(n8n.env, {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Play',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Ground',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
	});
}

/** Logs in and returns the session cookie (`n8n-auth=…`). */
export async function login(baseUrl: string): Promise<string> {
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		// 2.x names the field emailOrLdapLoginId; 1.x named it email.
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password }),
	});
	if (!response.ok) throw new Error(`n8n login failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n login gave no n8n-auth cookie');
	return cookie.split(';')[0];
}
