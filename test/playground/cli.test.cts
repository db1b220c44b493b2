// `npm run simulate`: its flags, its banner, and a clear message (no stack trace) when its
// port is taken. The CLI runs as its own process, as a user starts it.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { parseSimulateArgs } from '../simulator/cli-args.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

const root = path.join(__dirname, '..', '..');

/** Starts the CLI; resolves when it exits, or when its stdout shows `until` (then stops it with SIGTERM). */
function simulate(args: string[], until?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, ['-r', './test/support/register.cjs', 'test/simulator/cli.cts', ...args], { cwd: root, env: { ...process.env, SIMULATOR_PORT: '' } });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString('utf8');
		if (until && stdout.includes(until)) child.kill('SIGTERM');
	});
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run simulate', () => {
	it('reads flags before environment variables, and callee scripts as a word or JSON', () => {
		const options = parseSimulateArgs(['--port', '4100', '--callee', '+14155550123=busy', '--callee', '13800138000={"says":["好的"]}', '--pamela-webhook-url', 'http://127.0.0.1:5678/webhook/x'], { SIMULATOR_PORT: '4200', SIMULATOR_TIME_SCALE: '0.1' });
		expect(options).toMatchObject({ port: 4100, timeScale: 0.1, pamelaWebhookUrl: 'http://127.0.0.1:5678/webhook/x', quiet: false });
		expect(options.callees).toEqual([
			{ number: '+14155550123', script: expect.objectContaining({ answer: 'busy' }) },
			{ number: '13800138000', script: expect.objectContaining({ answer: 'answer', says: ['好的'] }) },
		]);
		expect(parseSimulateArgs([], { SIMULATOR_PORT: '4200' }).port).toBe(4200);
		expect(parseSimulateArgs([], { SIMULATOR_PORT: '' })).toMatchObject({ port: 4010, timeScale: 1 });
		expect(() => parseSimulateArgs(['--port', 'x'], {})).toThrow('--port (or SIMULATOR_PORT) must be a port number 0-65535, not "x"');
		expect(() => parseSimulateArgs(['--callee', '+1415=maybe'], {})).toThrow('--callee "+1415=maybe": answer must be one of answer, busy, no-answer, reject, voicemail');
		expect(() => parseSimulateArgs(['--callee', '+1415={bad'], {})).toThrow('--callee "+1415={bad": the script is not valid JSON');
	});

	it('prints the credential values, the Telnyx Connection ID and a From number', async () => {
		const { code, stdout, stderr } = await simulate(['--port', '0', '--quiet'], 'Press Ctrl+C');
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toContain(`Connection ID ${TELNYX_CONNECTION_ID} (the only one accepted), From +14155550100`);
		expect(stdout).toMatch(/Webhook Public Key: \S{44}/);
		expect(stdout).toContain('Webhook Secret:     whsec_simulator_secret');
		expect(stdout).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/_control lists it/);
	}, 60000);

	it('says the port is taken and how to pick another, without a stack trace', async () => {
		const holder = net.createServer();
		await new Promise<void>((ready) => holder.listen(0, '127.0.0.1', ready));
		const port = (holder.address() as net.AddressInfo).port;
		try {
			const { code, stdout, stderr } = await simulate(['--port', String(port)]);
			expect(code).toBe(1);
			expect(stdout).toBe('');
			expect(stderr).toBe(
				`The simulator cannot listen on 127.0.0.1:${port}: port ${port} is already in use (another simulator? try curl http://127.0.0.1:${port}/_control).\n` +
					`Pick another port: SIMULATOR_PORT=${port + 1} npm run simulate, or npm run simulate -- --port ${port + 1}\n`,
			);
		} finally {
			holder.close();
		}
	}, 60000);
});
