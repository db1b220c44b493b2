// Runs workflows in n8n-core's real execution engine (WorkflowExecute) with the package's
// nodes from dist/. Modelled on n8n's own node test harness, without mocks of `this`.
import '../support/n8n-home.cjs'; // first: n8n-core's key file stays inside the project
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IRunExecutionData,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper.cts';
import { loadPackage, PackageNodeTypes } from './package.cts';

export interface HarnessWorkflow {
	nodes: INode[];
	connections?: IConnections;
}

export interface RunOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items given to the start node (the node without incoming connections). */
	input?: INodeExecutionData[];
	startNode?: string;
	mode?: WorkflowExecuteMode;
	/** Lets a test stop the execution (as the Stop button does). */
	onStarted?: (execution: { cancel: () => void }) => void;
	/** The execution's ID and its additional-data overrides (a waiting run's base URL), as n8n sets them. */
	executionId?: string;
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	/** Resumes this stored run instead of starting at the start node (waiting executions). */
	runExecutionData?: IRunExecutionData;
	/** The execution's resume token, as n8n creates one per execution (`$execution.resumeUrl`'s signature). */
	resumeToken?: string;
	/** Node types beyond the package's (ai-nodes.cts: tool variants and an AI Agent stand-in). */
	nodeTypes?: INodeTypes;
}

export interface NodeError {
	message: string;
	description?: string | null;
	httpCode?: string | null;
	itemIndex?: number;
	name?: string;
}

export interface RunResult {
	status: IRun['status'];
	/** Output items of each node (first output, last run), by node name. */
	outputs: Record<string, INodeExecutionData[]>;
	/** The error each failed node raised, by node name. */
	errors: Record<string, NodeError>;
	run: IRun;
}

/** Wraps node-relative fields so tests can write short node literals. */
export function node(partial: Partial<INode> & Pick<INode, 'name' | 'type'>): INode {
	return { id: partial.name, typeVersion: 1, position: [0, 0], parameters: {}, ...partial };
}

export function additionalDataFor(
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: HarnessCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		hooks,
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function buildWorkflow(definition: HarnessWorkflow, nodeTypes?: INodeTypes) {
	const loader = await loadPackage();
	return new Workflow({
		id: 'harness',
		name: 'harness',
		nodes: definition.nodes,
		connections: definition.connections ?? {},
		active: false,
		nodeTypes: nodeTypes ?? new PackageNodeTypes(loader),
		settings: { executionOrder: 'v1' },
	});
}

/** Chains nodes in the order given: a → b → c. */
export function chain(...names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function toNodeError(error: IDataObject | undefined): NodeError | undefined {
	if (!error) return undefined;
	const context = (error.context ?? {}) as IDataObject;
	return {
		message: String(error.message ?? ''),
		description: (error.description as string | null | undefined) ?? undefined,
		httpCode: (error.httpCode as string | null | undefined) ?? undefined,
		itemIndex: context.itemIndex as number | undefined,
		name: error.name as string | undefined,
	};
}

export async function runWorkflow(definition: HarnessWorkflow, options: RunOptions = {}): Promise<RunResult> {
	const loader = await loadPackage();
	const workflow = await buildWorkflow(definition, options.nodeTypes);
	const credentialsHelper = new HarnessCredentialsHelper(loader, options.credentials ?? {});
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', options.executionId ?? `harness-${Date.now()}`, {
		id: 'harness',
		name: 'harness',
		nodes: definition.nodes,
		connections: definition.connections ?? {},
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	let finish!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const additionalData = { ...additionalDataFor(hooks, credentialsHelper), ...options.additionalData } as IWorkflowExecuteAdditionalData;
	if (options.executionId) additionalData.executionId = options.executionId;

	const targets = new Set(
		Object.values(definition.connections ?? {}).flatMap((c) => (c.main ?? []).flat().map((e) => e?.node)),
	);
	const startName = options.startNode ?? definition.nodes.find((n) => !targets.has(n.name))?.name;
	const start = startName ? workflow.getNode(startName) : null;
	if (!start && !options.runExecutionData) throw new Error('The harness workflow has no start node');

	const runExecutionData: IRunExecutionData = options.runExecutionData ?? ({
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: start, data: { main: [options.input ?? [{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
		...(options.resumeToken ? { resumeToken: options.resumeToken } : {}),
	} as unknown as IRunExecutionData);
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	const running = execute.processRunExecutionData(workflow);
	options.onStarted?.({ cancel: () => running.cancel() });
	await running;
	const run = await finished;

	const outputs: RunResult['outputs'] = {};
	const errors: RunResult['errors'] = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const last = tasks[tasks.length - 1];
		outputs[name] = last?.data?.main?.[0] ?? [];
		const error = toNodeError(last?.error as unknown as IDataObject | undefined);
		if (error) errors[name] = error;
	}
	return { status: run.status, outputs, errors, run };
}

export { Container };
