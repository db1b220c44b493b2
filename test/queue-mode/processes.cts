// Child processes of the queue-mode run: each in its own process group (so a worker and its
// task runner die together), its group ID written to <work>/pids for the shell's trap, output
// to <work>/logs, and its resident memory (the group's processes summed) sampled for the report.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class Processes {
	private readonly children = new Map<string, ChildProcess>();
	readonly peakRssMb = new Map<string, number>();
	private readonly windowPeakMb = new Map<string, number>();
	private sampler?: NodeJS.Timeout;

	constructor(private readonly work: string) {
		mkdirSync(path.join(work, 'pids'), { recursive: true });
		mkdirSync(path.join(work, 'logs'), { recursive: true });
	}

	start(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
		const log = openSync(path.join(this.work, 'logs', `${name}.log`), 'a');
		const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
		closeSync(log);
		this.children.set(name, child);
		writeFileSync(path.join(this.work, 'pids', name), String(child.pid));
		child.once('exit', () => {
			if (this.children.get(name) === child) {
				this.children.delete(name);
				rmSync(path.join(this.work, 'pids', name), { force: true });
			}
		});
		return child;
	}

	running(name: string): boolean {
		const child = this.children.get(name);
		return !!child && child.exitCode === null && child.signalCode === null;
	}

	/** Signals the whole group and waits for the leader to exit (SIGKILL after `graceMs`). */
	async stop(name: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 20000): Promise<void> {
		const child = this.children.get(name);
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		const kill = (sig: NodeJS.Signals) => {
			try {
				process.kill(-child.pid!, sig);
			} catch {
				// already gone
			}
		};
		kill(signal);
		const timer = setTimeout(() => kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
		if (signal === 'SIGKILL') kill('SIGKILL');
	}

	async stopAll(): Promise<void> {
		this.stopSampling();
		await Promise.all([...this.children.keys()].map((name) => this.stop(name)));
	}

	logOf(name: string): string {
		try {
			return readFileSync(path.join(this.work, 'logs', `${name}.log`), 'utf8');
		} catch {
			return '';
		}
	}

	/** Every second: RSS of each named group (leader and every descendant). */
	startSampling(): void {
		this.sampler = setInterval(() => {
			const table = processTable();
			for (const [name, child] of this.children) {
				if (!child.pid) continue;
				const mb = groupRssKb(table, child.pid) / 1024;
				this.peakRssMb.set(name, Math.max(this.peakRssMb.get(name) ?? 0, mb));
				this.windowPeakMb.set(name, Math.max(this.windowPeakMb.get(name) ?? 0, mb));
			}
		}, 1000);
		this.sampler.unref();
	}

	/** Peak RSS per process since the last call (one scenario's peaks). */
	takeWindowPeaks(): Map<string, number> {
		const peaks = new Map(this.windowPeakMb);
		this.windowPeakMb.clear();
		return peaks;
	}

	stopSampling(): void {
		if (this.sampler) clearInterval(this.sampler);
	}
}

interface ProcInfo {
	ppid: number;
	rssKb: number;
}

function processTable(): Map<number, ProcInfo> {
	const table = new Map<number, ProcInfo>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const status = readFileSync(`/proc/${entry}/status`, 'utf8');
			const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
			const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
			table.set(Number(entry), { ppid, rssKb });
		} catch {
			// exited meanwhile
		}
	}
	return table;
}

function groupRssKb(table: Map<number, ProcInfo>, root: number): number {
	let total = 0;
	const queue = [root];
	while (queue.length) {
		const pid = queue.pop()!;
		total += table.get(pid)?.rssKb ?? 0;
		for (const [child, info] of table) if (info.ppid === pid) queue.push(child);
	}
	return total;
}
