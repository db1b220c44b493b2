// GET /usage (contract §2, §7): connected calls of a UTC month, billed per started minute.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import { validationError } from './errors.cts';
import type { SimCall } from './state.cts';

export function usage(req: SimRequest, calls: Iterable<SimCall>): SimResponse {
	const period = req.query.get('period') ?? new Date().toISOString().slice(0, 7);
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return validationError('period', 'must be YYYY-MM');
	const billed = [...calls].filter((call) => call.started_at?.startsWith(period));
	const minutes = billed.reduce((sum, call) => sum + Math.max(Math.ceil((call.duration_seconds ?? 0) / 60), 1), 0);
	return {
		status: 200,
		body: { partner_id: 'partner_sim', project_id: 'project_sim', period, call_count: billed.length, api_minutes: minutes, quota: { partner_limit: null, project_limit: null } },
	};
}
