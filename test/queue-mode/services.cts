// Postgres and Redis on loopback for the queue-mode run, from the Debian packages, as children
// of this process in a throw-away folder (no system cluster, nothing left behind).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { Processes } from './processes.cts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const PG = { host: '127.0.0.1', port: 15632, database: 'n8n', user: 'n8n', password: 'n8n-queue-mode' };
export const REDIS_PORT = 15679;

function pgBin(): string {
	const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
	return `/usr/lib/postgresql/${versions[versions.length - 1]}/bin`;
}

const asPostgres = (command: string) => ['postgres', '-s', '/bin/sh', '-c', command];

export async function startPostgres(processes: Processes, work: string): Promise<void> {
	const dir = path.join(work, 'pg');
	mkdirSync(dir, { recursive: true });
	const { uid, gid } = userIds('postgres');
	chownSync(dir, uid, gid);
	const bin = pgBin();
	execFileSync('su', asPostgres(`${bin}/initdb -D '${dir}' -A trust -U postgres --no-sync >/dev/null`));
	processes.start('postgres', 'su', asPostgres(`exec ${bin}/postgres -D '${dir}' -p ${PG.port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`));
	for (let i = 0; i < 100; i++) {
		try {
			execFileSync(`${bin}/pg_isready`, ['-h', PG.host, '-p', String(PG.port)], { stdio: 'ignore' });
			break;
		} catch {
			await sleep(200);
		}
	}
	const psql = (sql: string) => execFileSync(`${bin}/psql`, ['-h', PG.host, '-p', String(PG.port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'ignore' });
	psql(`CREATE USER ${PG.user} PASSWORD '${PG.password}' SUPERUSER`);
	psql(`CREATE DATABASE ${PG.database} OWNER ${PG.user}`);
}

export async function startRedis(processes: Processes, work: string): Promise<void> {
	const dir = path.join(work, 'redis');
	mkdirSync(dir, { recursive: true });
	processes.start('redis', 'redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no']);
	for (let i = 0; i < 100; i++) {
		try {
			if (execFileSync('redis-cli', ['-p', String(REDIS_PORT), 'ping'], { encoding: 'utf8' }).trim() === 'PONG') return;
		} catch {
			// not up yet
		}
		await sleep(100);
	}
	throw new Error('Redis did not start');
}

/** Redis down for `ms`: saved first (as a restart of a persistent Redis keeps its data), then started again. */
export async function dropRedis(processes: Processes, work: string, ms: number): Promise<void> {
	execFileSync('redis-cli', ['-p', String(REDIS_PORT), 'shutdown', 'save']);
	await sleep(ms);
	if (!existsSync(path.join(work, 'redis', 'dump.rdb'))) throw new Error('Redis saved nothing before going down');
	await startRedis(processes, work);
}

function userIds(name: string): { uid: number; gid: number } {
	const [uid, gid] = execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim().split('\n').map(Number);
	return { uid, gid: gid ?? Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()) };
}
