// /calls endpoints (contract §2–§4): create with validation, get, list with filters and
// limit/offset pagination, cancel and hang-up.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import { pamelaError, validationError } from './errors.cts';
import type { CallLifecycle, PamelaCalleeScript } from './lifecycle.cts';
import { FINAL, wireCall, type CallStatus, type SimCall, type TranscriptShape } from './state.cts';

const E164 = /^\+[1-9]\d{6,14}$/;
const VOICES = ['male', 'female', 'auto'];
const STATUSES: CallStatus[] = ['queued', 'ringing', 'in_progress', 'completed', 'failed', 'cancelled'];

export interface CallSettings {
	/** Countries Pamela does not call: 7005. */
	unsupportedCountries: Set<string>;
	/** Supported countries without an outgoing number: 7004. */
	countriesWithoutNumber: Set<string>;
	transcriptShape: () => TranscriptShape;
	/** What the person at `number` does; one who was given no lines answers about `task`. */
	callee(number: string, task: string): PamelaCalleeScript;
	/** Simulated now (ms), from the simulator clock. */
	now(): number;
}

export class PamelaCalls {
	readonly calls = new Map<string, SimCall>();
	/** The query of every GET /calls, to check what a client sent. */
	readonly listQueries: URLSearchParams[] = [];
	private counter = 0;

	constructor(
		private readonly lifecycle: CallLifecycle,
		private readonly settings: CallSettings,
	) {}

	private validate(body: Record<string, unknown>): SimResponse | undefined {
		if (typeof body.to !== 'string' || !body.to) return validationError('to', 'field required');
		if (!E164.test(body.to)) return pamelaError(400, 2002, 'Invalid phone number format', { to: body.to, expected: 'E.164, e.g. +14155550123' });
		if (typeof body.task !== 'string' || !body.task.trim()) return validationError('task', 'field required');
		if (body.voice !== undefined && !VOICES.includes(String(body.voice))) return validationError('voice', 'must be male, female or auto');
		if (body.max_duration_seconds !== undefined && !(Number.isInteger(body.max_duration_seconds) && Number(body.max_duration_seconds) > 0)) {
			return validationError('max_duration_seconds', 'must be a positive integer');
		}
		if (body.metadata !== undefined && (typeof body.metadata !== 'object' || body.metadata === null || Array.isArray(body.metadata))) {
			return validationError('metadata', 'must be an object');
		}
		if (body.tools !== undefined && !Array.isArray(body.tools)) return validationError('tools', 'must be an array');
		if (body.country !== undefined) {
			const country = String(body.country);
			if (!/^[A-Z]{2}$/.test(country)) return validationError('country', 'must be an ISO 3166-1 alpha-2 code');
			// The SDK maps these to CallError, so the status is none of 400/401/403/422/429; 409 is the simulator's pick.
			if (this.settings.unsupportedCountries.has(country)) return pamelaError(409, 7005, `Unsupported country: ${country}`, { country });
			if (this.settings.countriesWithoutNumber.has(country)) return pamelaError(409, 7004, `No phone number available for country ${country}`, { country });
		}
		return undefined;
	}

	create(req: SimRequest): SimResponse {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const invalid = this.validate(body);
		if (invalid) return invalid;
		const n = ++this.counter;
		const call: SimCall = {
			id: `call_${n.toString().padStart(4, '0')}`,
			call_session_id: `sess_${n.toString().padStart(4, '0')}`,
			status: 'queued',
			to: String(body.to),
			task: String(body.task),
			created_at: new Date(this.settings.now()).toISOString(),
			metadata: body.metadata as Record<string, unknown> | undefined,
			request: body,
			transcript: [],
		};
		this.calls.set(call.id, call);
		void this.lifecycle.run(call, this.settings.callee(call.to, call.task));
		return { status: 201, body: { id: call.id, status: call.status, call_session_id: call.call_session_id, created_at: call.created_at } };
	}

	get(req: SimRequest): SimResponse {
		const call = this.calls.get(req.params.id);
		if (!call) return pamelaError(404, 7003, 'Call not found', { call_id: req.params.id });
		return { status: 200, body: wireCall(call, this.settings.transcriptShape(), this.settings.now()) };
	}

	/** `status_filter` (current SDK) or `status` (earlier SDK); limit ≤ 100. */
	list(req: SimRequest): SimResponse {
		this.listQueries.push(req.query);
		const limit = Number(req.query.get('limit') ?? 50);
		const offset = Number(req.query.get('offset') ?? 0);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) return validationError('limit', 'must be between 1 and 100');
		if (!Number.isInteger(offset) || offset < 0) return validationError('offset', 'must be 0 or more');
		const status = req.query.get('status_filter') ?? req.query.get('status');
		if (status && !STATUSES.includes(status as CallStatus)) return validationError('status_filter', `must be one of ${STATUSES.join(', ')}`);
		const start = req.query.get('start_date');
		const end = req.query.get('end_date');
		for (const [name, value] of [['start_date', start], ['end_date', end]] as const) {
			if (value && Number.isNaN(Date.parse(value))) return validationError(name, 'must be an ISO 8601 date');
		}
		const matching = [...this.calls.values()]
			.filter((call) => !status || call.status === status)
			.filter((call) => !start || Date.parse(call.created_at) >= Date.parse(start))
			.filter((call) => !end || Date.parse(call.created_at) <= Date.parse(end))
			.reverse();
		const items = matching.slice(offset, offset + limit).map((call) => wireCall(call, this.settings.transcriptShape(), this.settings.now()));
		return { status: 200, body: { items, total: matching.length, limit, offset } };
	}

	cancel(req: SimRequest): SimResponse {
		const call = this.calls.get(req.params.id);
		if (!call) return pamelaError(404, 7003, 'Call not found', { call_id: req.params.id });
		if (FINAL.includes(call.status)) return validationError('status', `the call has already ended (${call.status})`);
		this.lifecycle.cancel(call);
		return { status: 200, body: { success: true, call_id: call.id, status: call.status } };
	}

	hangup(req: SimRequest): SimResponse {
		const call = this.calls.get(req.params.id);
		if (!call) return pamelaError(404, 7003, 'Call not found', { call_id: req.params.id });
		if (call.status !== 'in_progress') return validationError('status', `the call is not in progress (${call.status})`);
		this.lifecycle.complete(call, 'The call was hung up');
		return { status: 200, body: { success: true, call_id: call.id, status: call.status } };
	}
}
