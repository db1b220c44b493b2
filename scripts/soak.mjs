// Soak test: builds once, then runs the whole Jest suite N times in a row beside CPU-burning
// processes, so that tests which depend on the machine's speed fail here rather than on CI
// (2 busy cores). Reports per run and at the end which tests failed and how often.
// Usage: npm run test:soak -- [N=20] [--burners K=2] [-- <jest args, e.g. a test path>]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'); // what `npx jest` runs
const usage = 'usage: npm run test:soak -- [N=20] [--burners K=2] [-- <jest args>]';

function parseArgs(argv) {
	const opts = { runs: 20, burners: 2, jestArgs: [] };
	let sawRuns = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const count = (value, what) => {
			if (!/^\d+$/.test(value ?? '')) fail(`${what} must be a whole number, got "${value ?? ''}"\n${usage}`);
			return Number(value);
		};
		if (arg === '--') opts.jestArgs.push(...argv.slice(i + 1)), (i = argv.length);
		else if (arg === '--help' || arg === '-h') console.log(usage), process.exit(0);
		else if (arg === '--burners') opts.burners = count(argv[++i], '--burners');
		else if (arg.startsWith('--burners=')) opts.burners = count(arg.slice(10), '--burners');
		else if (/^\d+$/.test(arg) && !sawRuns) (opts.runs = count(arg, 'N')), (sawRuns = true);
		else if (arg.startsWith('-')) fail(`unknown option ${arg}; put Jest options after a second --\n${usage}`);
		else opts.jestArgs.push(arg); // a test path
	}
	if (opts.runs < 1) fail(`N must be at least 1\n${usage}`);
	return opts;
}

function fail(message) {
	console.error(`soak: ${message}`);
	process.exit(2);
}

// Each burner spins on one core and exits by itself once its parent is gone (ppid changes on
// reparenting), so even a SIGKILLed soak leaves no burner behind.
const burnerCode = 'const p=process.ppid;for(;;){for(let i=0;i<5e7;i++);if(process.ppid!==p)process.exit(0)}';
const burners = [];
let current = null; // the running child (build or jest), in its own process group
let interrupted = false;

function startBurners(count) {
	for (let i = 0; i < count; i++) {
		burners.push(spawn(process.execPath, ['-e', burnerCode], { stdio: 'ignore' }));
	}
}

function stopAll() {
	for (const burner of burners.splice(0)) {
		if (burner.exitCode === null && burner.signalCode === null) {
			try { burner.kill('SIGKILL'); } catch { /* already gone */ }
		}
	}
	if (current) {
		try { process.kill(-current.pid, 'SIGKILL'); } catch { /* already gone */ }
	}
}

process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (interrupted) return;
		interrupted = true;
		console.error(`\nsoak: ${signal}: stopping jest and the burners`);
		stopAll();
		process.exitCode = 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal];
	});
}
process.on('uncaughtException', (error) => {
	stopAll();
	console.error('soak:', error);
	process.exit(1);
});

/** Runs a command in its own process group (so that it and its workers can be killed together). */
function run(command, args, { capture }) {
	return new Promise((resolve) => {
		let stderr = '';
		const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', capture ? 'ignore' : 'inherit', capture ? 'pipe' : 'inherit'] });
		current = child;
		child.stderr?.on('data', (chunk) => { stderr += chunk; });
		child.on('error', (error) => { stderr += `\n${error.message}`; });
		child.on('close', (code, signal) => {
			current = null;
			resolve({ code: code ?? 128, signal, stderr });
		});
	});
}

const leakPatterns = [
	[/worker process has failed to exit gracefully/i, 'a worker was force-exited'],
	[/open handles? potentially keeping Jest from exiting/i, 'open handles'],
	[/did not exit one second after the test run/i, 'jest did not exit (open handles)'],
];

/** Which tests failed in one run, from Jest's JSON report (or why there is no report). */
function failuresOf(reportFile, exitCode, stderr) {
	let report;
	try {
		report = JSON.parse(readFileSync(reportFile, 'utf8'));
	} catch {
		const why = stderr.trim().split('\n').pop()?.trim();
		return [`(no Jest report; jest exited with code ${exitCode}${why ? `: ${why.slice(0, 120)}` : ''})`];
	}
	const failed = [];
	for (const file of report.testResults ?? []) {
		const rel = path.relative(root, file.name);
		const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
		for (const t of tests) failed.push(`${rel} › ${t.fullName}`);
		if (file.status === 'failed' && tests.length === 0) {
			const why = (file.testExecError?.message || file.message || '').split('\n').map((l) => l.trim())
				.find((l) => l && !/^● Test suite failed to run$/.test(l));
			failed.push(`${rel} (suite failed${why ? `: ${why.slice(0, 120)}` : ''})`);
		}
	}
	if (failed.length === 0 && (exitCode !== 0 || !report.success)) {
		const why = stderr.split('\n').map((l) => l.trim()).find(Boolean);
		failed.push(`(jest exited with code ${exitCode} and named no failing test${why ? `: ${why.slice(0, 120)}` : ''})`);
	}
	return failed;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const opts = parseArgs(process.argv.slice(2));
const started = Date.now();
const work = mkdtempSync(path.join(tmpdir(), 'soak-'));
const failCounts = new Map();
const leaks = [];
const keptLogs = [];
let passed = 0;
let failed = 0;

console.log('soak: building once (npm run build)');
const build = await run('npm', ['run', 'build', '--silent'], { capture: false });
if (build.code !== 0 && !interrupted) fail(`the build failed (exit code ${build.code}); no runs made`);

if (!interrupted) {
	startBurners(opts.burners);
	const extra = opts.jestArgs.length ? ` ${opts.jestArgs.join(' ')}` : '';
	console.log(`soak: ${opts.runs} runs of jest --ci${extra} beside ${opts.burners} CPU burner(s) on ${availableParallelism()} core(s)`);
}
for (let i = 1; i <= opts.runs && !interrupted; i++) {
	const reportFile = path.join(work, `run-${i}.json`);
	const t0 = Date.now();
	const result = await run(process.execPath, [jestBin, '--ci', '--json', `--outputFile=${reportFile}`, ...opts.jestArgs], { capture: true });
	if (interrupted) break;
	const took = Date.now() - t0;
	const failures = failuresOf(reportFile, result.code, result.stderr);
	const leak = leakPatterns.filter(([re]) => re.test(result.stderr)).map(([, what]) => what);
	let line = `run ${i}/${opts.runs}: ${failures.length ? 'failed' : 'passed'}, ${seconds(took)}`;
	if (failures.length) {
		failed++;
		for (const name of failures) failCounts.set(name, (failCounts.get(name) ?? 0) + 1);
		line += failures.map((name) => `\n    ✗ ${name}`).join('');
	} else passed++;
	if (leak.length) {
		leaks.push(`run ${i}: ${leak.join(', ')}`);
		line += `\n    leak warning: ${leak.join(', ')}`;
	}
	if (failures.length || leak.length) {
		const log = path.join(work, `run-${i}.log`);
		writeFileSync(log, result.stderr);
		keptLogs.push(log);
	}
	console.log(line);
}
stopAll();

if (interrupted) console.log(`soak: interrupted after ${passed + failed} of ${opts.runs} runs`);
console.log(`${passed} passed, ${failed} failed`);
for (const [name, times] of [...failCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
	console.log(`  ${times}× ${name}`);
}
if (leaks.length) console.log(`leak warnings (${leaks.length} runs):\n${leaks.map((l) => `  ${l}`).join('\n')}`);
if (keptLogs.length) console.log(`jest output of those runs: ${work}/run-<i>.log`);
else rmSync(work, { recursive: true, force: true });
console.log(`total wall time ${seconds(Date.now() - started)}`);
if (!interrupted) process.exitCode = failed === 0 ? 0 : 1;
