// `npm run simulate`: the simulator standalone, for pointing n8n credentials at it.
import { startSimulator } from './index.cts';

async function main() {
	const port = Number(process.env.SIMULATOR_PORT ?? 4010);
	const timeScale = Number(process.env.SIMULATOR_TIME_SCALE ?? 1);
	const running = await startSimulator({ port, timeScale });
	const lines = [
		`Provider simulator listening on ${running.baseUrl} (time scale ${timeScale})`,
		'',
		'Telnyx API credential:',
		`  API Key:            ${running.telnyx.credentials().apiKey}`,
		`  Webhook Public Key: ${running.telnyx.publicKeyBase64}`,
		`  Base URL:           ${running.telnyx.baseUrl}`,
		'Pamela API credential:',
		`  API Key:            ${running.pamela.credentials().apiKey}`,
		`  Webhook Secret:     ${running.pamela.webhookSecret}`,
		`  Base URL:           ${running.baseUrl}`,
		'Stepone AI API credential:',
		`  API Key:            ${running.stepone.credentials().apiKey}`,
		`  Base URL:           ${running.baseUrl}`,
		`  Skill Version:      ${running.stepone.skillVersion}`,
		'',
		'Press Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = () => void running.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
