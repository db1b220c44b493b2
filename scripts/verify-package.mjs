// Runs n8n's community-package verification on what would be published: the same ESLint
// rules n8n's scanner applies (inline disables ignored) over the source and over the packed
// tarball's dist/**/*.js and package.json, plus the package-shape rules (no runtime
// dependencies, only dist, README, LICENSE and package.json in the tarball).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (Object.keys(pkg.dependencies ?? {}).length > 0) {
	problems.push(`package.json has runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}); bundle them instead`);
}

const work = mkdtempSync(path.join(tmpdir(), 'n8n-verify-'));
try {
	const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	const files = packed[0].files.map((f) => f.path);
	const allowed = /^(dist\/.+|README\.md|LICENSE|package\.json)$/;
	const extra = files.filter((f) => !allowed.test(f));
	if (extra.length) problems.push(`the tarball holds files outside dist/: ${extra.join(', ')}`);
	for (const needed of ['README.md', 'LICENSE', 'package.json']) {
		if (!files.includes(needed)) problems.push(`the tarball lacks ${needed}`);
	}
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!files.includes(entry)) problems.push(`package.json lists ${entry}, which is not in the tarball (run npm run build)`);
	}
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, packed[0].filename), '-C', work]);

	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	const dist = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	for (const [what, result] of [['source', source], ['packed dist', dist]]) {
		if (!result.passed) problems.push(`n8n verification lint failed on the ${what}: ${result.message}\n${result.details ?? ''}`);
	}
	console.log(`Tarball: ${files.length} files, ${(packed[0].size / 1024).toFixed(0)} KiB packed, ${(packed[0].unpackedSize / 1024).toFixed(0)} KiB unpacked`);
} finally {
	rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
	console.error(problems.map((p) => `✗ ${p}`).join('\n'));
	process.exit(1);
}
console.log('✓ n8n community-package verification passed (source and packed dist lint, no runtime dependencies, tarball contents)');
