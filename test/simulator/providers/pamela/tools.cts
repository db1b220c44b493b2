// Registered tools (POST/GET/DELETE /tools) and mid-call invocations (contract §5.3): the agent
// POSTs a signed body to the tool URL, waits up to the tool's timeout, and the answer (or the
// timeout) goes into the transcript.
import type { Simulator, SimRequest, SimResponse } from '../../core/server.cts';
import { validationError } from './errors.cts';
import { pamelaJson, pamelaSignature } from './signing.cts';
import type { SimCall, ToolDefinition } from './state.cts';

export interface ToolInvocation {
	callId: string;
	toolName: string;
	correlationId: string;
	arguments: Record<string, unknown>;
	timeoutMs: number;
	outcome: 'answered' | 'timeout' | 'error' | 'not-registered' | 'no-url';
	status?: number;
	result?: unknown;
	error?: string;
	/** Simulated ms the answer took. */
	elapsedMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30000;

export class PamelaTools {
	readonly definitions: ToolDefinition[] = [];
	readonly invocations: ToolInvocation[] = [];
	private counter = 0;

	constructor(
		private readonly sim: Simulator,
		private readonly settings: () => { url?: string; secret: string },
	) {}

	/** Accepts the Python form `{"tool": {…, timeout_ms}}` and the JS docs' unwrapped `timeout_seconds` form (contract §2). */
	register(req: SimRequest): SimResponse {
		const raw = (req.body ?? {}) as Record<string, unknown>;
		const tool = (raw.tool && typeof raw.tool === 'object' ? raw.tool : raw) as Record<string, unknown>;
		if (typeof tool.name !== 'string' || !tool.name.trim()) return validationError('tool.name', 'field required');
		if (tool.input_schema !== undefined && (typeof tool.input_schema !== 'object' || tool.input_schema === null)) {
			return validationError('tool.input_schema', 'must be an object');
		}
		const timeoutMs =
			typeof tool.timeout_ms === 'number' ? tool.timeout_ms : typeof tool.timeout_seconds === 'number' ? tool.timeout_seconds * 1000 : DEFAULT_TIMEOUT_MS;
		for (const old of this.definitions) if (old.name === tool.name) old.active = false;
		const definition: ToolDefinition = {
			id: `tool_${++this.counter}`,
			name: tool.name,
			description: tool.description as string | undefined,
			input_schema: tool.input_schema as Record<string, unknown> | undefined,
			output_schema: (tool.output_schema as Record<string, unknown> | undefined) ?? {},
			timeout_ms: timeoutMs,
			active: true,
			created_at: new Date().toISOString(),
		};
		this.definitions.push(definition);
		return { status: 200, body: { ...definition } };
	}

	list(): SimResponse {
		return { status: 200, body: this.definitions.filter((tool) => tool.active) };
	}

	remove(id: string): SimResponse {
		const tool = this.definitions.find((candidate) => candidate.id === id && candidate.active);
		if (!tool) return { status: 404, body: { detail: 'Tool not found' } };
		tool.active = false;
		return { status: 200, body: { success: true, id } };
	}

	/** A tool the call may use: registered and active, or given inline on the call. */
	private find(call: SimCall, name: string): { timeout_ms?: number; timeout_seconds?: number } | undefined {
		const registered = this.definitions.find((tool) => tool.active && tool.name === name);
		if (registered) return registered;
		const inline = (call.request.tools as Array<Record<string, unknown>> | undefined) ?? [];
		return inline.find((tool) => tool.name === name) as { timeout_ms?: number } | undefined;
	}

	async invoke(call: SimCall, toolName: string, args: Record<string, unknown>): Promise<ToolInvocation> {
		const correlationId = `corr_${call.id}_${this.invocations.length + 1}`;
		const tool = this.find(call, toolName);
		const timeoutMs = tool?.timeout_ms ?? (tool?.timeout_seconds ? tool.timeout_seconds * 1000 : DEFAULT_TIMEOUT_MS);
		const invocation: ToolInvocation = { callId: call.id, toolName, correlationId, arguments: args, timeoutMs, outcome: 'answered' };
		this.invocations.push(invocation);
		const { url, secret } = this.settings();
		if (!tool) return Object.assign(invocation, { outcome: 'not-registered' as const });
		if (!url) return Object.assign(invocation, { outcome: 'no-url' as const });
		const body = pamelaJson({
			tool_name: toolName,
			arguments: args,
			call_id: call.id,
			correlation_id: correlationId,
			call_session_id: call.call_session_id,
			partner_id: 'partner_sim',
			project_id: 'project_sim',
		});
		const started = this.sim.clock.now();
		// The tool's timeout runs on simulated time like every other delay.
		const abort = new AbortController();
		const deadline = this.sim.clock.after(timeoutMs, () => abort.abort(new DOMException('The tool timed out', 'TimeoutError')));
		try {
			const exchange = fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-pamela-signature': pamelaSignature(secret, body) },
				body,
				signal: abort.signal,
			}).then(async (response) => ({ response, text: await response.text() }));
			const { response, text } = await this.sim.onWire(exchange);
			invocation.status = response.status;
			const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
			if (response.status !== 200) return Object.assign(invocation, { outcome: 'error' as const, error: String(parsed.error ?? text) });
			if (!('result' in parsed)) return Object.assign(invocation, { outcome: 'error' as const, error: 'the reply has no "result" field' });
			invocation.result = parsed.result;
		} catch (error) {
			const timedOut = (error as Error).name === 'TimeoutError';
			Object.assign(invocation, { outcome: timedOut ? 'timeout' : 'error', error: (error as Error).message });
		} finally {
			this.sim.clock.cancel(deadline);
			invocation.elapsedMs = Math.round(this.sim.clock.now() - started);
		}
		return invocation;
	}
}
