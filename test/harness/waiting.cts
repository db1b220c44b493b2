// Runs a workflow whose node waits (`putExecutionToWait`) and resumes it the way n8n 2.41
// does (../shared/n8n-runtime.md, "Waiting and resuming in a custom node"): the run stops
// 'waiting' and is stored serialised, as in n8n's database; a loopback server answers
// `POST <base>/webhook-waiting/<executionId>/<nodeId>?signature=<resumeToken>`, checks the
// token, calls the waiting node's `webhook()` through n8n-core's WebhookContext with the raw
// body, acknowledges deliveries that return no workflowData, and on the first workflowData
// resumes the run once (the node's output = that data). The wait tracker's timeout resumes
// with the node disabled, so its input passes through; Stop cancels the wait.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRunExecutionData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper.cts';
import { additionalDataFor, buildWorkflow, runWorkflow, type HarnessWorkflow, type RunOptions, type RunResult } from './engine.cts';
import { HarnessResponse, readRequest } from './http-adapters.cts';
import { loadPackage } from './package.cts';

export interface WaitingDelivery {
	status: number;
	body: unknown;
	/** Whether this delivery resumed the execution. */
	resumed: boolean;
}

type ExecutionStatus = 'running' | 'waiting' | 'success' | 'error' | 'canceled';

interface StoredExecution {
	id: string;
	definition: HarnessWorkflow;
	options: RunOptions;
	status: ExecutionStatus;
	resumeToken: string;
	/** The run as n8n stores it: JSON text, so nothing in memory survives between deliveries. */
	stored?: string;
	waitTill?: Date;
	first?: RunResult;
	final?: RunResult;
	finished: Promise<RunResult>;
	finish: (run: RunResult) => void;
}

export interface WaitingExecution {
	id: string;
	/** `$execution.resumeUrl` as n8n-core gives it (without the node suffix). */
	resumeUrl: string;
	/** The first run, which ended 'waiting' (or not, when the node did not wait). */
	first: RunResult;
	status(): ExecutionStatus;
	waitTill(): Date | undefined;
	/** The resumed (or timed-out, or stopped) run. */
	resumed(): Promise<RunResult>;
	/** What the wait tracker does when `waitTill` passes: resume with the waiting node disabled. */
	timeout(): Promise<RunResult>;
	/** The Stop button on a waiting execution: it is cancelled and never resumes. */
	stop(): Promise<RunResult>;
}

export interface WaitingServer {
	/** n8n's `webhookWaitingBaseUrl` (`<WEBHOOK_URL>webhook-waiting`). */
	waitingBaseUrl: string;
	deliveries: WaitingDelivery[];
	run(definition: HarnessWorkflow, options?: RunOptions): Promise<WaitingExecution>;
	stop(): Promise<void>;
}

function parseBody(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The run's data as n8n would read it back from its database: a fresh copy. */
const revive = (text: string): IRunExecutionData => JSON.parse(text) as IRunExecutionData;

export async function startWaitingServer(credentials: Record<string, ICredentialDataDecryptedObject> = {}): Promise<WaitingServer> {
	const loader = await loadPackage();
	const executions = new Map<string, StoredExecution>();
	const deliveries: WaitingDelivery[] = [];
	const server = http.createServer((req, res) => void handle(req, res));
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const waitingBaseUrl = `${base}/webhook-waiting`;
	let counter = 0;

	const runOptions = (execution: StoredExecution, extra: RunOptions = {}): RunOptions => ({
		...execution.options,
		credentials,
		executionId: execution.id,
		additionalData: { ...execution.options.additionalData, webhookWaitingBaseUrl: waitingBaseUrl, webhookBaseUrl: `${base}/webhook` },
		...extra,
	});

	/** Stores a run's end: waiting (serialised) or finished. */
	function settle(execution: StoredExecution, result: RunResult): void {
		if (result.status === 'waiting') {
			execution.status = 'waiting';
			execution.stored = JSON.stringify(result.run.data);
			execution.waitTill = result.run.waitTill ?? undefined;
			return;
		}
		execution.status = result.status === 'success' ? 'success' : result.status === 'canceled' ? 'canceled' : 'error';
		execution.stored = undefined;
		execution.final = result;
		execution.finish(result);
	}

	/** Runs the stored run on (resume, timeout): the engine disables the waiting node, as in n8n. */
	async function resume(execution: StoredExecution, runExecutionData: IRunExecutionData): Promise<RunResult> {
		execution.status = 'running';
		const result = await runWorkflow(execution.definition, runOptions(execution, { runExecutionData }));
		settle(execution, result);
		return result;
	}

	async function handle(req: http.IncomingMessage, raw: http.ServerResponse) {
		const request = await readRequest(req);
		// A test can send a request for which n8n kept no raw body (as the trigger harness allows).
		if (request.headers['x-harness-no-raw-body']) delete (request as { rawBody?: Buffer }).rawBody;
		const response = new HarnessResponse(raw);
		const record = (resumed: boolean) =>
			void response.finished.then(() => deliveries.push({ status: response.statusCode, body: parseBody(response.text), resumed }));
		const match = /^\/webhook-waiting\/([^/]+)(?:\/([^/]+))?$/.exec(request.path);
		const execution = match ? executions.get(match[1]) : undefined;
		if (!match || !execution) {
			record(false);
			return void response.status(404).json({ code: 404, message: 'The requested webhook is not registered' });
		}
		const tokenOk = request.query.signature === execution.resumeToken;
		// n8n: a running or finished execution answers 409 to a holder of the token, 401 otherwise.
		if (execution.status !== 'waiting') {
			record(false);
			if (!tokenOk) return void response.status(401).json({ code: 401, message: 'Invalid token' });
			const state = execution.status === 'running' ? 'is running already' : 'has finished already';
			return void response.status(409).json({ code: 409, message: `The execution "${execution.id}" ${state}.` });
		}
		if (!tokenOk) {
			record(false);
			return void response.status(401).json({ code: 401, message: 'Invalid token' });
		}
		const runData = revive(execution.stored!);
		const nodeName = runData.resultData.lastNodeExecuted!;
		const workflow = await buildWorkflow(execution.definition);
		const node = workflow.getNode(nodeName)!;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const description = (nodeType.description.webhooks ?? []).find(
			(d: IWebhookDescription) => d.restartWebhook === true && String(d.httpMethod) === request.method,
		);
		// The suffix is the node's ID (the webhook path `={{ $nodeId }}`); anything else: 404.
		if (!description || !nodeType.webhook || decodeURIComponent(match[2] ?? '') !== node.id) {
			record(false);
			return void response.status(404).json({ code: 404, message: 'The requested webhook is not registered' });
		}
		const credentialsHelper = new HarnessCredentialsHelper(loader, credentials);
		const additionalData = {
			...additionalDataFor(new ExecutionLifecycleHooks('webhook', execution.id, {} as never), credentialsHelper),
			webhookWaitingBaseUrl: waitingBaseUrl,
			executionId: execution.id,
			httpRequest: request,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST' as const,
			node: node.name,
			path: node.id,
			webhookDescription: description,
			workflowId: 'harness',
			workflowExecuteAdditionalData: additionalData,
			isFullPath: true,
		};
		const context = new WebhookContext(workflow, node, additionalData, execution.options.mode ?? 'manual', webhookData, [], runData);
		let outcome: IWebhookResponseData;
		try {
			outcome = await nodeType.webhook.call(context);
		} catch (error) {
			record(false);
			return void response.status(500).json({ code: 0, message: (error as Error).message });
		}
		const data = outcome.workflowData;
		if (!data) {
			record(false);
			if (outcome.noWebhookResponse) return void (await response.finished);
			return void response.status(200).json(outcome.webhookResponse ?? { message: 'Webhook call received' });
		}
		// The first delivery with workflowData resumes: the waiting node's input becomes that data.
		execution.status = 'running';
		record(true);
		if (!outcome.noWebhookResponse) response.status(200).json((outcome.webhookResponse as IDataObject | undefined) ?? { message: 'Workflow was started' });
		const entry = runData.executionData!.nodeExecutionStack[0];
		entry.data.main = data as INodeExecutionData[][];
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true } as typeof entry.metadata;
		await resume(execution, runData);
	}

	return {
		waitingBaseUrl,
		deliveries,
		async run(definition, options = {}) {
			const id = `${++counter}${Date.now() % 100000}`;
			let finish!: (run: RunResult) => void;
			const finished = new Promise<RunResult>((resolve) => (finish = resolve));
			const execution: StoredExecution = { id, definition, options, status: 'running', resumeToken: randomBytes(32).toString('hex'), finished, finish };
			executions.set(id, execution);
			const first = await runWorkflow(definition, runOptions(execution, { resumeToken: execution.resumeToken }));
			execution.first = first;
			settle(execution, first);
			return {
				id,
				resumeUrl: `${waitingBaseUrl}/${id}?signature=${execution.resumeToken}`,
				first,
				status: () => execution.status,
				waitTill: () => execution.waitTill,
				resumed: () => execution.finished,
				async timeout() {
					if (execution.status !== 'waiting') throw new Error(`Execution ${id} is ${execution.status}, not waiting`);
					return await resume(execution, revive(execution.stored!));
				},
				async stop() {
					if (execution.status !== 'waiting') throw new Error(`Execution ${id} is ${execution.status}, not waiting`);
					const run = revive(execution.stored!);
					const result: RunResult = { ...first, status: 'canceled', run: { ...first.run, status: 'canceled', data: run } };
					settle(execution, result);
					return result;
				},
			};
		},
		stop: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
