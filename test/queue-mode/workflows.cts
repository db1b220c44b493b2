// The queue-mode workflows: per provider a campaign workflow started by a webhook with a batch of
// contacts (Split Out → Place Call with correlation data per row), the outcome workflows of the
// two-workflow pattern (Telnyx and Pamela Triggers in Call Outcome mode), Wait for Outcome
// variants, and one sink: a row per outcome in Postgres through n8n's Postgres node.
import { randomUUID } from 'node:crypto';

import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { PG } from './services.cts';

export const CREDENTIALS = {
	telnyxApi: { id: 'qmTelnyx', name: 'Telnyx simulator' },
	pamelaApi: { id: 'qmPamela', name: 'Pamela simulator' },
	steponeAiApi: { id: 'qmStepone', name: 'Stepone simulator' },
	postgres: { id: 'qmSink', name: 'Sink' },
};

export const SINK_TABLE = 'outcomes';
export const SINK_DDL = `CREATE TABLE IF NOT EXISTS ${SINK_TABLE} (
  id bigserial PRIMARY KEY, campaign text, contact text, call_id text, status text, source text, execution text,
  repeats int NOT NULL DEFAULT 0, at timestamptz DEFAULT now(), UNIQUE (call_id, source))`;

export function postgresCredential() {
	return { ...CREDENTIALS.postgres, type: 'postgres', data: { host: PG.host, port: PG.port, database: PG.database, user: PG.user, password: PG.password, ssl: 'disable' } };
}

type Params = Record<string, unknown>;
const node = (name: string, type: string, typeVersion: number, parameters: Params, extra: Params = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});
const chain = (...names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
const workflow = (id: string, nodes: ReturnType<typeof node>[]) => ({
	id,
	name: id,
	active: false,
	settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
	nodes,
	connections: chain(...nodes.map((n) => n.name)),
});

const start = (path: string) => node('Start', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived' }, { webhookId: `${path}-hook` });
const split = () => node('Contacts', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.contacts', options: {} });

/**
 * One row per call and source, written as the README advises (an upsert on the call ID), so an
 * outcome that n8n runs twice is counted in `repeats` instead of making a second row.
 */
const sink = (source: string) =>
	node('Sink', 'n8n-nodes-base.postgres', 2.6, {
		operation: 'executeQuery',
		query: `INSERT INTO ${SINK_TABLE} (campaign, contact, call_id, status, source, execution) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (call_id, source) DO UPDATE SET repeats = ${SINK_TABLE}.repeats + 1`,
		options: { queryReplacement: `={{ [ $json.correlation.campaign, $json.correlation.contact, $json.callId, $json.status, '${source}', $execution.id ] }}` },
	}, { credentials: { postgres: CREDENTIALS.postgres } });

const correlationJson = '={{ JSON.stringify({ contact: $json.contact, campaign: $json.campaign }) }}';

export interface Settings {
	concurrency: number;
	pollSeconds: number;
	/** The Pamela node's value for placing a call, read from the built node (`place` or `placeCall`). */
	pamelaPlace: string;
}

export function workflows(settings: Settings) {
	const telnyx = { credentials: { telnyxApi: CREDENTIALS.telnyxApi } };
	const pamela = { credentials: { pamelaApi: CREDENTIALS.pamelaApi } };
	const stepone = { credentials: { steponeAiApi: CREDENTIALS.steponeAiApi } };
	return [
		workflow('qmTelnyxPlace', [
			start('qm-telnyx'),
			split(),
			node('Place Call', 'n8n-nodes-ai-calls.telnyx', 1, {
				resource: 'call', operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '={{ $json.phone }}',
				options: { clientState: correlationJson, concurrency: settings.concurrency },
			}, telnyx),
		]),
		workflow('qmTelnyxOutcomes', [
			node('Call Outcomes', 'n8n-nodes-ai-calls.telnyxTrigger', 1, { applicationId: TELNYX_CONNECTION_ID, output: 'outcome' }, { webhookId: 'qm-telnyx-outcomes', ...telnyx }),
			sink('trigger'),
		]),
		workflow('qmTelnyxWait', [
			start('qm-telnyx-wait'),
			node('Place Call', 'n8n-nodes-ai-calls.telnyx', 1, {
				resource: 'call', operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to: '={{ $json.body.phone }}',
				waitForOutcome: true, maxWaitMinutes: 2,
				options: { clientState: "={{ JSON.stringify({ contact: $json.body.contact, campaign: 'telnyx-wait' }) }}" },
			}, telnyx),
			sink('wait'),
		]),
		workflow('qmPamelaPlace', [
			start('qm-pamela'),
			split(),
			node('Place Call', 'n8n-nodes-ai-calls.pamela', 1, {
				resource: 'call', operation: settings.pamelaPlace, to: '={{ $json.phone }}', task: '=Remind {{ $json.contact }} of the appointment',
				options: { metadataJson: correlationJson, concurrency: settings.concurrency, skipIfAlreadyCalled: true, dedupeKey: '={{ $json.contact }}:{{ $json.campaign }}' },
			}, pamela),
		]),
		workflow('qmPamelaOutcomes', [
			node('Call Outcomes', 'n8n-nodes-ai-calls.pamelaTrigger', 1, { mode: 'outcome' }, { webhookId: 'qm-pamela-outcomes', ...pamela }),
			sink('trigger'),
		]),
		workflow('qmPamelaWait', [
			start('qm-pamela-wait'),
			split(),
			node('Place Call', 'n8n-nodes-ai-calls.pamela', 1, {
				resource: 'call', operation: settings.pamelaPlace, to: '={{ $json.phone }}', task: '=Remind {{ $json.contact }} of the appointment',
				waitForOutcome: true, maxWaitMinutes: 5,
				options: { metadataJson: correlationJson, concurrency: settings.concurrency, pollIntervalSeconds: settings.pollSeconds, skipIfAlreadyCalled: true, dedupeKey: '={{ $json.contact }}:{{ $json.campaign }}' },
			}, pamela),
			sink('wait'),
		]),
		workflow('qmSteponeWait', [
			start('qm-stepone-wait'),
			split(),
			node('Place Call', 'n8n-nodes-ai-calls.steponeAi', 1, {
				resource: 'call', operation: 'placeCall', phones: '={{ $json.phone }}', requirement: '提醒客户明天上午十点到店取货。',
				waitForOutcome: true, maxWaitMinutes: 5,
				options: { campaignId: '={{ $json.campaign }}', concurrency: settings.concurrency, pollIntervalSeconds: settings.pollSeconds },
			}, stepone),
			// Stepone's correlation is the input item: campaign is added here.
			node('Row', 'n8n-nodes-base.set', 3.4, {
				assignments: { assignments: [{ id: 'c', name: 'correlation', value: '={{ { contact: $json.correlation.contact, campaign: $json.correlation.campaign } }}', type: 'object' }] },
				includeOtherFields: true,
				options: {},
			}),
			sink('wait'),
		]),
	];
}

export const WEBHOOK_WORKFLOWS = ['qmTelnyxPlace', 'qmTelnyxOutcomes', 'qmTelnyxWait', 'qmPamelaPlace', 'qmPamelaOutcomes', 'qmPamelaWait', 'qmSteponeWait'];
