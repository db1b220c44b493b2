// Results of the real-n8n check, per n8n version: printed as they come, then one table with a
// column per version so that a difference between 1.x and 2.x shows on one line.
export type Check = (name: string, ok: boolean, detail?: string) => void;
/** A check that could not run headless, with the reason. */
export type Skip = (name: string, reason: string) => void;

type Result = { ok: boolean | 'skip'; detail: string };

export class Report {
	private readonly rows = new Map<string, Map<string, Result>>();
	private readonly versions: string[] = [];

	for(version: string): { check: Check; skip: Skip } {
		if (!this.versions.includes(version)) this.versions.push(version);
		const put = (name: string, result: Result) => {
			if (!this.rows.has(name)) this.rows.set(name, new Map());
			this.rows.get(name)!.set(version, result);
			const mark = result.ok === 'skip' ? '-' : result.ok ? '✓' : '✗';
			process.stdout.write(`[n8n ${version}] ${mark} ${name}${result.detail ? ` (${result.detail})` : ''}\n`);
		};
		return {
			check: (name, ok, detail = '') => put(name, { ok, detail }),
			skip: (name, reason) => put(name, { ok: 'skip', detail: `skipped: ${reason}` }),
		};
	}

	get failed(): number {
		return [...this.rows.values()].flatMap((row) => [...row.values()]).filter((r) => r.ok === false).length;
	}

	table(): string {
		const cell = (r?: Result) => (r === undefined ? 'not run' : r.ok === 'skip' ? 'skip' : r.ok ? 'pass' : 'FAIL');
		const header = `| check | ${this.versions.map((v) => `n8n ${v}`).join(' | ')} |`;
		const rule = `|---|${this.versions.map(() => '---').join('|')}|`;
		const lines = [...this.rows].map(([name, row]) => `| ${name} | ${this.versions.map((v) => cell(row.get(v))).join(' | ')} |`);
		const all = [...this.rows.values()].flatMap((row) => [...row.values()]);
		const count = (ok: Result['ok']) => all.filter((r) => r.ok === ok).length;
		return [header, rule, ...lines, '', `real-n8n: ${count(true)} passed, ${count(false)} failed, ${count('skip')} skipped`].join('\n');
	}
}
