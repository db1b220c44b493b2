// Cost of the Telnyx Trigger's signature check per event: the trigger's per-event work
// (parse the body, build the item) with and without Ed25519 verification, timed event by
// event over the same pre-signed events, interleaved so both see the same machine state.
// Run: scripts/node24.sh npm run bench:telnyx   (EVENTS=20000 to change the count)
import { eventItem } from '../../nodes/Telnyx/trigger/output.ts';
import { publicKeyFrom, verifyTelnyxRequest } from '../../nodes/Telnyx/trigger/verify.ts';
import { TelnyxSigner } from '../simulator/providers/telnyx/signing.cts';

const COUNT = Math.max(10_000, Number(process.env.EVENTS ?? 10_000));
const WARMUP = 2_000;

const signer = new TelnyxSigner();
const events = Array.from({ length: COUNT + WARMUP }, (_, i) => {
	const rawBody = JSON.stringify({
		data: {
			record_type: 'event',
			event_type: 'call.ai_gather.ended',
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			occurred_at: new Date().toISOString(),
			payload: { call_control_id: `v3:bench${i}`, from: '+14155550100', to: '+14155550123', status: 'valid', result: { name: 'Ana', age: 29 }, client_state: 'eyJ4IjoxfQ==', message_history: [{ role: 'user', content: 'Ana, 29' }] },
		},
		meta: { attempt: 1, delivered_to: 'http://127.0.0.1/webhook' },
	});
	return { rawBody: Buffer.from(rawBody), headers: signer.sign(rawBody) as Record<string, unknown> };
});

function baseline(event: (typeof events)[number]): unknown {
	return eventItem(JSON.parse(event.rawBody.toString('utf8')));
}

function verified(event: (typeof events)[number]): unknown {
	const verdict = verifyTelnyxRequest(publicKeyFrom(signer.publicKeyBase64), event.headers, event.rawBody);
	if (!verdict.valid) throw new Error(`Benchmark event refused: ${verdict.reason}`);
	return baseline(event);
}

function median(values: bigint[]): number {
	const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return Number(sorted[Math.floor(sorted.length / 2)]);
}

function p99(values: bigint[]): number {
	const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return Number(sorted[Math.floor(sorted.length * 0.99)]);
}

for (let i = 0; i < WARMUP; i++) {
	baseline(events[i]);
	verified(events[i]);
}
const plain: bigint[] = [];
const checked: bigint[] = [];
for (let i = WARMUP; i < events.length; i++) {
	let start = process.hrtime.bigint();
	baseline(events[i]);
	plain.push(process.hrtime.bigint() - start);
	start = process.hrtime.bigint();
	verified(events[i]);
	checked.push(process.hrtime.bigint() - start);
}

const us = (ns: number) => (ns / 1000).toFixed(1);
const base = median(plain);
const full = median(checked);
console.log(`Telnyx Trigger verification benchmark (Node ${process.versions.node}, ${COUNT} events each, median per event)`);
console.log(`  unverified baseline (parse + item):    ${us(base)} µs  (p99 ${us(p99(plain))} µs)`);
console.log(`  verified (Ed25519 + parse + item):     ${us(full)} µs  (p99 ${us(p99(checked))} µs)`);
console.log(`  verification cost per event:           ${us(full - base)} µs`);
console.log(`  ratio verified / unverified:           ${(full / base).toFixed(1)}x`);
