// CPU profiling of a running Node process (started with --inspect=host:port) over the
// inspector protocol, so a profile covers one phase of a run instead of the whole process.
import type { CpuProfile } from './cpu-profile.cts';

export class InspectorProfiler {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
			const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!waiter) return;
			this.pending.delete(message.id!);
			if (message.error) waiter.reject(new Error(message.error.message));
			else waiter.resolve(message.result);
		});
	}

	/** Connects to the first target of the inspector listening on `port`. */
	static async connect(port: number): Promise<InspectorProfiler> {
		const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
		if (!targets.length) throw new Error(`no inspector target on port ${port}`);
		const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
		await new Promise<void>((resolve, reject) => {
			socket.addEventListener('open', () => resolve(), { once: true });
			socket.addEventListener('error', () => reject(new Error('inspector connection failed')), { once: true });
		});
		const profiler = new InspectorProfiler(socket);
		await profiler.send('Profiler.enable');
		return profiler;
	}

	private send(method: string, params: Record<string, unknown> = {}): Promise<any> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	async start(intervalMicros = 500): Promise<void> {
		await this.send('Profiler.setSamplingInterval', { interval: intervalMicros });
		await this.send('Profiler.start');
	}

	async stop(): Promise<CpuProfile> {
		return ((await this.send('Profiler.stop')) as { profile: CpuProfile }).profile;
	}

	close(): void {
		this.socket.close();
	}
}
