import type { IDataObject } from 'n8n-workflow';

import { isFinalEvent } from '../outcome';

/** Events signed longer ago (or further ahead) than this are refused, unless the user changes it. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

/**
 * Why the body's signed `timestamp` (contract §5.2, ISO 8601, inside the signed body) is
 * refused, or undefined when it is within the window. Call events always carry it; a tool
 * call carries none in the contract (§5.3), so there it is checked only when present.
 */
export function timestampRefusal(body: IDataObject, windowSeconds: number, required: boolean, nowMs = Date.now()): string | undefined {
	const stamp = body.timestamp;
	if (stamp === undefined || stamp === null || stamp === '') return required ? 'the body has no timestamp' : undefined;
	const at = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
	if (!Number.isFinite(at)) return 'the timestamp is not an ISO 8601 time';
	if (Math.abs(nowMs - at) > windowSeconds * 1000) return `the timestamp is more than ${windowSeconds} s from now`;
	return undefined;
}

/**
 * What identifies one delivery, so a repeat of it starts nothing; undefined when the payload
 * carries no ID. A call ends once, so its final event is keyed by the call alone; other events
 * by call, event and signed time; a tool call by its correlation ID (unique per invocation).
 */
export function deliveryKey(body: IDataObject, mode: string): string | undefined {
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	if (mode === 'toolCall') {
		const correlation = text(body.correlation_id);
		return correlation && `tool:${correlation}`;
	}
	const callId = text(body.call_id);
	if (!callId) return undefined;
	if (isFinalEvent(body)) return `end:${callId}`;
	return `${String(body.event)}:${callId}:${String(body.timestamp ?? '')}`;
}

/** Until when a delivery key is kept (epoch ms): past the end of its timestamp's window, a replay is refused by the window itself. */
export function keepUntil(body: IDataObject, windowSeconds: number, nowMs = Date.now()): number {
	const at = typeof body.timestamp === 'string' ? Date.parse(body.timestamp) : Number.NaN;
	return Math.max(Number.isFinite(at) ? at : nowMs, nowMs) + windowSeconds * 1000;
}
