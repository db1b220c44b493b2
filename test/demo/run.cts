// `npm run demo`: a reminder campaign on each provider, run by n8n's engine against the
// provider simulator (loopback only). It prints what a workflow builder would see.
import { chain, node, runWorkflow, type RunResult } from '../harness/engine.cts';
import { startTriggerServer, type TriggerServer } from '../harness/webhook.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';

const say = (text = '') => process.stdout.write(`${text}\n`);
const show = (label: string, value: unknown) => say(`  ${label.padEnd(22)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);

function outputOf(result: RunResult, name: string) {
	const error = result.errors[name];
	if (error) throw new Error(`${name} failed: ${error.message} (${error.description ?? ''})`);
	return result.outputs[name].map((item) => item.json);
}

/** The trigger's first started workflow for `eventType` (other events are acknowledged and dropped). */
async function eventFrom(trigger: TriggerServer, eventType: string) {
	for (let seen = 1; ; seen++) {
		const deliveries = await trigger.waitForDeliveries(seen, 10000);
		const found = deliveries.find((d) => d.triggerItems[0]?.json.eventType === eventType);
		if (found) return found.triggerItems[0].json;
	}
}

async function telnyxDemo(simulator: RunningSimulator) {
	say('Telnyx: dial, collect two fields with AI Gather, receive them through the Telnyx Trigger, hang up');
	const credentials = { telnyxApi: simulator.telnyx.credentials() };
	const ref = { telnyxApi: { id: '1', name: 'Telnyx' } };
	const trigger = await startTriggerServer(
		{ nodes: [node({ name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', parameters: { events: ['call.answered', 'call.ai_gather.ended'] }, credentials: ref })] },
		{ triggerNode: 'Telnyx Trigger', credentials },
	);
	try {
		await telnyxCall(simulator, trigger);
	} finally {
		await trigger.stop();
	}
}

async function telnyxCall(simulator: RunningSimulator, trigger: TriggerServer) {
	const credentials = { telnyxApi: simulator.telnyx.credentials() };
	const ref = { telnyxApi: { id: '1', name: 'Telnyx' } };
	await trigger.activate();
	simulator.telnyx.callee('+14155550123', { answer: 'answer', ringMs: 500, fields: { name: 'Ana Lima', confirmed: true } });
	const telnyx = (name: string, parameters: Record<string, unknown>) =>
		node({ name, type: 'n8n-nodes-ai-calls.telnyx', parameters: { resource: 'call', ...parameters }, credentials: ref });

	const dial = await runWorkflow(
		{ nodes: [telnyx('Place Call', { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '(415) 555-0123', options: { defaultCountry: 'US', webhookUrl: trigger.webhookUrl, clientState: '{"appointment":"A-17"}' } })] },
		{ credentials },
	);
	const [placed] = outputOf(dial, 'Place Call');
	show('dialled', `${placed.to} → ${placed.callControlId}`);
	const answered = await eventFrom(trigger, 'call.answered');
	show('trigger: answered', { event: answered.eventType, clientState: answered.clientState });

	const gather = await runWorkflow(
		{ nodes: [telnyx('AI Gather', { operation: 'gatherUsingAi', callControlId: placed.callControlId, schemaMode: 'fields', greeting: 'Hi! Can you confirm your appointment tomorrow?', fields: { field: [
			{ name: 'name', type: 'string', description: 'Full name', required: true },
			{ name: 'confirmed', type: 'boolean', description: 'Whether they will come', required: true },
		] } })] },
		{ credentials },
	);
	show('AI Gather sent', `conversation ${outputOf(gather, 'AI Gather')[0].conversationId}`);
	const ended = await eventFrom(trigger, 'call.ai_gather.ended');
	show('trigger: gathered', { status: ended.status, result: ended.result });
	const hangup = await runWorkflow({ nodes: [telnyx('Hang Up', { operation: 'hangup', callControlId: placed.callControlId })] }, { credentials });
	show('hung up', outputOf(hangup, 'Hang Up')[0].result);
}

async function pamelaDemo(simulator: RunningSimulator) {
	say('\nPamela: a sheet of three contacts, one with a bad number; Continue On Fail keeps the campaign going');
	const credentials = { pamelaApi: simulator.pamela.credentials() };
	simulator.pamela.callee('+14155550101', { answer: 'answer', ringMs: 300, says: ['Yes, I will be there at 10.'] });
	simulator.pamela.callee('+442079460958', { answer: 'answer', ringMs: 300, says: ['Please move it to Friday.'] });
	const place = node({
		name: 'Place Call',
		type: 'n8n-nodes-ai-calls.pamela',
		onError: 'continueRegularOutput',
		parameters: { resource: 'call', operation: 'place', to: '={{ $json.phone }}', task: '=Remind {{ $json.name }} of the dental appointment tomorrow at 10 and ask them to confirm', options: {} },
		credentials: { pamelaApi: { id: '1', name: 'Pamela' } },
	});
	const result = await runWorkflow({ nodes: [place] }, {
		credentials,
		input: [
			{ json: { name: 'Ana', phone: '+1 415 555 0101' } },
			{ json: { name: 'Bo', phone: '555-CALL-NOW' } },
			{ json: { name: 'Cy', phone: '+44 20 7946 0958' } },
		],
	});
	for (const item of result.outputs['Place Call']) {
		show(`item ${item.pairedItem && (item.pairedItem as { item: number }).item}`, item.json.error ? `error: ${item.json.error}` : `${item.json.id} ${item.json.status} ${item.json.to}`);
	}
	const firstId = String(result.outputs['Place Call'][0].json.id);
	await simulator.pamela.waitForTranscript(firstId);
	const get = node({ name: 'Get Call', type: 'n8n-nodes-ai-calls.pamela', parameters: { resource: 'call', operation: 'get', callId: firstId }, credentials: { pamelaApi: { id: '1', name: 'Pamela' } } });
	const call = outputOf(await runWorkflow({ nodes: [get] }, { credentials }), 'Get Call')[0];
	show('Get Call', { status: call.status, transcript: call.transcript });
}

async function steponeDemo(simulator: RunningSimulator) {
	say('\nStepone AI: one batch request for three mainland mobiles, the live conversation, then the call record');
	const credentials = { steponeAiApi: simulator.stepone.credentials() };
	const ref = { steponeAiApi: { id: '1', name: 'Stepone' } };
	const stepone = (name: string, parameters: Record<string, unknown>) =>
		node({ name, type: 'n8n-nodes-ai-calls.steponeAi', parameters: { resource: 'call', ...parameters }, credentials: ref });
	const result = await runWorkflow(
		{
			nodes: [
				stepone('Place Call', { operation: 'placeCall', phones: '+86 138 0013 8000, 0086-139-0013-9000, 137 0013 7000', requirement: '提醒客户明天上午十点到店取货，语气礼貌。' }),
				stepone('Stream', { operation: 'streamConversation', callId: '={{ $json.callId }}', outputMode: 'transcript' }),
			],
			connections: chain('Place Call', 'Stream'),
		},
		{ credentials },
	);
	for (const call of outputOf(result, 'Place Call')) show('placed', `${call.phone} → ${call.callId}`);
	const [first] = outputOf(result, 'Stream');
	show('stream ended', first.status);
	for (const turn of first.transcript as Array<{ role: string; text: string }>) show(turn.role, turn.text);
	const record = await runWorkflow({ nodes: [stepone('Record', { operation: 'getCallRecord', callId: outputOf(result, 'Place Call')[0].callId, intervalSeconds: 1 })] }, { credentials });
	const [rec] = outputOf(record, 'Record');
	show('record', { status: rec.status, durationSeconds: rec.durationSeconds, cost: rec.cost });
}

async function main() {
	const simulator = await startSimulator({ timeScale: 0.02 });
	say(`Provider simulator on ${simulator.baseUrl} (time ×0.02)\n`);
	try {
		await telnyxDemo(simulator);
		await pamelaDemo(simulator);
		await steponeDemo(simulator);
		say('\nDemo finished.');
	} finally {
		await simulator.stop();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`Demo failed: ${error.message}\n`);
	process.exitCode = 1;
});
