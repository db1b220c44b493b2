// examples/ai-agent-phone-tools.json in a real n8n: its real AI Agent and OpenAI Chat Model, the
// model being the scripted one of chat-model.cts (the credential's Base URL points at it). Run
// twice, from each of the example's starts: by `n8n execute` from Try It (the Sample Request),
// and as a chat message posted to its Chat Trigger. Each time the model is asked, calls the Place
// a Call tool with a number and a task, n8n runs the Pamela node (Wait for Outcome) against the
// simulator, and the model gets the tool result and answers with the call's status and summary.
import { chatModelUrl, startScriptedChatModel, type ChatRequest, type ScriptedChatModel } from '../chat-model.cts';
import type { DriverContext, ExampleWorkflow } from '../example-drivers.cts';

const RESTAURANT = '+14155550142';
const TASK = 'Book a table for two tonight at 8 pm under the name Smith.';
const CALLS = '/api/b2b/v1/calls';
const CHAT_TRIGGER = '@n8n/n8n-nodes-langchain.chatTrigger';

type Outcome = { provider?: string; status?: string; answered?: boolean; summary?: string; callId?: string };

/**
 * The Chat Trigger made public in webhook mode, as a user who puts the chat on a site would.
 * As shipped it is private: in production n8n answers it 404, and only the editor's chat (a
 * browser session) reaches it.
 */
export function withPublicChat(workflow: ExampleWorkflow): ExampleWorkflow {
	return { ...workflow, nodes: workflow.nodes.map((n) => (n.type === CHAT_TRIGGER ? { ...n, parameters: { ...n.parameters, public: true, mode: 'webhook' } } : n)) };
}

/** Each tool n8n offered the model, with its argument names (the nodes' $fromAI keys). */
const toolsOffered = (request: ChatRequest | undefined) =>
	(request?.tools ?? []).map((t) => `${t.function.name}(${Object.keys(t.function.parameters?.properties ?? {}).sort().join(', ')})`).sort();

/** What one start of the example did: the model's turns, the calls placed, the tool result, the answer. */
interface Observed {
	failed: string[];
	output: string;
}

async function observe(ctx: DriverContext, model: ScriptedChatModel, start: () => Promise<Observed>) {
	let toolResult = '';
	model.requests.length = 0;
	model.reply = (request) => {
		const tool = request.messages.find((m) => m.role === 'tool');
		if (!tool) return { toolCalls: [{ name: 'Place_a_Call', args: { phone_number: RESTAURANT, task: TASK } }] };
		toolResult = String(tool.content);
		const [outcome] = JSON.parse(toolResult) as Outcome[];
		return { answer: `The call ${String(outcome.status)}: ${String(outcome.summary)}` };
	};
	const before = ctx.simulator.sim.requestsTo('POST', CALLS).length;
	const { failed, output } = await start();
	const posts = ctx.simulator.sim.requestsTo('POST', CALLS).slice(before).map((r) => r.body as { to?: string; task?: string });
	let outcome: Outcome = {};
	try {
		[outcome] = JSON.parse(toolResult) as Outcome[];
	} catch {
		// no tool result came back
	}
	const offered = toolsOffered(model.requests[0]);
	const ok =
		failed.length === 0 &&
		offered.join(' ') === 'Get_a_Call(call_id) Place_a_Call(phone_number, task)' &&
		posts.length === 1 && posts[0].to === RESTAURANT && posts[0].task === TASK &&
		outcome.provider === 'pamela' && outcome.status === 'completed' && outcome.answered === true && String(outcome.summary).includes(TASK) &&
		!('raw' in outcome) &&
		output === `The call completed: ${String(outcome.summary)}`;
	const detail =
		`tools offered: ${offered.join(', ') || 'none'}; model asked ${model.requests.length}×; ${posts.length} call(s) placed${posts[0] ? ` to ${posts[0].to}` : ''}; ` +
		`tool result read back: ${outcome.status ? `status ${outcome.status}, answered ${String(outcome.answered)}, summary "${String(outcome.summary).slice(0, 60)}…" (${toolResult.length} chars)` : toolResult.slice(0, 120) || 'none'}; ` +
		`agent answered: "${output.slice(0, 40)}…"${failed.length ? `; failed: ${failed.join('; ')}` : ''}`;
	return { ok, detail };
}

/** From Try It: `n8n execute`, the Sample Request being the prompt. */
async function fromTryIt(ctx: DriverContext): Promise<Observed> {
	const run = await ctx.n8n.execute(String(ctx.workflow.id));
	const runData = run.data.resultData.runData;
	const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`);
	return { failed, output: String(runData['AI Agent']?.at(-1)?.data?.main[0]?.[0]?.json.output ?? '') };
}

/** A chat message to the active workflow's Chat Trigger; n8n answers with the agent's last item. */
async function fromChat(ctx: DriverContext): Promise<Observed> {
	const trigger = ctx.workflow.nodes.find((n) => n.type === CHAT_TRIGGER);
	const sample = ctx.workflow.nodes.find((n) => n.name === 'Sample Request')?.parameters as { assignments?: { assignments?: Array<{ value?: string }> } } | undefined;
	const chatInput = String(sample?.assignments?.assignments?.[0]?.value ?? '');
	const url = `http://127.0.0.1:${ctx.n8n.port}/webhook/${String(trigger?.webhookId)}/chat`;
	const body = JSON.stringify({ action: 'sendMessage', sessionId: 'real-n8n-check', chatInput });
	const response = await ctx.n8n.postOnceRegistered(url, body);
	const text = await response.text();
	if (!response.ok) return { failed: [`chat answered HTTP ${response.status}: ${text.slice(0, 200)}`], output: '' };
	try {
		return { failed: [], output: String((JSON.parse(text) as { output?: unknown }).output ?? '') };
	} catch {
		return { failed: [`chat answered ${text.slice(0, 200)}`], output: '' };
	}
}

export async function aiAgentPhoneTools(ctx: DriverContext) {
	ctx.simulator.pamela.callee(RESTAURANT, { answer: 'answer', ringMs: 2000, says: ['Yes, we have a table for two at 8 pm.', 'Smith, noted. See you tonight.'] });
	const model = await startScriptedChatModel(chatModelUrl(ctx.n8n.port));
	try {
		const tryIt = await observe(ctx, model, async () => await fromTryIt(ctx));
		const chat = await observe(ctx, model, async () => await fromChat(ctx));
		return { ok: tryIt.ok && chat.ok, detail: `from Try It: ${tryIt.detail} | from the Chat Trigger (made public): ${chat.detail}` };
	} finally {
		await model.stop();
	}
}
