// initiate_call: validates like the contract says the server does and remembers each call.
import { randomUUID } from 'node:crypto';

import type { SimRequest, SimResponse } from '../../core/server.cts';
import { scriptFor } from './dialogue.cts';
import { scriptDurationMs, type SteponeScript } from './script.cts';
import type { SteponeSimulator } from './index.cts';

export const MOBILE = /^1[3-9]\d{9}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const MAX_REQUIREMENT = 20000;

export interface SteponeCall {
	id: string;
	phone: string;
	requirement?: string;
	agentId?: number;
	idempotencyKey?: string;
	/** Simulated ms (simulator clock) when placed, and when the conversation ends. */
	placedAt: number;
	endsAt: number;
	script: SteponeScript;
}

const failure = (message: string, status = 200): SimResponse => ({ status, body: { success: false, message } });

function checkPercent(body: Record<string, unknown>, field: string): string | undefined {
	if (body[field] === undefined) return undefined;
	const value = body[field];
	return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100 ? undefined : `${field} must be an integer 0-100`;
}

function checkShort(body: Record<string, unknown>, field: string): string | undefined {
	if (body[field] === undefined) return undefined;
	return typeof body[field] === 'string' && (body[field] as string).length <= 100 ? undefined : `${field} must be a string of at most 100 characters`;
}

export function initiateCall(api: SteponeSimulator, req: SimRequest): SimResponse {
	const denied = api.authorised(req);
	if (denied) return denied;
	const body = (req.body ?? {}) as Record<string, unknown>;
	const key = req.headers['idempotency-key'];
	if (key !== undefined && !IDEMPOTENCY_KEY.test(String(key))) return failure('invalid Idempotency-Key', 400);
	if (typeof body.phones !== 'string' || body.phones === '') return failure('phones is required');
	const phones = body.phones.split(',');
	const bad = phones.find((phone) => !MOBILE.test(phone));
	if (bad !== undefined) return failure(`invalid phone number: ${bad}`);
	const agentId = body.agent_id as number | undefined;
	if (agentId !== undefined && !(Number.isInteger(agentId) && api.agents.has(agentId))) return failure(`agent ${String(agentId)} not found`);
	const requirement = body.user_requirement;
	if (agentId === undefined && (typeof requirement !== 'string' || requirement.trim() === '')) return failure('user_requirement is required');
	if (typeof requirement === 'string' && requirement.length > MAX_REQUIREMENT) return failure('user_requirement too long');
	const problem = checkPercent(body, 'volume') ?? checkPercent(body, 'speed') ?? checkShort(body, 'model_engine') ?? checkShort(body, 'voice_id') ?? checkShort(body, 'emotion');
	if (problem) return failure(problem);
	if (body.model_engine !== undefined && !api.catalog.engines.some((e) => e.model_engine === body.model_engine)) return failure(`unknown model_engine ${String(body.model_engine)}`);
	if (body.voice_id !== undefined && !api.catalog.voices.some((v) => v.voice_id === body.voice_id)) return failure(`unknown voice_id ${String(body.voice_id)}`);

	const known = key === undefined || !api.dedupeIdempotencyKeys ? undefined : api.callsByKey.get(String(key));
	const ids = known ?? phones.map((phone) => {
		const script = api.scripts.get(phone) ?? scriptFor(api.callees.scripted(phone), requirement as string | undefined);
		const placedAt = api.sim.clock.now();
		const call: SteponeCall = {
			id: randomUUID(),
			phone,
			requirement: requirement as string | undefined,
			agentId,
			idempotencyKey: key === undefined ? undefined : String(key),
			placedAt,
			endsAt: placedAt + scriptDurationMs(script),
			script,
		};
		api.calls.set(call.id, call);
		return call.id;
	});
	if (key !== undefined && !known) api.callsByKey.set(String(key), ids);
	if (api.replyShape === 'top-level-call-id' && ids.length === 1) return { status: 200, body: { success: true, message: 'ok', call_id: ids[0] } };
	return { status: 200, body: { success: true, message: 'ok', data: { call_ids: ids } } };
}
