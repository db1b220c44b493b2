// The playground's control API, on the simulator's own port under /_control (README,
// "Simulator as a playground"): where Pamela sends events and tool calls, what a callee
// does, inbound Telnyx calls, and what the simulator received and sent. Plain JSON over HTTP
// so curl, a browser or an n8n HTTP Request node can drive it.
import type { Answer, CalleeScript } from './core/callees.cts';
import type { SimRequest, SimResponse } from './core/server.cts';
import type { RunningSimulator } from './index.cts';
import type { PamelaCalleeScript } from './providers/pamela/index.cts';
import { TELNYX_CONNECTION_ID, TELNYX_SINK_PATH } from './providers/telnyx/index.cts';

export const CONTROL_PREFIX = '/_control';
/** A From number the Telnyx simulator accepts on Dial (any E.164 works; this one is printed). */
export const TELNYX_FROM = '+14155550100';

const PROVIDERS = ['pamela', 'telnyx', 'stepone'] as const;
type Provider = (typeof PROVIDERS)[number];
const ANSWERS: Answer[] = ['answer', 'busy', 'no-answer', 'reject', 'voicemail'];

/** A callee as the control API takes it: the core script plus which providers it applies to. */
export interface ControlCallee extends PamelaCalleeScript {
	providers?: Provider[];
}

const bad = (message: string): SimResponse => ({ status: 400, body: { error: message } });

/** The number as each provider keys its callees: E.164 for Pamela and Telnyx, 11 digits for Stepone. */
export function calleeKeys(number: string): { e164: string; stepone?: string } {
	const digits = number.replace(/\D/g, '');
	const e164 = `+${digits}`;
	const mainland = /^(?:86)?(1[3-9]\d{9})$/.exec(digits.replace(/^00/, ''));
	return { e164, stepone: mainland?.[1] };
}

/** Checks a callee body; returns the script or why it is refused (naming the field). */
export function parseCallee(body: unknown): ControlCallee | string {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The body must be a JSON object such as {"answer":"answer","says":["Yes"]}';
	const input = body as Record<string, unknown>;
	const answer = (input.answer ?? 'answer') as Answer;
	if (!ANSWERS.includes(answer)) return `answer must be one of ${ANSWERS.join(', ')}`;
	for (const field of ['ringMs', 'hangUpAfterMs'] as const) {
		if (input[field] !== undefined && !(typeof input[field] === 'number' && input[field] >= 0)) return `${field} must be a number of simulated ms (0 or more)`;
	}
	if (input.digits !== undefined && !(typeof input.digits === 'string' && /^[0-9*#A-D]*$/.test(input.digits))) return 'digits must be a string of 0-9, *, #, A-D';
	if (input.says !== undefined && !(Array.isArray(input.says) && input.says.every((s) => typeof s === 'string'))) return 'says must be an array of strings, one per turn';
	if (input.fields !== undefined && (typeof input.fields !== 'object' || input.fields === null || Array.isArray(input.fields))) return 'fields must be an object of AI-gather answers by field name';
	if (input.tools !== undefined && !Array.isArray(input.tools)) return 'tools must be an array of {name, arguments, afterTurn}';
	const providers = (input.providers ?? [...PROVIDERS]) as Provider[];
	if (!Array.isArray(providers) || !providers.every((p) => PROVIDERS.includes(p))) return `providers must be a list of ${PROVIDERS.join(', ')}`;
	return {
		answer,
		ringMs: input.ringMs as number | undefined,
		digits: input.digits as string | undefined,
		says: input.says as string[] | undefined,
		fields: input.fields as Record<string, unknown> | undefined,
		tools: input.tools as PamelaCalleeScript['tools'],
		hangUpAfterMs: input.hangUpAfterMs as number | undefined,
		// Without lines of its own, the callee answers about the call's task or requirement.
		followTask: true,
		providers,
	};
}

function scriptCallee(running: RunningSimulator, number: string, callee: ControlCallee): Record<string, string> {
	const { providers = [...PROVIDERS], ...script } = callee;
	const keys = calleeKeys(number);
	const applied: Record<string, string> = {};
	const clean = Object.fromEntries(Object.entries(script).filter(([, v]) => v !== undefined)) as unknown as CalleeScript;
	if (providers.includes('pamela')) {
		running.pamela.callee(keys.e164, clean as PamelaCalleeScript);
		applied.pamela = keys.e164;
	}
	if (providers.includes('telnyx')) {
		running.telnyx.callee(keys.e164, clean);
		applied.telnyx = keys.e164;
	}
	// Stepone calls only mainland mobiles: other numbers are not scripted there.
	if (providers.includes('stepone') && keys.stepone) {
		running.stepone.callees.set(keys.stepone, clean);
		applied.stepone = keys.stepone;
	}
	return applied;
}

/** Everything a credential and a first Place Call need, per provider. */
export function playgroundInfo(running: RunningSimulator) {
	return {
		baseUrl: running.baseUrl,
		pamela: {
			credential: { apiKey: running.pamela.credentials().apiKey, webhookSecret: running.pamela.webhookSecret, baseUrl: running.baseUrl },
			placeCall: { to: 'any E.164 number, e.g. +14155550123', task: 'any text' },
			webhookUrl: running.pamela.webhookUrl ?? null,
			toolUrl: running.pamela.toolUrl ?? null,
		},
		telnyx: {
			credential: { apiKey: running.telnyx.credentials().apiKey, publicKey: running.telnyx.publicKeyBase64, baseUrl: running.telnyx.baseUrl },
			placeCall: { connectionId: TELNYX_CONNECTION_ID, from: TELNYX_FROM, to: 'any E.164 number, e.g. +14155550123' },
		},
		stepone: {
			credential: { apiKey: running.stepone.credentials().apiKey, baseUrl: running.baseUrl, skillVersion: running.stepone.skillVersion },
			placeCall: { phones: 'mainland-China mobiles, e.g. 13800138000', requirement: 'any text, e.g. 通知客户周五下午三点开会' },
		},
		control: `${running.baseUrl}${CONTROL_PREFIX}`,
	};
}

/** What the simulator received (its own /_ routes left out), from number `since` on. */
function received(running: RunningSimulator, req: SimRequest): SimResponse {
	const all = running.sim.requests.map((r, n) => ({ n, ...r })).filter((r) => !r.path.startsWith('/_'));
	const since = Number(req.query.get('since') ?? 0);
	const path = req.query.get('path');
	const requests = all
		.filter((r) => r.n >= since && (!path || r.path.includes(path)))
		.map(({ n, method, path: p, body, simAt }) => ({ n, method, path: p, body, at: new Date(simAt).toISOString() }));
	return { status: 200, body: { next: running.sim.requests.length, requests } };
}

/** Webhooks and tool calls the simulator sent, with their answers. */
function sent(running: RunningSimulator): SimResponse {
	const parse = (text: string) => {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	};
	const webhooks = running.sim.webhooks.deliveries
		.filter((d) => !d.url.endsWith(TELNYX_SINK_PATH))
		.map((d) => ({ url: d.url, attempt: d.attempt, status: d.status ?? null, error: d.error ?? null, body: parse(d.body) }));
	const toolCalls = running.pamela.tools.invocations.map((t) => ({ callId: t.callId, tool: t.toolName, arguments: t.arguments, outcome: t.outcome, result: t.result ?? null }));
	return { status: 200, body: { webhooks, toolCalls } };
}

function urlOrNull(value: unknown, field: string): string | null | SimResponse {
	if (value === null || value === '') return null;
	if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) return bad(`${field} must be an http(s) URL, or null to stop sending`);
	return value;
}

function setPamela(running: RunningSimulator, body: unknown): SimResponse {
	const input = (body ?? {}) as Record<string, unknown>;
	for (const field of ['webhookUrl', 'toolUrl'] as const) {
		if (!(field in input)) continue;
		const url = urlOrNull(input[field], field);
		if (url !== null && typeof url === 'object') return url;
		running.pamela[field] = url ?? undefined;
	}
	return { status: 200, body: { webhookUrl: running.pamela.webhookUrl ?? null, toolUrl: running.pamela.toolUrl ?? null } };
}

function inbound(running: RunningSimulator, body: unknown): SimResponse {
	const input = (body ?? {}) as Record<string, unknown>;
	const connectionId = String(input.connectionId ?? TELNYX_CONNECTION_ID);
	if (!running.telnyx.connections.has(connectionId)) return bad(`connectionId ${connectionId} is not an application of the simulator (use ${TELNYX_CONNECTION_ID})`);
	if ('webhookUrl' in input) {
		const url = urlOrNull(input.webhookUrl, 'webhookUrl');
		if (url === null || typeof url === 'object') return url ?? bad('webhookUrl must be an http(s) URL');
		running.telnyx.connection(connectionId, { webhookUrl: url });
	}
	if (typeof input.to !== 'string' || typeof input.from !== 'string') return bad('to (your number) and from (the caller) are required, e.g. {"from":"+14155550199","to":"+14155550100"}');
	const script = input.script === undefined ? {} : parseCallee(input.script);
	if (typeof script === 'string') return bad(`script: ${script}`);
	const { providers: _unused, ...callerScript } = script as ControlCallee;
	const clean = Object.fromEntries(Object.entries(callerScript).filter(([k, v]) => v !== undefined && k !== 'followTask'));
	const call = running.telnyx.inboundCall({ connectionId, from: calleeKeys(input.from).e164, to: calleeKeys(input.to).e164, script: clean });
	const sentTo = running.telnyx.connections.get(connectionId)?.webhookUrl ?? null;
	return { status: 201, body: { callControlId: call.callControlId, connectionId, sentTo } };
}

/** Adds the /_control routes to a running simulator. */
export function registerControl(running: RunningSimulator): void {
	const { sim } = running;
	const route = (method: string, path: string, handler: (req: SimRequest) => SimResponse) => sim.route(method, `${CONTROL_PREFIX}${path}`, handler);
	route('GET', '', () => ({ status: 200, body: { ...playgroundInfo(running), endpoints: ENDPOINTS } }));
	route('GET', '/requests', (req) => received(running, req));
	route('GET', '/sent', () => sent(running));
	route('PUT', '/pamela', (req) => setPamela(running, req.body));
	route('PUT', '/callees/:number', (req) => {
		const callee = parseCallee(req.body);
		if (typeof callee === 'string') return bad(callee);
		return { status: 200, body: { number: req.params.number, scripted: scriptCallee(running, req.params.number, callee) } };
	});
	route('DELETE', '/callees', () => {
		running.pamela.callees.clear();
		running.telnyx.callees.clear();
		running.stepone.callees.clear();
		return { status: 200, body: { cleared: true } };
	});
	route('PUT', '/telnyx/applications/:id', (req) => {
		if (!running.telnyx.connections.has(req.params.id)) return bad(`${req.params.id} is not an application of the simulator (use ${TELNYX_CONNECTION_ID})`);
		const url = urlOrNull((req.body as Record<string, unknown> | undefined)?.webhookUrl, 'webhookUrl');
		if (url === null || typeof url === 'object') return url ?? bad('webhookUrl must be an http(s) URL');
		running.telnyx.connection(req.params.id, { webhookUrl: url });
		return { status: 200, body: { id: req.params.id, webhookUrl: url } };
	});
	route('POST', '/telnyx/inbound', (req) => inbound(running, req.body));
}

export const ENDPOINTS = {
	'GET /_control': 'credential values, a first Place Call per provider, and this list',
	'GET /_control/requests?since=N&path=text': 'API requests the simulator received (next: the N to ask from next time)',
	'GET /_control/sent': 'webhooks (Telnyx, Pamela events) and Pamela tool calls the simulator sent, with the answers',
	'PUT /_control/pamela {"webhookUrl","toolUrl"}': 'where Pamela call events and tool calls go (null stops sending)',
	'PUT /_control/callees/<number> {"answer","ringMs","digits","says","fields","tools","hangUpAfterMs","providers"}':
		'what the person at <number> does: answer|busy|no-answer|reject|voicemail, DTMF digits, lines said, AI-gather answers',
	'DELETE /_control/callees': 'forget every scripted callee',
	'PUT /_control/telnyx/applications/<id> {"webhookUrl"}': 'where the Call Control application sends its call events',
	'POST /_control/telnyx/inbound {"from","to","connectionId","webhookUrl","script"}': 'someone calls your number: call.initiated goes to the application URL',
};
