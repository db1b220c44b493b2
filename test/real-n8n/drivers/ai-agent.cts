// examples/ai-agent-phone-tools.json in a real n8n: its real AI Agent and OpenAI Chat Model, the
// model being the scripted one of chat-model.cts (the credential's Base URL points at it). Run by
// `n8n execute` from Try It: the model is asked the Sample Request, calls the Place a Call tool
// with a number and a task, n8n runs the Pamela node (Wait for Outcome) against the simulator,
// and the model gets the tool result and answers with the call's status and summary.
import { chatModelUrl, startScriptedChatModel, type ChatRequest } from '../chat-model.cts';
import type { DriverContext } from '../example-drivers.cts';

const RESTAURANT = '+14155550142';
const TASK = 'Book a table for two tonight at 8 pm under the name Smith.';
const CALLS = '/api/b2b/v1/calls';

type Outcome = { provider?: string; status?: string; answered?: boolean; summary?: string; callId?: string };

/** Each tool n8n offered the model, with its argument names (the nodes' $fromAI keys). */
const toolsOffered = (request: ChatRequest | undefined) =>
	(request?.tools ?? []).map((t) => `${t.function.name}(${Object.keys(t.function.parameters?.properties ?? {}).sort().join(', ')})`).sort();

export async function aiAgentPhoneTools(ctx: DriverContext) {
	const { n8n, simulator, workflow } = ctx;
	simulator.pamela.callee(RESTAURANT, { answer: 'answer', ringMs: 2000, says: ['Yes, we have a table for two at 8 pm.', 'Smith, noted. See you tonight.'] });
	const model = await startScriptedChatModel(chatModelUrl(n8n.port));
	let toolResult = '';
	model.reply = (request) => {
		const tool = request.messages.find((m) => m.role === 'tool');
		if (!tool) return { toolCalls: [{ name: 'Place_a_Call', args: { phone_number: RESTAURANT, task: TASK } }] };
		toolResult = String(tool.content);
		const [outcome] = JSON.parse(toolResult) as Outcome[];
		return { answer: `The call ${String(outcome.status)}: ${String(outcome.summary)}` };
	};
	try {
		const before = simulator.sim.requestsTo('POST', CALLS).length;
		const run = await n8n.execute(String(workflow.id));
		const runData = run.data.resultData.runData;
		const failed = Object.entries(runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`);
		const posts = simulator.sim.requestsTo('POST', CALLS).slice(before).map((r) => r.body as { to?: string; task?: string });
		const output = String(runData['AI Agent']?.at(-1)?.data?.main[0]?.[0]?.json.output ?? '');
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
			output === `The call completed: ${String(outcome.summary)}`;
		return {
			ok,
			detail: `tools offered: ${offered.join(', ') || 'none'}; model asked ${model.requests.length}×; ${posts.length} call(s) placed${posts[0] ? ` to ${posts[0].to}` : ''}; ` +
				`tool result read back: ${outcome.status ? `status ${outcome.status}, answered ${String(outcome.answered)}, summary "${String(outcome.summary).slice(0, 60)}…" (${toolResult.length} chars)` : toolResult.slice(0, 120) || 'none'}; ` +
				`agent answered: "${output.slice(0, 40)}…"${failed.length ? `; failed: ${failed.join('; ')}` : ''}`,
		};
	} finally {
		await model.stop();
	}
}
