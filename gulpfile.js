// Build: each node and credential is bundled into one CommonJS file under dist/, with
// libphonenumber-js and eventsource-parser inlined so the published package needs no
// runtime dependency. n8n-workflow stays external: n8n provides it (peer dependency).
const { src, dest, series, parallel } = require('gulp');
const { rm } = require('node:fs/promises');
const path = require('node:path');
const esbuild = require('esbuild');
const glob = require('fast-glob');

const root = __dirname;

function clean() {
	return rm(path.join(root, 'dist'), { recursive: true, force: true });
}

async function bundle() {
	const entryPoints = await glob(['nodes/**/*.node.ts', 'credentials/*.credentials.ts'], { cwd: root });
	await esbuild.build({
		absWorkingDir: root,
		entryPoints,
		outdir: 'dist',
		outbase: '.',
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		external: ['n8n-workflow'],
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.build = series(clean, parallel(bundle, copyAssets));
exports.default = exports.build;
