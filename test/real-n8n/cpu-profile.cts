// A V8 CPU profile (.cpuprofile, as the inspector's Profiler.stop returns it) summarised as
// the functions with the most self time, and the inclusive time of a few frames by name.
import path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
export interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** Where a frame comes from, short: package (and file) or node's internals. */
function origin(url: string): string {
	if (!url) return '';
	if (url.startsWith('node:')) return url;
	const parts = url.replace(/^file:\/\//, '').split('/node_modules/');
	const last = parts[parts.length - 1];
	if (parts.length === 1) return path.basename(last);
	const segments = last.split('/');
	const pkg = segments[0].startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0];
	return `${pkg}/${path.basename(last)}`;
}

function frameKey(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const where = origin(url);
	return where ? `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}` : functionName || '(anonymous)';
}

export interface ProfileSummary {
	/** Busy time (ms): every sample except (idle). */
	busyMs: number;
	top: Array<{ frame: string; ms: number; share: number }>;
	/** Inclusive time (ms and share of busy) of frames whose key contains one of the `inclusive` names. */
	inclusive: Array<{ frame: string; ms: number; share: number }>;
	/** Self time by package (n8n-core, n8n-workflow, node:…, this package, GC, …). */
	byPackage: Array<{ pkg: string; ms: number; share: number }>;
}

export function summariseProfile(profile: CpuProfile, topN = 15, inclusiveNames: string[] = []): ProfileSummary {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map<string, number>();
	const pkgSelf = new Map<string, number>();
	const incl = new Map<string, number>();
	let busy = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const node = byId.get(profile.samples[i]);
		const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		if (!node || node.callFrame.functionName === '(idle)') continue;
		busy += dt;
		const key = frameKey(node);
		self.set(key, (self.get(key) ?? 0) + dt);
		const pkg = origin(node.callFrame.url).split('/')[0] || node.callFrame.functionName;
		pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + dt);
		if (!inclusiveNames.length) continue;
		const seen = new Set<string>();
		for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
			const k = frameKey(byId.get(id)!);
			if (!seen.has(k) && inclusiveNames.some((name) => k.includes(name))) {
				seen.add(k);
				incl.set(k, (incl.get(k) ?? 0) + dt);
			}
		}
	}
	const rows = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
	const share = (ms: number) => (busy ? ms / busy : 0);
	return {
		busyMs: busy,
		top: rows(self).slice(0, topN).map(([frame, ms]) => ({ frame, ms, share: share(ms) })),
		inclusive: rows(incl).slice(0, topN).map(([frame, ms]) => ({ frame, ms, share: share(ms) })),
		byPackage: rows(pkgSelf).slice(0, 10).map(([pkg, ms]) => ({ pkg, ms, share: share(ms) })),
	};
}

export function formatSummary(title: string, summary: ProfileSummary, requests: number): string {
	const pct = (s: number) => `${(s * 100).toFixed(1).padStart(5)} %`;
	const lines = [`${title}: ${summary.busyMs.toFixed(0)} ms busy in n8n's main process, ${(summary.busyMs / Math.max(1, requests)).toFixed(2)} ms per request`];
	lines.push('  top self time:');
	for (const row of summary.top) lines.push(`    ${pct(row.share)}  ${row.frame}`);
	if (summary.inclusive.length) {
		lines.push('  inclusive (self + callees):');
		for (const row of summary.inclusive) lines.push(`    ${pct(row.share)}  ${row.frame}`);
	}
	lines.push(`  self time by origin: ${summary.byPackage.map((p) => `${p.pkg} ${(p.share * 100).toFixed(0)}%`).join(', ')}`);
	return lines.join('\n');
}
