// The shared outcome helpers: an empty outcome to fill in, the Maximum Wait timeout, times.
import { emptyOutcome, isoTime, OUTCOME_STATUSES, secondsBetween, timeoutOutcome } from '../../../nodes/shared/outcome.ts';

it('emptyOutcome leaves everything unreported null', () => {
	expect(emptyOutcome('pamela', 'call_1', { id: 'call_1' })).toEqual({
		provider: 'pamela',
		callId: 'call_1',
		status: 'failed',
		answered: false,
		startedAt: null,
		endedAt: null,
		durationSeconds: null,
		transcript: [],
		summary: null,
		gathered: null,
		cost: null,
		correlation: null,
		reason: null,
		raw: { id: 'call_1' },
	});
});

it('timeoutOutcome keeps what was known and says the Maximum Wait ran out', () => {
	const known = { ...emptyOutcome('telnyx', 'v3:x', {}), answered: true, startedAt: '2026-11-21T10:00:00Z', endedAt: 'x', durationSeconds: 5, correlation: { lead: 1 }, gathered: { digits: '1' } };
	expect(timeoutOutcome(known, 120)).toEqual({
		...known,
		status: 'timeout',
		endedAt: null,
		durationSeconds: null,
		reason: 'The call had not ended when the Maximum Wait of 120 s ran out',
	});
	expect(OUTCOME_STATUSES).toContain('timeout');
});

it.each([
	['2026-11-21T10:00:00Z', '2026-11-21T10:01:30Z', 90],
	['2026-11-21T10:00:02.500000Z', '2026-11-21T10:01:05.250000Z', 63],
	['2026-11-21T10:01:30Z', '2026-11-21T10:00:00Z', null],
	[null, '2026-11-21T10:00:00Z', null],
	['garbage', '2026-11-21T10:00:00Z', null],
])('secondsBetween(%s, %s) = %s', (from, to, seconds) => {
	expect(secondsBetween(from, to)).toBe(seconds);
});

it.each([
	['2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z'],
	[1795255200, '2026-11-21T10:00:00.000Z'],
	[1795255200000, '2026-11-21T10:00:00.000Z'],
	[Number.NaN, null],
	['', null],
	[null, null],
	[undefined, null],
])('isoTime(%s) = %s', (value, iso) => {
	expect(isoTime(value)).toBe(iso);
});
