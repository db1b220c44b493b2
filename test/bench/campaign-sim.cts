// The simulator for the campaign benchmark, in its own process (as a provider is): the
// benchmark's n8n engine then has its process to itself. It answers commands over IPC.
import { duplicates, resetSimulator, CREATE_PATH, type ProviderName } from '../campaign/helpers.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';

export interface SimCommand {
	id: number;
	command: 'reset' | 'latency' | 'limitDials' | 'stats' | 'stop';
	provider?: ProviderName;
	ms?: number;
	max?: number;
	windowMs?: number;
}

export interface SimStats {
	calls: number;
	createRequests: number;
	duplicates: number;
	refused: number;
}

/**
 * The Telnyx calls' webhooks are not sent (each would be an Ed25519 signature in JavaScript
 * and a loopback POST): Place Call does not wait for them.
 */
function quietTelnyx(simulator: RunningSimulator): void {
	simulator.telnyx.webhooks.emit = ((_call: unknown, eventType: string) => ({ callControlId: '', eventType, id: '', payload: {}, urls: [] })) as typeof simulator.telnyx.webhooks.emit;
}

function stats(simulator: RunningSimulator, provider: ProviderName): SimStats {
	const calls = provider === 'telnyx' ? simulator.telnyx.calls.size : provider === 'pamela' ? simulator.pamela.calls.calls.size : simulator.stepone.calls.size;
	return {
		calls,
		createRequests: simulator.sim.requestsTo('POST', CREATE_PATH[provider]).length,
		duplicates: duplicates(simulator, provider).length,
		refused: simulator.telnyx.dialLimit.refused,
	};
}

async function main() {
	// Scale 1: the simulator's 50 ms latency and 5 s dial window are real time.
	const simulator = await startSimulator({ timeScale: 1 });
	quietTelnyx(simulator);
	process.on('message', async (message: SimCommand) => {
		let result: unknown = null;
		if (message.command === 'reset') resetSimulator(simulator);
		if (message.command === 'latency') {
			simulator.sim.faults.add({ method: 'POST', path: CREATE_PATH[message.provider!], kind: 'latency', ms: message.ms, times: Infinity });
		}
		if (message.command === 'limitDials') simulator.telnyx.limitDials(message.max ?? Infinity, message.windowMs ?? 5000);
		if (message.command === 'stats') result = stats(simulator, message.provider!);
		if (message.command === 'stop') await simulator.stop();
		process.send!({ id: message.id, result });
		if (message.command === 'stop') process.disconnect();
	});
	process.send!({
		id: 0,
		result: { telnyxApi: simulator.telnyx.credentials(), pamelaApi: simulator.pamela.credentials(), steponeAiApi: simulator.stepone.credentials() },
	});
}

void main();
