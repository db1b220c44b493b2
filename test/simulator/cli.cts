// `npm run simulate`: the simulator standalone, a playground for n8n credentials pointed at it.
// Prints what a credential and a first Place Call need, then a line per request received.
import { TELNYX_CONNECTION_ID } from './providers/telnyx/index.cts';
import { parseSimulateArgs, USAGE, type SimulateOptions } from './cli-args.cts';
import { CONTROL_PREFIX, registerControl, TELNYX_FROM } from './control.cts';
import { startSimulator, type RunningSimulator } from './index.cts';

function banner(running: RunningSimulator, options: SimulateOptions): string {
	const control = `${running.baseUrl}${CONTROL_PREFIX}`;
	return [
		`Provider simulator listening on ${running.baseUrl} (time scale ${options.timeScale}; loopback only, nothing is really called)`,
		'',
		'Telnyx API credential:',
		`  API Key:            ${running.telnyx.credentials().apiKey}`,
		`  Webhook Public Key: ${running.telnyx.publicKeyBase64}`,
		`  Base URL:           ${running.telnyx.baseUrl}`,
		'  Place Call:         Connection ID ' + TELNYX_CONNECTION_ID + ` (the only one accepted), From ${TELNYX_FROM}, To any E.164 number`,
		'Pamela API credential:',
		`  API Key:            ${running.pamela.credentials().apiKey}`,
		`  Webhook Secret:     ${running.pamela.webhookSecret}`,
		`  Base URL:           ${running.baseUrl}`,
		'  Place Call:         To any E.164 number, Task any text (the callee answers about it)',
		`  Events go to:       ${running.pamela.webhookUrl ?? '(nowhere yet: --pamela-webhook-url or PUT /_control/pamela)'}`,
		`  Tool calls go to:   ${running.pamela.toolUrl ?? '(nowhere yet: --pamela-tool-url or PUT /_control/pamela)'}`,
		'Stepone AI API credential:',
		`  API Key:            ${running.stepone.credentials().apiKey}`,
		`  Base URL:           ${running.baseUrl}`,
		`  Skill Version:      ${running.stepone.skillVersion}`,
		'  Place Call:         Phones mainland-China mobiles (e.g. 13800138000), Requirement any text (the dialogue follows it)',
		'',
		`Control API (README, "The simulator as a playground"): GET ${control} lists it. For example:`,
		`  curl -X PUT ${control}/callees/+14155550123 -H 'content-type: application/json' -d '{"answer":"busy"}'`,
		`  curl ${control}/requests`,
		...(options.callees.length ? ['', `Scripted callees: ${options.callees.map((c) => `${c.number} (${c.script.answer})`).join(', ')}`] : []),
		'',
		options.quiet ? 'Press Ctrl+C to stop.' : 'Requests received are listed below. Press Ctrl+C to stop.',
	].join('\n');
}

/** One line per API request the simulator received (its own /_ routes left out). */
function logRequests(running: RunningSimulator): NodeJS.Timeout {
	let seen = 0;
	const timer = setInterval(() => {
		for (; seen < running.sim.requests.length; seen++) {
			const request = running.sim.requests[seen];
			if (request.path.startsWith('/_')) continue;
			process.stdout.write(`${new Date(request.at).toISOString().slice(11, 19)}  ${request.method.padEnd(6)} ${request.path}\n`);
		}
	}, 100);
	timer.unref();
	return timer;
}

async function main(): Promise<void> {
	let options: SimulateOptions;
	try {
		options = parseSimulateArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
		process.exitCode = 2;
		return;
	}
	if (options.help) return void process.stdout.write(`${USAGE}\n`);
	let running: RunningSimulator;
	try {
		running = await startSimulator({ port: options.port, timeScale: options.timeScale });
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'EADDRINUSE' ? `port ${options.port} is already in use (another simulator? try curl http://127.0.0.1:${options.port}${CONTROL_PREFIX})` : (error as Error).message;
		const next = options.port + 1;
		process.stderr.write(`The simulator cannot listen on 127.0.0.1:${options.port}: ${why}.\nPick another port: SIMULATOR_PORT=${next} npm run simulate, or npm run simulate -- --port ${next}\n`);
		process.exitCode = 1;
		return;
	}
	registerControl(running);
	running.pamela.webhookUrl = options.pamelaWebhookUrl;
	running.pamela.toolUrl = options.pamelaToolUrl;
	for (const { number, script } of options.callees) {
		await fetch(`${running.baseUrl}${CONTROL_PREFIX}/callees/${encodeURIComponent(number)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(script) });
	}
	let timer: NodeJS.Timeout | undefined;
	const stop = () => {
		clearInterval(timer);
		void running.stop().then(() => process.exit(0));
	};
	// Before the banner: whoever reads "Press Ctrl+C" may stop it at once.
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	process.stdout.write(`${banner(running, options)}\n`);
	if (!options.quiet) timer = logRequests(running);
}

void main();
