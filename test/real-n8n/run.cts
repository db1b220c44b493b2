// The real-n8n check: for each n8n given on the command line (`<major>:<n8n bin>:<node bin>`),
// installs the packed package into a fresh user folder as n8n's installer does, imports the
// simulator credentials, the smoke workflows and every examples/*.json, runs them, and prints
// one table with a column per n8n version. scripts/real-n8n.sh installs n8n and calls this.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startSimulator } from '../simulator/index.cts';
import { chatModelUrl } from './chat-model.cts';
import { importSimulatorCredentials } from './credentials.cts';
import { Examples, onlyExamples } from './examples.cts';
import { installPackage, plainNpmInstall } from './install-package.cts';
import { RealN8n, type N8nInstall } from './n8n-process.cts';
import { ownerByEnv } from './owner.cts';
import { Report, type Check } from './report.cts';
import { canScreenshot, screenshotWorkflow } from './screenshot.cts';
import { importSmoke, pamelaToolThroughWebhookServer, steponeByExecute, telnyxThroughWebhookServer } from './smoke.cts';
import { importTelnyxWait, telnyxWaitForOutcome } from './telnyx-wait.cts';

function parse(arg: string): N8nInstall & { version: string } {
	const [major, bin, node] = arg.split(':');
	const pkg = path.join(path.dirname(bin), '..', 'n8n', 'package.json');
	const version = JSON.parse(readFileSync(pkg, 'utf8')).version as string;
	return { major: Number(major) as 1 | 2, bin, node, version };
}

/** What n8n lists after start (the editor's type files, written into the user folder). */
async function checkLoaded(n8n: RealN8n, check: Check) {
	const dir = path.join(n8n.userFolder, '.cache/n8n/public/types');
	const parse = (file: string) => {
		try {
			return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<{ name: string }>;
		} catch {
			return undefined;
		}
	};
	// n8n 1.x writes them while and after it answers ready.
	for (let i = 0; i < 120 && !(parse('nodes.json') && parse('credentials.json')); i++) await new Promise((resolve) => setTimeout(resolve, 250));
	const read = (file: string) => parse(file) ?? [];
	const ours = read('nodes.json').map((t) => t.name).filter((n) => n.startsWith('n8n-nodes-ai-calls.'));
	const tools = ours.filter((n) => n.endsWith('Tool'));
	const creds = read('credentials.json').map((c) => c.name).filter((n) => ['pamelaApi', 'telnyxApi', 'steponeAiApi'].includes(n));
	check('the package loads: 3 credentials, 5 nodes, 3 AI-tool variants', creds.length === 3 && ours.length - tools.length === 5 && tools.length === 3, `${creds.length} credentials, ${ours.length - tools.length} nodes, ${tools.length} tools: ${tools.map((t) => t.replace(/^.*\./, '')).join(', ')}`);
}

const SCREENSHOT_CHECK = 'editor screenshots of an example after a run and of its Connection picker list (docs/screenshots/)';

/** The Telnyx campaign example after its run, its Place Call node and Connection list, in the editor. */
async function screenshot(n8n: RealN8n, examples: Examples, check: Check, skip: (name: string, reason: string) => void) {
	const name = SCREENSHOT_CHECK;
	const why = canScreenshot();
	const id = examples.idOf('two-workflow-telnyx-a-place-calls.json');
	if (why || !id) return skip(name, why ?? 'examples/two-workflow-telnyx-a-place-calls.json is missing');
	const saved = await screenshotWorkflow(`http://127.0.0.1:${n8n.port}`, id, 'example-telnyx-campaign', 'Place Call');
	check(name, saved.length === 3, saved.map((p) => path.relative(process.cwd(), p)).join(', '));
}

async function runOne(install: N8nInstall & { version: string }, port: number, report: Report) {
	const { check, skip } = report.for(install.version);
	const timings: string[] = [];
	const phase = async (name: string, work: () => Promise<unknown>) => {
		const started = Date.now();
		try {
			await work();
		} catch (error) {
			check(`${name} phase`, false, (error as Error).message.split('\n')[0]);
		}
		timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
	};
	const userFolder = mkdtempSync(path.join(tmpdir(), `n8n${install.major}-real-`));
	const simulator = await startSimulator({ timeScale: 0.05 });
	const n8n = new RealN8n(install, userFolder, port);
	const examples = new Examples(n8n, simulator, check, skip);
	// 2.x: an owner set by env, for the editor screenshot.
	if (install.major === 2) ownerByEnv(n8n, install.bin);
	try {
		// With REAL_N8N_ONLY only the named examples run: the package checks, smoke workflows,
		// Wait for Outcome and screenshots are left to the full run.
		const full = !onlyExamples();
		await phase('install package', async () => {
			const tarball = installPackage(userFolder, install.node);
			if (!full) return;
			const installed = plainNpmInstall(tarball, path.join(userFolder, 'plain-npm'), install.node);
			check('plain npm install of the tarball with --engine-strict, on this n8n\'s Node, adds nothing beside the package', installed.join(',') === 'n8n-nodes-ai-calls', `Node ${install.major === 1 ? 20 : 24}: ${installed.join(', ')}`);
		});
		await phase('import', async () => {
			await importSimulatorCredentials(n8n, simulator, chatModelUrl(n8n.port));
			if (full) await importSmoke(n8n);
			if (full) await importTelnyxWait(n8n, simulator);
			await examples.importAll();
			await n8n.flush();
		});
		await phase('n8n execute', async () => {
			if (full) await steponeByExecute(n8n, check);
			await examples.runByExecute();
		});
		await phase('start', () => n8n.start());
		await phase('server checks', async () => {
			await checkLoaded(n8n, check);
			if (full) await telnyxThroughWebhookServer(n8n, simulator, check);
			if (full) await pamelaToolThroughWebhookServer(n8n, simulator, check);
			await examples.runWithServer();
			if (full) await telnyxWaitForOutcome(n8n, simulator, check);
		});
		if (!full) skip(SCREENSHOT_CHECK, 'REAL_N8N_ONLY is set');
		else if (install.major === 2) await phase('screenshot', () => screenshot(n8n, examples, check, skip));
		else skip(SCREENSHOT_CHECK, 'taken in n8n 2.x only (the README shows 2.x)');
	} finally {
		await n8n.stop();
		await simulator.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
	process.stdout.write(`[n8n ${install.version}] timings (Node ${install.node}): ${timings.join(', ')}\n`);
}

async function main() {
	const installs = process.argv.slice(2).map(parse);
	const report = new Report();
	const started = Date.now();
	// One after the other: two n8n servers and their runners on two cores would slow both.
	for (const [i, install] of installs.entries()) await runOne(install, Number(process.env.REAL_N8N_PORT ?? 5688) + 10 * i, report);
	process.stdout.write(`\n${report.table()}\nreal-n8n: ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`);
	process.exitCode = report.failed ? 1 : 0;
}

void main();
