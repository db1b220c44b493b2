// GET/POST /api/v1/callinfo/agents (API16): replies leave out the prompt and the account id.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import type { SteponeSimulator } from './index.cts';

export interface SteponeAgent {
	id: number;
	name: string;
	description: string;
	agent_prompt: string;
	greeting: string;
	model_engine: string;
	voice_id: string;
	language: string;
	tts_speed: number;
	tts_volume: number;
	enable_interruptions: boolean;
	tools: string[];
	is_active: boolean;
	account_id: string;
}

function publicView(agent: SteponeAgent): Omit<SteponeAgent, 'agent_prompt' | 'account_id'> {
	const { agent_prompt: _prompt, account_id: _account, ...rest } = agent;
	return rest;
}

const failure = (message: string): SimResponse => ({ status: 200, body: { success: false, message } });

export function listAgents(api: SteponeSimulator, req: SimRequest): SimResponse {
	return api.authorised(req) ?? { status: 200, body: { success: true, data: { agents: [...api.agents.values()].map(publicView) } } };
}

export function createAgent(api: SteponeSimulator, req: SimRequest): SimResponse {
	const denied = api.authorised(req);
	if (denied) return denied;
	const body = (req.body ?? {}) as Partial<SteponeAgent>;
	if (typeof body.name !== 'string' || !body.name.trim()) return failure('name is required');
	if (typeof body.agent_prompt !== 'string' || !body.agent_prompt.trim()) return failure('agent_prompt is required');
	for (const field of ['tts_speed', 'tts_volume'] as const) {
		const value = body[field];
		if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 100)) return failure(`${field} must be an integer 0-100`);
	}
	if (body.model_engine !== undefined && !api.catalog.engines.some((e) => e.model_engine === body.model_engine)) return failure(`unknown model_engine ${body.model_engine}`);
	if (body.voice_id !== undefined && !api.catalog.voices.some((v) => v.voice_id === body.voice_id)) return failure(`unknown voice_id ${body.voice_id}`);
	const agent: SteponeAgent = {
		id: api.agents.size === 0 ? 1 : Math.max(...api.agents.keys()) + 1,
		name: body.name,
		description: body.description ?? '',
		agent_prompt: body.agent_prompt,
		greeting: body.greeting ?? '',
		model_engine: body.model_engine ?? 'stepone-mini',
		voice_id: body.voice_id ?? 'v0001',
		language: body.language ?? 'zh',
		tts_speed: body.tts_speed ?? 50,
		tts_volume: body.tts_volume ?? 50,
		enable_interruptions: body.enable_interruptions ?? true,
		tools: body.tools ?? ['end_call'],
		is_active: body.is_active ?? true,
		account_id: 'acct_simulator',
	};
	api.agents.set(agent.id, agent);
	return { status: 200, body: { success: true, data: publicView(agent) } };
}
