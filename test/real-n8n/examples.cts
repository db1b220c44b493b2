// Every examples/*.json in a real n8n: imported as a user would (credentials pointed at the
// simulator, the placeholder n8n host replaced by this n8n), then run. A workflow with a Manual
// Trigger runs by `n8n execute`; one started by a trigger is activated and driven through n8n's
// webhook server by its driver in example-drivers.cts; one with neither is reported as skipped.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { pointAtSimulator } from './credentials.cts';
import { EXAMPLE_DRIVERS, type ExampleWorkflow } from './example-drivers.cts';
import type { RealN8n } from './n8n-process.cts';
import type { Check, Skip } from './report.cts';

const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');
/**
 * The inbound menu gets its own Call Control application: its trigger and the campaign's
 * outcome trigger would otherwise both point one application at themselves on activation.
 */
export const INBOUND_APPLICATION_ID = '1494404757140276799';
/** The lead qualification pair's trigger listens to all of its application's events: its own application too. */
export const LEAD_APPLICATION_ID = '1494404757140276788';
const APPLICATION_OF: Record<string, string> = {
	'telnyx-inbound-menu.json': INBOUND_APPLICATION_ID,
	'telnyx-lead-qualification-a-place-calls.json': LEAD_APPLICATION_ID,
	'telnyx-lead-qualification-b-qualified-leads.json': LEAD_APPLICATION_ID,
};

/** What examples leave for the user to fill in, and what stands in for it here. */
const placeholders = (n8nUrl: string, file: string): Array<[string, string]> => [
	['https://n8n.example.com/', n8nUrl],
	['REPLACE_WITH_YOUR_CALL_CONTROL_APPLICATION_ID', APPLICATION_OF[file] ?? TELNYX_CONNECTION_ID],
];

/** Gives the simulator the applications the examples name (before n8n activates them). */
export function prepareSimulator(simulator: RunningSimulator): void {
	simulator.telnyx.connection(INBOUND_APPLICATION_ID, {});
	simulator.telnyx.connection(LEAD_APPLICATION_ID, {});
}

/**
 * Drivers script callees in the one simulator all examples share; each starts without the ones
 * before it set (ai-agent-phone-tools' restaurant, +14155550142, is one of the IVR example's
 * pharmacies: its scripted lines replaced the phone menu there).
 */
function forgetCallees(simulator: RunningSimulator): void {
	simulator.pamela.callees.clear();
	simulator.telnyx.callees.clear();
	simulator.stepone.callees.clear();
}

export interface LoadedExample {
	file: string;
	id: string;
	workflow: ExampleWorkflow;
}

/** Reads examples/*.json, ready to import into the n8n at `n8nUrl` (e.g. `http://127.0.0.1:5678/`). */
export function loadExamples(n8nUrl: string): LoadedExample[] {
	const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
	return files.map((file, i) => {
		let text = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
		for (const [placeholder, value] of placeholders(n8nUrl, file)) text = text.split(placeholder).join(value);
		const workflow = pointAtSimulator(JSON.parse(text) as ExampleWorkflow);
		// n8n's import needs an ID of at most 21 characters.
		const id = `ex${i}${file.replace(/\.json$/, '').replace(/[^a-zA-Z0-9]/g, '')}`.slice(0, 21);
		return { file, id, workflow: { ...workflow, id, active: false } };
	});
}

/** The example files named by REAL_N8N_ONLY (comma-separated), or undefined for all. */
export function onlyExamples(): Set<string> | undefined {
	const only = process.env.REAL_N8N_ONLY?.split(',').map((f) => f.trim()).filter(Boolean);
	return only?.length ? new Set(only) : undefined;
}

export const isManual = (w: ExampleWorkflow) => w.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');

export class Examples {
	private readonly examples: LoadedExample[];

	constructor(
		private readonly n8n: RealN8n,
		private readonly simulator: RunningSimulator,
		private readonly check: Check,
		private readonly skip: Skip,
	) {
		// REAL_N8N_ONLY=a.json,b.json runs just those examples (and the examples they drive).
		const only = onlyExamples();
		this.examples = loadExamples(`http://127.0.0.1:${n8n.port}/`)
			.filter((e) => !only || only.has(e.file) || only.has(EXAMPLE_DRIVERS[e.file]?.drivenBy ?? ''))
			.map((e) => ({ ...e, workflow: EXAMPLE_DRIVERS[e.file]?.prepare?.(e.workflow) ?? e.workflow }));
		prepareSimulator(simulator);
	}

	private label = (e: LoadedExample) => `example ${e.file}`;

	idOf(file: string): string | undefined {
		return this.examples.find((e) => e.file === file)?.id;
	}

	async importAll(): Promise<void> {
		for (const example of this.examples) {
			await this.n8n.importJson('workflow', example.id, example.workflow);
			const driver = EXAMPLE_DRIVERS[example.file];
			if (driver?.activate) await this.n8n.activate(example.id);
		}
	}

	/** Examples with a Manual Trigger and no driver: `n8n execute`, passing when no node failed. */
	async runByExecute(): Promise<void> {
		for (const example of this.examples) {
			if (EXAMPLE_DRIVERS[example.file] || !isManual(example.workflow)) continue;
			try {
				const run = await this.n8n.execute(example.id);
				const runData = run.data.resultData.runData;
				const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error));
				this.check(this.label(example), failed.length === 0, failed.length ? failed.map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`).join('; ') : `n8n execute, ${Object.keys(runData).length} nodes ran`);
			} catch (error) {
				this.check(this.label(example), false, `n8n execute failed: ${lastLine(error)}`);
			}
		}
	}

	/** Examples with a driver: run while n8n serves webhooks; the rest without a Manual Trigger are skipped. */
	async runWithServer(): Promise<void> {
		for (const example of this.examples) {
			const driver = EXAMPLE_DRIVERS[example.file];
			if (!driver) {
				if (!isManual(example.workflow)) this.skip(this.label(example), `starts with ${starters(example.workflow)}, which needs an outside event and no driver in test/real-n8n/example-drivers.cts sends it`);
				continue;
			}
			if (driver.drivenBy) continue;
			if (driver.skip || !driver.run) {
				this.skip(this.label(example), driver.skip ?? 'no driver');
				continue;
			}
			const byFile = (file: string) => {
				const found = this.examples.find((e) => e.file === file);
				if (!found) throw new Error(`examples/${file} is missing`);
				return found;
			};
			const pair = Object.entries(EXAMPLE_DRIVERS).filter(([, d]) => d.drivenBy === example.file).map(([file]) => ` + ${file}`).join('');
			forgetCallees(this.simulator);
			try {
				const { ok, detail } = await driver.run({ n8n: this.n8n, simulator: this.simulator, workflow: example.workflow, idOf: (file) => byFile(file).id, workflowOf: (file) => byFile(file).workflow });
				this.check(`${this.label(example)}${pair}`, ok, detail);
			} catch (error) {
				this.check(`${this.label(example)}${pair}`, false, lastLine(error));
			}
		}
	}
}

function starters(w: ExampleWorkflow): string {
	const targets = new Set(Object.values(w.connections ?? {}).flatMap((c) => Object.values(c).flat(2).map((t) => (t as { node: string }).node)));
	return w.nodes.filter((n) => !targets.has(n.name)).map((n) => n.type.replace(/^.*\./, '')).join(', ');
}

function lastLine(error: unknown): string {
	const e = error as { stderr?: string; stdout?: string; message: string };
	const text = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim() || e.message;
	return text.split('\n').filter((l) => l.trim()).slice(-2).join(' ').slice(0, 300);
}
