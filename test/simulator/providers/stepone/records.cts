// search_callinfo: a record exists only `recordDelayMs` (simulated) after the call has ended.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import type { SteponeSimulator } from './index.cts';

export function searchCallInfo(api: SteponeSimulator, req: SimRequest): SimResponse {
	const denied = api.authorised(req);
	if (denied) return denied;
	const callId = (req.body as { call_id?: unknown } | undefined)?.call_id;
	if (typeof callId !== 'string' || callId === '') return { status: 200, body: { success: false, message: 'call_id is required' } };
	const call = api.calls.get(callId);
	const visibleAt = call ? call.endsAt + api.recordDelayMs : Infinity;
	if (!call || api.sim.clock.now() < visibleAt) return { status: 200, body: { success: false, message: 'call record not found' } };
	const { script } = call;
	const turns = script.answered ? script.turns.slice(0, script.cutAfterTurns ?? script.turns.length) : [];
	const durationSeconds = script.answered ? Math.round((script.turns.length * script.turnGapMs) / 1000) : 0;
	return {
		status: 200,
		body: {
			success: true,
			data: {
				call_id: call.id,
				phones: call.phone,
				user_requirement: call.requirement ?? '',
				status: script.recordStatus ?? (script.answered ? 'completed' : 'no_answer'),
				duration_seconds: durationSeconds,
				cost: Math.ceil(durationSeconds / 60) * 0.12,
				billed: script.answered,
				ended_at: new Date(call.endsAt).toISOString(),
				call_content: turns,
				provider_response: JSON.stringify({ hangup_cause: script.hangupCause ?? (script.answered ? 'normal_clearing' : 'no_answer') }),
			},
		},
	};
}
