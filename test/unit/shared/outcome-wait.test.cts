// The poll schedule of Wait for Outcome: from about the ring time, backing off to a cap.
import { PollBackoff } from '../../../nodes/shared/outcomeWait.ts';

describe('PollBackoff', () => {
	it('starts at 3x the interval, grows 1.25x per check and stays at 6x', () => {
		const backoff = new PollBackoff(5000);
		const delays = Array.from({ length: 8 }, () => backoff.next());
		expect(delays).toEqual([15000, 18750, 23437.5, 29296.875, 30000, 30000, 30000, 30000]);
	});

	it('checks a two-minute call about six times, and a ten-minute one 22 times', () => {
		const checksWithin = (ms: number) => {
			const backoff = new PollBackoff(5000);
			let at = 0;
			let checks = 0;
			while ((at += backoff.next()) <= ms) checks++;
			return checks + 1;
		};
		expect(checksWithin(120000)).toBe(6);
		expect(checksWithin(600000)).toBe(22);
	});
});
