// Serves a trigger node's webhook on loopback the way n8n's webhook server does: a real
// HTTP request reaches the node's `webhook()` through n8n-core's WebhookContext, and the
// answer follows the node's response mode and response data. Activation runs its webhook
// lifecycle methods. Static data behaves as on n8n 1.x's production path: each request and each
// activation or deactivation reads it afresh and it is kept only when it changed (saved after).
// (n8n 2.41.1 skips that save when the request starts an execution and static data existed
// before: measured, see README "Trigger security".)
// a test activation (`activate({ test: true })`) starts with its own empty static data, as
// n8n's test webhooks do, and the test URL is then the one the node sees.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import {
	Expression,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper.cts';
import { additionalDataFor, buildWorkflow, runWorkflow, type HarnessWorkflow, type RunResult } from './engine.cts';
import { HarnessResponse, readRequest } from './http-adapters.cts';
import { loadPackage } from './package.cts';

export interface WebhookResult {
	status: number;
	/** The answer, parsed as JSON when it is JSON. */
	body: unknown;
	workflowStarted: boolean;
	/** What the trigger emitted (the workflow's input). */
	triggerItems: INodeExecutionData[];
	/** The workflow run, when one was started. */
	run?: RunResult;
}

export interface TriggerServer {
	url: string;
	/** The URL n8n would show for the trigger's default webhook. */
	webhookUrl: string;
	/** The test URL of the same webhook (served by the same server). */
	testWebhookUrl: string;
	deliveries: WebhookResult[];
	activate(options?: { test?: boolean }): Promise<void>;
	deactivate(options?: { test?: boolean }): Promise<void>;
	/** The static data as last saved (production or test). */
	staticData(options?: { test?: boolean }): IDataObject;
	waitForDeliveries(count: number, timeoutMs?: number): Promise<WebhookResult[]>;
	stop(): Promise<void>;
}

export interface TriggerOptions {
	triggerNode: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

/** Resolves a webhook description field such as `={{$parameter["responseMode"]}}`, with parameter defaults as n8n applies them. */
function resolve<T>(value: unknown, node: INode, fallback: T, nodeType?: INodeType): T {
	if (typeof value !== 'string' || !value.startsWith('=')) return (value as T) ?? fallback;
	const parameters = nodeType
		? NodeHelpers.getNodeParameters(nodeType.description.properties, node.parameters, true, false, node, nodeType.description)
		: node.parameters;
	const resolved = Expression.resolveWithoutWorkflow(value.slice(1), { $parameter: parameters ?? node.parameters });
	return (resolved as T) ?? fallback;
}

function parseBody(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export async function startTriggerServer(definition: HarnessWorkflow, options: TriggerOptions): Promise<TriggerServer> {
	const loader = await loadPackage();
	const workflow = await buildWorkflow(definition);
	const node = workflow.getNode(options.triggerNode);
	if (!node) throw new Error(`No node named "${options.triggerNode}"`);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const descriptions = nodeType.description.webhooks ?? [];
	if (!nodeType.webhook || descriptions.length === 0) throw new Error(`${node.type} is not a webhook trigger`);

	const credentialsHelper = new HarnessCredentialsHelper(loader, options.credentials ?? {});
	const deliveries: WebhookResult[] = [];
	const waiters: Array<() => void> = [];
	const savedStaticData: Record<'production' | 'test', IDataObject> = { production: {}, test: {} };
	/** The workflow as n8n builds it for one request: the same nodes, the static data as last saved. */
	const loadWorkflow = (which: 'production' | 'test') =>
		new Workflow({
			id: workflow.id,
			name: workflow.name,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			active: false,
			nodeTypes: workflow.nodeTypes,
			settings: workflow.settings,
			staticData: JSON.parse(JSON.stringify(savedStaticData[which])) as IDataObject,
		});
	const saveStaticData = (which: 'production' | 'test', loaded: Workflow) => {
		if (loaded.staticData.__dataChanged === true) savedStaticData[which] = JSON.parse(JSON.stringify(loaded.staticData)) as IDataObject;
	};
	const server = http.createServer((req, res) => void handle(req, res));
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	node.webhookId ??= 'harness-webhook';

	const baseData = (): IWorkflowExecuteAdditionalData => {
		const data = additionalDataFor(new ExecutionLifecycleHooks('webhook', 'webhook', {} as never), credentialsHelper);
		return { ...data, webhookBaseUrl: `${url}/webhook`, webhookTestBaseUrl: `${url}/webhook-test` };
	};
	const webhookData = (description: IWebhookDescription, additionalData: IWorkflowExecuteAdditionalData, isTest = false): IWebhookData => ({
		httpMethod: resolve(description.httpMethod, node, 'POST', nodeType),
		node: node.name,
		path: resolve(description.path, node, '', nodeType),
		webhookDescription: description,
		workflowId: 'harness',
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest,
	});

	async function handle(req: http.IncomingMessage, raw: http.ServerResponse) {
		const request = await readRequest(req);
		// A test can send a request for which n8n kept no raw body.
		if (request.headers['x-harness-no-raw-body']) delete (request as { rawBody?: Buffer }).rawBody;
		const which = request.path.startsWith('/webhook-test/') ? 'test' : 'production';
		const workflow = loadWorkflow(which);
		const response = new HarnessResponse(raw);
		const description = descriptions.find((d) => resolve(d.httpMethod, node!, 'POST') === request.method) ?? descriptions[0];
		const additionalData = { ...baseData(), httpRequest: request, httpResponse: response } as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(workflow, node!, additionalData, 'webhook', webhookData(description, additionalData), [], null);
		const result: WebhookResult = { status: 0, body: undefined, workflowStarted: false, triggerItems: [] };
		let outcome: IWebhookResponseData;
		try {
			outcome = await nodeType.webhook!.call(context);
			saveStaticData(which, workflow);
		} catch (error) {
			response.status(500).json({ code: 0, message: (error as Error).message });
			return record(result, response);
		}
		const items = outcome.workflowData?.[0] ?? [];
		if (outcome.workflowData) {
			result.workflowStarted = true;
			result.triggerItems = items;
		}
		const running = outcome.workflowData
			? runWorkflow(definition, { startNode: node!.name, input: items, credentials: options.credentials, mode: 'webhook' })
			: undefined;
		if (outcome.noWebhookResponse) {
			await response.finished;
		} else if (!outcome.workflowData) {
			response.status(200).json(outcome.webhookResponse ?? { message: 'Webhook call received' });
		} else if (resolve<string>(description.responseMode, node!, 'onReceived', nodeType) === 'lastNode') {
			const run = await running!;
			result.run = run;
			const lastNode = run.run.data.resultData.lastNodeExecuted;
			const first = lastNode ? run.outputs[lastNode]?.[0]?.json : undefined;
			if (run.status === 'success' && first) response.status(200).json(first as IDataObject);
			else response.status(500).json({ code: 0, message: 'Error in workflow' });
		} else {
			// As n8n: a response data value (default "firstEntryJson") is sent as it is; an empty one sends the node's webhookResponse.
			const responseData = resolve<string>(description.responseData, node!, 'firstEntryJson', nodeType);
			if (responseData === 'noData') response.status(200).end();
			else if (responseData) response.status(200).send(responseData);
			else response.status(200).json(outcome.webhookResponse ?? { message: 'Workflow was started' });
		}
		result.run ??= running ? await running : undefined;
		record(result, response);
	}

	function record(result: WebhookResult, response: HarnessResponse) {
		void response.finished.then(() => {
			result.status = response.statusCode;
			result.body = parseBody(response.text);
			deliveries.push(result);
			waiters.splice(0).forEach((wake) => wake());
		});
	}

	async function lifecycle(phase: 'activate' | 'deactivate', test = false) {
		const which = test ? 'test' : 'production';
		// n8n's test webhooks start from empty static data and keep it in the registration until deactivation.
		if (test && phase === 'activate') savedStaticData.test = {};
		const loaded = loadWorkflow(which);
		for (const description of descriptions) {
			const methods = nodeType.webhookMethods?.[description.name];
			if (!methods) continue;
			const additionalData = baseData();
			const mode = test ? 'manual' : 'trigger';
			const context = new HookContext(loaded, node!, additionalData, mode, 'activate', webhookData(description, additionalData, test));
			if (phase === 'activate') {
				if (!(await methods.checkExists.call(context))) await methods.create.call(context);
			} else {
				await methods.delete.call(context);
			}
		}
		saveStaticData(which, loaded);
	}

	return {
		url,
		webhookUrl: `${url}/webhook/${node.webhookId}/${resolve(descriptions[0].path, node, '')}`,
		testWebhookUrl: `${url}/webhook-test/${node.webhookId}/${resolve(descriptions[0].path, node, '')}`,
		deliveries,
		activate: (options) => lifecycle('activate', options?.test),
		deactivate: (options) => lifecycle('deactivate', options?.test),
		staticData: (options) => savedStaticData[options?.test ? 'test' : 'production'],
		async waitForDeliveries(count, timeoutMs = 10000) {
			const deadline = Date.now() + timeoutMs;
			while (deliveries.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`Expected ${count} webhook deliveries, got ${deliveries.length}`);
				await new Promise<void>((wake) => {
					const timer = setTimeout(wake, left);
					waiters.push(() => {
						clearTimeout(timer);
						wake();
					});
				});
			}
			return deliveries.slice(0, count);
		},
		stop: () => new Promise<void>((done) => server.close(() => done())),
	};
}
