// A scripted OpenAI-compatible chat model on loopback for the real-n8n check: n8n's OpenAI Chat
// Model node reaches it through its credential's Base URL (`POST <url>/chat/completions`, plain
// JSON or, when asked to stream, server-sent events). A driver sets `reply` to decide, from the
// request (messages and the tools n8n sent), whether to call tools or answer.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ChatMessage {
	role: string;
	content?: string | null;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown>; required?: string[] } } }>;
	stream?: boolean;
}

export type ChatReply = { toolCalls: Array<{ name: string; args: Record<string, unknown> }> } | { answer: string };

export interface ScriptedChatModel {
	/** The credential's Base URL. */
	url: string;
	requests: ChatRequest[];
	reply: (request: ChatRequest) => ChatReply;
	stop(): Promise<void>;
}

function completion(model: string, reply: ChatReply, n: number) {
	const message = 'answer' in reply
		? { role: 'assistant', content: reply.answer }
		: { role: 'assistant', content: null, tool_calls: reply.toolCalls.map((c, i) => ({ id: `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })) };
	const finish = 'answer' in reply ? 'stop' : 'tool_calls';
	return { id: `chatcmpl-${n}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, message, finish };
}

function send(res: ServerResponse, request: ChatRequest, reply: ChatReply, n: number): void {
	const { id, created, model, message, finish } = completion(request.model, reply, n);
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	if (!request.stream) {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ id, object: 'chat.completion', created, model, choices: [{ index: 0, message, finish_reason: finish }], usage }));
		return;
	}
	const chunk = (delta: object, finishReason: string | null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
	const delta = message.tool_calls ? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) } : { role: 'assistant', content: message.content };
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	res.end(`${chunk(delta, null)}${chunk({}, finish)}data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\ndata: [DONE]\n\n`);
}

/**
 * Its Base URL beside an n8n on `n8nPort`: a fixed port (n8n holds port, + 1 and + 2; a second
 * version runs at + 10), so the credential can be imported before the driver starts the model.
 */
export const chatModelUrl = (n8nPort: number) => `http://127.0.0.1:${n8nPort + 5}/v1`;

export async function startScriptedChatModel(url: string): Promise<ScriptedChatModel> {
	const model: ScriptedChatModel = {
		url: '',
		requests: [],
		reply: () => ({ answer: 'No script is set for this chat model.' }),
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `The scripted chat model has no ${req.method} ${req.url}` } }));
			return;
		}
		const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		model.requests.push(request);
		try {
			send(res, request, model.reply(request), model.requests.length);
		} catch (error) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `Chat model script failed: ${(error as Error).message}` } }));
		}
	};
	const server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(Number(new URL(url).port), '127.0.0.1', resolve);
	});
	model.url = url;
	return model;
}
