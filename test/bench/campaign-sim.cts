// The simulator for the campaign benchmark, in its own process (as a provider is): the
// benchmark's n8n engine then has its process to itself. It answers commands over IPC.
import { createPrivateKey, sign } from 'node:crypto';

import { duplicates, resetSimulator, CREATE_PATH, type ProviderName } from '../campaign/helpers.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { scriptWaitMix, trackDeliveryWindows, waitCosts } from './campaign-sim-wait.cts';

export interface SimCommand {
	id: number;
	command: 'reset' | 'latency' | 'limitDials' | 'stats' | 'waitMix' | 'waitCosts' | 'stop';
	provider?: ProviderName;
	ms?: number;
	max?: number;
	windowMs?: number;
	/** waitMix: how many calls from which number on, at which clock scale. */
	count?: number;
	offset?: number;
	scale?: number;
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

/**
 * The same Ed25519 signatures with Node's native crypto (tens of µs) instead of the
 * simulator's tweetnacl (about 7 ms each, pure JavaScript): otherwise the simulator's own
 * signing, one at a time in this process, would set the pace of section 3, not the engine.
 */
function nativeSigning(simulator: RunningSimulator): void {
	const signer = simulator.telnyx.signer as unknown as { keys: { secretKey: Uint8Array }; skewSeconds: number; sign: (body: string, timestamp?: number) => Record<string, string> };
	// PKCS#8 wrapping of the 32-byte seed (the first half of tweetnacl's secret key).
	const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(signer.keys.secretKey.subarray(0, 32))]);
	const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
	signer.sign = (body, timestamp = Math.floor(Date.now() / 1000) + signer.skewSeconds) => ({
		'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), key).toString('base64'),
		'telnyx-timestamp': String(timestamp),
	});
}

/** Section 3 (Wait for Outcome): the webhooks are sent again, signed, to each call's resume URL. */
function loudTelnyx(simulator: RunningSimulator): void {
	delete (simulator.telnyx.webhooks as Partial<typeof simulator.telnyx.webhooks>).emit;
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
	nativeSigning(simulator);
	const turnMs = simulator.pamela.timings.turnMs;
	const deliveryWindows = trackDeliveryWindows(simulator);
	process.on('message', async (message: SimCommand) => {
		let result: unknown = null;
		if (message.command === 'reset') {
			// Back to sections 1 and 2: real time, no Telnyx webhooks, Pamela's own turn time.
			resetSimulator(simulator);
			simulator.sim.clock.scale = 1;
			quietTelnyx(simulator);
			simulator.pamela.timings.turnMs = turnMs;
			deliveryWindows.clear();
		}
		if (message.command === 'waitMix') {
			simulator.sim.clock.scale = message.scale ?? 1;
			loudTelnyx(simulator);
			result = scriptWaitMix(simulator, message.provider!, message.count ?? 0, message.offset ?? 0);
		}
		if (message.command === 'waitCosts') result = waitCosts(simulator, message.provider!, deliveryWindows);
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
