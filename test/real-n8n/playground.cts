// `npm run playground`: a real n8n 2.x on loopback with this package installed as n8n's
// installer does, the provider simulator beside it, credentials pointing at the simulator and
// examples/*.json imported. Prints the editor URL and the login; Ctrl-C stops everything.
// Everything lives in .n8n-playground/ in the project (made afresh at each start).
import { rmSync } from 'node:fs';
import path from 'node:path';

import { CONTROL_PREFIX, registerControl } from '../simulator/control.cts';
import { startSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { importSimulatorCredentials } from './credentials.cts';
import { INBOUND_APPLICATION_ID, isManual, loadExamples, prepareSimulator } from './examples.cts';
import { leadsOf, scriptPamelaCallees, scriptTelnyxCallees } from './drivers/two-workflow.cts';
import { installPackage } from './install-package.cts';
import { RealN8n } from './n8n-process.cts';
import { OWNER, ownerByEnv } from './owner.cts';

async function main() {
	const bin = process.argv[2];
	const port = Number(process.env.N8N_PORT ?? 5678);
	const simulatorPort = Number(process.env.SIMULATOR_PORT ?? 4010);
	const userFolder = path.resolve(__dirname, '../../.n8n-playground');
	rmSync(userFolder, { recursive: true, force: true });

	const say = (line: string) => process.stdout.write(`${line}\n`);
	const simulator = await startSimulator({ port: simulatorPort, timeScale: Number(process.env.SIMULATOR_TIME_SCALE ?? 1) });
	registerControl(simulator);
	const n8n = new RealN8n({ bin, node: process.execPath, major: 2 }, userFolder, port);
	ownerByEnv(n8n, bin);
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('\nplayground: stopping n8n and the simulator…');
		await n8n.stop();
		await simulator.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		say(`playground: simulator on ${simulator.baseUrl}; installing the packed package into ${path.relative(process.cwd(), userFolder)}/ …`);
		installPackage(userFolder);
		await importSimulatorCredentials(n8n, simulator);
		const examples = loadExamples(`http://127.0.0.1:${port}/`);
		prepareSimulator(simulator);
		// Pamela has no registration API: its events go to the example's outcome trigger, as a user would paste it.
		const pamelaOutcomes = examples.flatMap((e) => e.workflow.nodes).find((n) => n.type === 'n8n-nodes-ai-calls.pamelaTrigger' && n.parameters.mode === 'outcome');
		// The campaign examples' leads answer, are busy or do not answer, and hang up soon (the simulator's control API changes that).
		for (const { file, workflow } of examples) {
			if (file.startsWith('two-workflow-telnyx-a')) scriptTelnyxCallees(simulator, leadsOf(workflow));
			if (file.startsWith('two-workflow-pamela-a')) scriptPamelaCallees(simulator, leadsOf(workflow));
		}
		if (pamelaOutcomes) simulator.pamela.webhookUrl = `http://127.0.0.1:${port}/webhook/${pamelaOutcomes.webhookId}/webhook`;
		for (const example of examples) {
			await n8n.importJson('workflow', example.id, example.workflow);
			// Trigger workflows are made active so that the simulator's events reach them.
			if (!isManual(example.workflow)) await n8n.activate(example.id);
		}
		say(`playground: importing ${examples.length} example workflows and starting n8n (about 30 s)…`);
		await n8n.start();
		const url = `http://127.0.0.1:${port}`;
		say([
			'',
			`n8n editor:  ${url}`,
			`login:       ${OWNER.email} / ${OWNER.password}`,
			`simulator:   ${simulator.baseUrl}  (credentials "Pamela simulator", "Telnyx simulator", "Stepone simulator" point here)`,
			`             control API ${simulator.baseUrl}${CONTROL_PREFIX} (README, "The simulator as a playground")`,
			`Telnyx:      Connection ID ${TELNYX_CONNECTION_ID} (campaign outcomes), ${INBOUND_APPLICATION_ID} (inbound menu); From e.g. +14155550100`,
			'workflows:',
			...examples.map((e) => `  ${url}/workflow/${e.id}  ${e.workflow.name}${isManual(e.workflow) ? '' : ' (active)'}`),
			'',
			'Open a workflow and press "Execute workflow". Ctrl-C stops n8n and the simulator.',
		].join('\n'));
	} catch (error) {
		say(`playground: ${(error as Error).message}`);
		await stop(1);
	}
}

void main();
