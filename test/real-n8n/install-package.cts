// Installs this package into an n8n user folder the way n8n's community-package installer
// does: packed, then `npm install` in `<user>/.n8n/nodes` without dev and peer dependencies.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * `npm run` hands the user's npmrc to its children as `npm_config_*`; npm 11 then warns
 * "Unknown env config nodedir" (a machine-wide npmrc here sets it) on every nested command.
 */
function npmEnv(node: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
	for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
	return env;
}

/** `node` is the Node binary whose npm installs (n8n 1.x users are on Node 20). Returns the tarball's path. */
export function installPackage(userFolder: string, node: string = process.execPath): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	const env = npmEnv(node);
	const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', userFolder], { cwd: root, encoding: 'utf8', env }));
	const tarball = path.join(userFolder, packed[0].filename);
	// --engine-strict: a user whose npm refuses packages for another Node must still get this one.
	execFileSync('npm', ['install', tarball, '--omit=dev', '--omit=peer', '--engine-strict', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodesDir, env });
	return tarball;
}

/**
 * The README's self-hosted way: a plain `npm install <tarball>` (peers not omitted) with
 * --engine-strict, in a scratch folder. Returns what npm put in node_modules.
 */
export function plainNpmInstall(tarball: string, folder: string, node: string = process.execPath): string[] {
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'plain-install', private: true }));
	const env = npmEnv(node);
	execFileSync('npm', ['install', tarball, '--engine-strict', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, env });
	return readdirSync(path.join(folder, 'node_modules')).filter((name) => !name.startsWith('.'));
}
