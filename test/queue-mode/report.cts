// The queue-mode report: one line of counts per campaign (calls placed, outcomes, duplicates,
// lost, wall time, calls per second), checks with their detail, then peak memory per process.
export interface CampaignCounts {
	scenario: string;
	contacts: number;
	placed: number;
	outcomes: number;
	duplicateCalls: number;
	duplicateRows: number;
	lost: number;
	/** Outcomes n8n ran more than once for one call (absorbed by the sink's upsert on call ID). */
	repeatedOutcomes: number;
	wallSeconds: number;
	callsPerSecond: number;
	/** Peak RSS per process while this scenario ran. */
	peakRssMb?: Map<string, number>;
	note?: string;
}

export class Report {
	private readonly rows: CampaignCounts[] = [];
	private readonly checks: Array<{ name: string; ok: boolean; detail: string }> = [];

	campaign(counts: CampaignCounts): void {
		this.rows.push(counts);
		console.log(`  ${counts.scenario}: ${counts.contacts} contacts, ${counts.placed} calls placed, ${counts.outcomes} outcomes, ` +
			`${counts.duplicateCalls} duplicate calls, ${counts.duplicateRows} duplicate rows, ${counts.lost} lost, ${counts.repeatedOutcomes} outcomes run twice, ` +
			`${counts.wallSeconds.toFixed(1)} s, ${counts.callsPerSecond.toFixed(1)} calls/s${counts.note ? ` (${counts.note})` : ''}`);
		if (counts.peakRssMb) console.log(`    peak RSS: ${memory(counts.peakRssMb)}`);
	}

	check(name: string, ok: boolean, detail = ''): void {
		this.checks.push({ name, ok, detail });
		console.log(`  ${ok ? '✓' : '✗'} ${name}${detail ? ` (${detail})` : ''}`);
	}

	/** Failed checks, plus campaigns with a duplicate call, a duplicate row or a contact without an outcome. */
	get failed(): number {
		const campaigns = this.rows.filter((r) => r.duplicateCalls > 0 || r.duplicateRows > 0 || r.lost > 0).length;
		return this.checks.filter((c) => !c.ok).length + campaigns;
	}

	print(peakRssMb: Map<string, number>): void {
		console.log('\n| scenario | contacts | calls placed | outcomes | duplicate calls | duplicate rows | lost | outcomes run twice | wall time | calls/s | peak RSS, MB |');
		console.log('|---|---|---|---|---|---|---|---|---|---|---|');
		for (const r of this.rows) {
			console.log(`| ${r.scenario} | ${r.contacts} | ${r.placed} | ${r.outcomes} | ${r.duplicateCalls} | ${r.duplicateRows} | ${r.lost} | ${r.repeatedOutcomes} | ${r.wallSeconds.toFixed(1)} s | ${r.callsPerSecond.toFixed(1)} | ${r.peakRssMb ? memory(r.peakRssMb, false) : ''} |`);
		}
		console.log(`\npeak RSS over the whole run (process and its task runner): ${memory(peakRssMb)}`);
		console.log(`queue-mode: ${this.checks.filter((c) => c.ok).length} of ${this.checks.length} checks passed; ${this.failed} failures (checks, and campaigns with duplicates or lost contacts)`);
	}
}

function memory(peaks: Map<string, number>, unit = true): string {
	return [...peaks].map(([name, mb]) => `${name} ${mb.toFixed(0)}${unit ? ' MB' : ''}`).join(', ');
}
