// Stored AI assistants (SDK resources/ai/assistants/assistants.d.ts: GET /v2/ai/assistants
// answers AssistantsList `{data: InferenceEmbedding[]}`, one unpaged list with id, name,
// created_at, instructions, model), for the AI Assistant picker. Not in the contract; the
// simulator starts with none. Start AI Assistant does not check that the ID exists here.
import type { TelnyxSimulator } from './index.cts';
import { isoMicro } from './state.cts';

export interface SimAssistant {
	id: string;
	name: string;
	instructions?: string;
	model?: string;
}

export class TelnyxAssistants {
	readonly assistants: SimAssistant[] = [];

	constructor(telnyx: TelnyxSimulator) {
		telnyx.sim.route('GET', '/v2/ai/assistants', (req) => telnyx.authorised(req) ?? { status: 200, body: { data: this.assistants.map((a) => this.entry(a)) } });
	}

	/** Stores an assistant (tests and pickers). */
	add(assistant: SimAssistant): void {
		this.assistants.push(assistant);
	}

	private entry(assistant: SimAssistant): Record<string, unknown> {
		return {
			id: assistant.id,
			name: assistant.name,
			created_at: isoMicro(0),
			instructions: assistant.instructions ?? 'You are a helpful assistant.',
			model: assistant.model ?? 'meta-llama/Meta-Llama-3.1-70B-Instruct',
		};
	}
}

const registry = new WeakMap<TelnyxSimulator, TelnyxAssistants>();

/** Adds the assistants route to a Telnyx simulator (called once from its constructor). */
export function registerAssistantRoutes(telnyx: TelnyxSimulator): void {
	registry.set(telnyx, new TelnyxAssistants(telnyx));
}

/** The stored assistants of a Telnyx simulator. */
export function assistantsOf(telnyx: TelnyxSimulator): TelnyxAssistants {
	const assistants = registry.get(telnyx);
	if (!assistants) throw new Error('The Telnyx simulator has no assistants route');
	return assistants;
}
