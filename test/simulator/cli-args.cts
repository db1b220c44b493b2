// `npm run simulate -- <flags>`: flags first, then environment variables, then defaults.
import { parseArgs } from 'node:util';

import { parseCallee, type ControlCallee } from './control.cts';

export interface SimulateOptions {
	port: number;
	timeScale: number;
	pamelaWebhookUrl?: string;
	pamelaToolUrl?: string;
	callees: Array<{ number: string; script: ControlCallee }>;
	quiet: boolean;
	help: boolean;
}

export const USAGE = `Usage: npm run simulate -- [flags]
  --port <n>                   listen on 127.0.0.1:<n> (default 4010, or SIMULATOR_PORT)
  --time-scale <x>             real ms per simulated ms: 0.1 runs provider delays 10x faster (SIMULATOR_TIME_SCALE, default 1)
  --pamela-webhook-url <url>   where Pamela call events go (e.g. a Pamela Trigger's URL)
  --pamela-tool-url <url>      where Pamela tool calls go (a Pamela Trigger in tool mode)
  --callee <number>=<script>   what the person at <number> does; <script> is an answer
                               (answer, busy, no-answer, reject, voicemail) or JSON, e.g.
                               --callee '+14155550123={"says":["Yes, 10 works"],"digits":"1"}'  (repeatable)
  --quiet                      do not print a line per request received
  --help`;

/** Reads the flags; throws an Error whose message says which flag is wrong and how to fix it. */
export function parseSimulateArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SimulateOptions {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'time-scale': { type: 'string' },
			'pamela-webhook-url': { type: 'string' },
			'pamela-tool-url': { type: 'string' },
			callee: { type: 'string', multiple: true },
			quiet: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
		strict: true,
	});
	const port = Number(values.port ?? (env.SIMULATOR_PORT || 4010));
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port (or SIMULATOR_PORT) must be a port number 0-65535, not "${values.port ?? env.SIMULATOR_PORT}"`);
	const timeScale = Number(values['time-scale'] ?? (env.SIMULATOR_TIME_SCALE || 1));
	if (!(timeScale >= 0)) throw new Error(`--time-scale (or SIMULATOR_TIME_SCALE) must be a number 0 or more, e.g. 0.1`);
	const callees = (values.callee ?? []).map((flag) => {
		const at = flag.indexOf('=');
		if (at < 1) throw new Error(`--callee "${flag}": write <number>=<answer or JSON>, e.g. +14155550123=busy`);
		const number = flag.slice(0, at);
		const text = flag.slice(at + 1).trim();
		let body: unknown;
		try {
			body = text.startsWith('{') ? JSON.parse(text) : { answer: text };
		} catch (error) {
			throw new Error(`--callee "${flag}": the script is not valid JSON (${(error as Error).message})`);
		}
		const script = parseCallee(body);
		if (typeof script === 'string') throw new Error(`--callee "${flag}": ${script}`);
		return { number, script };
	});
	return {
		port,
		timeScale,
		pamelaWebhookUrl: values['pamela-webhook-url'],
		pamelaToolUrl: values['pamela-tool-url'],
		callees,
		quiet: values.quiet ?? false,
		help: values.help ?? false,
	};
}
