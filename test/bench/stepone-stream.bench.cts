// Memory of Stepone's Stream Conversation over long streams.
// Run: scripts/node24.sh npm run bench:stepone   (after `npm run build`)
//
// 1. Reader: the node's SSE reader and conversation follower (nodes/SteponeAi/stream) read a
//    real HTTP stream from the simulator at full speed and only count turns. Live heap after
//    a forced GC is sampled every 1,000 turns; a flat reader shows the same numbers for a
//    100-turn baseline and for 10,000 and 50,000 turns.
// 2. Node: the full Stream Conversation node in n8n-core's engine, 10,000 turns, whole
//    transcript. Its output holds every turn by nature, so growth there is the transcript.
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { followConversation } from '../../nodes/SteponeAi/stream/conversation';
import type { StreamBody } from '../../nodes/SteponeAi/stream/openStream';
import { chain, runWorkflow } from '../harness/engine.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CHINESE_DIALOGUE, type SteponeTurn } from '../simulator/providers/stepone/index.cts';
import { credentialsFor, placeCall, streamConversation } from '../stepone/helpers.cts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;
const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const fmt = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;

function turns(count: number): SteponeTurn[] {
	return Array.from({ length: count }, (_, i) => ({ ...CHINESE_DIALOGUE[i % CHINESE_DIALOGUE.length], content: `${CHINESE_DIALOGUE[i % CHINESE_DIALOGUE.length].content} #${i}` }));
}

async function placeCallFor(simulator: RunningSimulator, phone: string, count: number): Promise<string> {
	simulator.stepone.scripts.set(phone, { answered: true, ringMs: 0, turnGapMs: 0, turns: turns(count) });
	const placed = await runWorkflow({ nodes: [placeCall('Call', { phones: phone, requirement: '基准测试' })] }, { credentials: credentialsFor(simulator) });
	return String(placed.outputs.Call[0].json.callId);
}

function openRaw(simulator: RunningSimulator, callId: string): Promise<http.IncomingMessage> {
	const creds = simulator.stepone.credentials();
	return new Promise((resolve, reject) => {
		const req = http.request(`${simulator.baseUrl}/api/v1/callinfo/stream_chat_history`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': creds.apiKey, 'x-skill-version': creds.skillVersion, accept: 'text/event-stream' },
		}, resolve);
		req.on('error', reject);
		req.end(JSON.stringify({ call_id: callId }));
	});
}

interface Measure { turns: number; status: string; ms: number; peakRawGrowth: number; peakLiveGrowth: number }

async function measureReader(simulator: RunningSimulator, count: number, phone: string): Promise<Measure> {
	const callId = await placeCallFor(simulator, phone, count);
	gc();
	const base = heap();
	let peakRaw = 0;
	let peakLive = 0;
	const sampler = setInterval(() => (peakRaw = Math.max(peakRaw, heap() - base)), 2);
	let seen = 0;
	const started = Date.now();
	const body = (await openRaw(simulator, callId)) as unknown as StreamBody;
	const end = await followConversation(body, {
		maxDurationMs: 600000,
		cancelSignal: undefined,
		onTurn: () => {
			if (++seen % 1000 === 0) {
				gc();
				peakLive = Math.max(peakLive, heap() - base);
			}
		},
	});
	clearInterval(sampler);
	gc();
	peakLive = Math.max(peakLive, heap() - base);
	return { turns: end.turns, status: end.status, ms: Date.now() - started, peakRawGrowth: peakRaw, peakLiveGrowth: peakLive };
}

async function measureNode(simulator: RunningSimulator, count: number): Promise<Measure & { outputBytes: number }> {
	simulator.stepone.scripts.set('13500135000', { answered: true, ringMs: 0, turnGapMs: 0, turns: turns(count) });
	gc();
	const base = heap();
	let peakRaw = 0;
	const sampler = setInterval(() => (peakRaw = Math.max(peakRaw, heap() - base)), 2);
	const started = Date.now();
	const result = await runWorkflow(
		{ nodes: [placeCall('Call', { phones: '13500135000', requirement: '基准测试' }), streamConversation('Stream')], connections: chain('Call', 'Stream') },
		{ credentials: credentialsFor(simulator) },
	);
	clearInterval(sampler);
	const item = result.outputs.Stream[0].json;
	const outputBytes = Buffer.byteLength(JSON.stringify(item.transcript));
	gc();
	const live = heap() - base;
	return { turns: item.turnCount as number, status: String(item.status), ms: Date.now() - started, peakRawGrowth: peakRaw, peakLiveGrowth: live, outputBytes };
}

async function main() {
	const simulator = await startSimulator({ timeScale: 0 });
	try {
		await measureReader(simulator, 5000, '13800000000'); // warm-up: JIT-compiled code and socket buffers are not stream growth
		const rows: Array<[string, Measure]> = [];
		rows.push(['reader, 100 turns (baseline)', await measureReader(simulator, 100, '13800000001')]);
		rows.push(['reader, 10,000 turns', await measureReader(simulator, 10000, '13800000002')]);
		rows.push(['reader, 50,000 turns', await measureReader(simulator, 50000, '13800000003')]);
		const node = await measureNode(simulator, 10000);
		const lines = ['Stepone stream memory (heapUsed + arrayBuffers growth over the pre-stream baseline)', ''];
		for (const [name, m] of rows) {
			lines.push(`${name.padEnd(30)} ${String(m.turns).padStart(6)} turns, ${m.status}, ${String(m.ms).padStart(5)} ms, peak ${fmt(m.peakRawGrowth)}, live after GC ${fmt(m.peakLiveGrowth)}`);
		}
		lines.push(`${'node (whole transcript), 10k'.padEnd(30)} ${String(node.turns).padStart(6)} turns, ${node.status}, ${String(node.ms).padStart(5)} ms, peak ${fmt(node.peakRawGrowth)}, retained ${fmt(node.peakLiveGrowth)} (transcript JSON ${fmt(node.outputBytes)})`);
		process.stdout.write(`${lines.join('\n')}\n`);
		const [baseline, tenK, fiftyK] = rows.map(([, m]) => m);
		if (tenK.turns !== 10000 || tenK.status !== 'completed') throw new Error('the 10,000-turn stream did not complete');
		// Flat: mid-stream samples include in-flight socket buffers (~1 MB) the 100-turn baseline,
		// measured after its end, does not; past that, 5x more turns may not add 1 MB.
		if (tenK.peakLiveGrowth - baseline.peakLiveGrowth > 2 * MB || fiftyK.peakLiveGrowth - tenK.peakLiveGrowth > 1 * MB) {
			throw new Error('reader memory grows with the stream length');
		}
	} finally {
		await simulator.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
