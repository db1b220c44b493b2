// Simulated time: provider delays (ringing, record delay, 30 s SSE timeout) are multiplied
// by `scale`, so tests run a 30 s timeout in 300 ms with scale 0.01.
export class Clock {
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(public scale: number) {}

	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => this.after(ms, resolve));
	}

	after(ms: number, run: () => void): NodeJS.Timeout {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			run();
		}, Math.max(0, Math.round(ms * this.scale)));
		this.timers.add(timer);
		return timer;
	}

	every(ms: number, run: () => void): NodeJS.Timeout {
		const timer = setInterval(run, Math.max(1, Math.round(ms * this.scale)));
		this.timers.add(timer);
		return timer;
	}

	cancel(timer: NodeJS.Timeout): void {
		clearTimeout(timer);
		clearInterval(timer);
		this.timers.delete(timer);
	}

	cancelAll(): void {
		for (const timer of this.timers) this.cancel(timer);
	}
}
