// examples/telnyx-inbound-menu.json in a real n8n: its four Telnyx Triggers are active; a
// simulated caller dials the application (whose Webhook URL is the Incoming Call trigger's),
// presses 1 and tells the AI gather a name and reason; the example must answer, speak the menu,
// gather, and transfer to sales, each step a run of the workflow started by n8n's webhook server.
import type { DriverContext } from '../example-drivers.cts';
import { INBOUND_APPLICATION_ID as APP } from '../examples.cts';
import { finishedExecutions, until, webhookUrl } from './wait.cts';

const SALES = '+14155550111';

export async function inboundMenu(ctx: DriverContext) {
	const { n8n, simulator, workflow } = ctx;
	const triggers = workflow.nodes.filter((n) => n.type === 'n8n-nodes-ai-calls.telnyxTrigger');
	for (const trigger of triggers) await n8n.webhookRegistered(webhookUrl(n8n, trigger.webhookId));
	const incoming = triggers.find((t) => JSON.stringify(t.parameters.events ?? []).includes('call.initiated'));
	// The Incoming Call trigger pointed the application at itself when n8n activated the workflow.
	const registered = simulator.telnyx.connections.get(APP)?.webhookUrl === webhookUrl(n8n, incoming?.webhookId);
	simulator.telnyx.callee(SALES, { answer: 'answer', ringMs: 1000 });
	const before = (await n8n.executions(String(workflow.id))).length;

	const call = simulator.telnyx.inboundCall({ connectionId: APP, from: '+14155550190', to: '+14155550100', script: { digits: '1', fields: { name: 'Ana Lima', reason: 'a quote for 20 seats' } } });
	const id = call.callControlId;
	const idPattern = id.replace(':', '(?::|%3A)');
	const commands = () => simulator.sim.requestsTo('POST', new RegExp(`/calls/${idPattern}/actions/`)).map((r) => r.path.replace(/^.*\/actions\//, ''));
	const transfer = await until(() => simulator.sim.requestsTo('POST', new RegExp(`/calls/${idPattern}/actions/transfer$`))[0], 60000);
	const to = (transfer?.body as Record<string, unknown> | undefined)?.to;
	const bridged = await simulator.telnyx.waitForEvent(id, 'call.bridged', 30000).then(() => true, () => false);
	// The transfer's new leg is on the same application: its call.initiated (direction outgoing) reaches Incoming Call too. Wait for n8n's answer to it.
	const leg = simulator.telnyx.callsTo(SALES).at(-1);
	await until(() => simulator.sim.webhooks.deliveries.find((d) => d.status !== undefined && d.body.includes('"call.initiated"') && leg !== undefined && d.body.includes(leg.callControlId)), 15000);
	const live = simulator.telnyx.calls.get(id);
	if (live) simulator.telnyx.lifecycle.end(live, 'normal_clearing', 'caller', '16');
	// A run per trigger that fired (Incoming Call, Call Answered, Menu Choice, Details Collected), and all of them ended.
	await finishedExecutions(n8n, String(workflow.id), before + 4);
	const runs = ((await until(async () => {
		const all = (await n8n.executions(String(workflow.id))).slice(before);
		return all.some((r) => ['new', 'running'].includes(r.status)) ? undefined : all;
	}, 30000, 1000)) ?? (await n8n.executions(String(workflow.id))).slice(before));
	const failures = runs.filter((r) => r.status !== 'success').map((r) => `#${r.id} ${r.status}, started by ${r.startedBy} on ${r.event ?? '?'}, failed in ${r.lastNode}: ${r.error ?? '?'}`);
	// A menu for callers must not answer the transfer's own outgoing leg.
	const answeredOutgoing = runs.filter((r) => r.startedBy === 'Incoming Call' && / outgoing$/.test(r.event ?? '') && r.lastNode !== 'Incoming Call').map((r) => `#${r.id}`);
	if (answeredOutgoing.length) failures.unshift(`Incoming Call ran Answer for the transfer's outgoing leg (${answeredOutgoing.join(', ')}): the example should start only on direction incoming`);
	const ok = registered && to === SALES && bridged && runs.length >= 4 && failures.length === 0;
	return { ok, detail: `application URL set on activation: ${registered ? 'yes' : 'no'}; commands ${commands().join(', ')}; transfer to ${String(to)}${bridged ? ', bridged' : ''}; ${runs.length} runs (${runs.map((r) => r.status).join(', ')})${failures.length ? `; ${failures.join('; ')}` : ''}` };
}
