// The three credentials pointing at the simulator, imported into n8n with fixed IDs; workflows
// (the smoke ones, and examples once `pointAtSimulator` has rewritten them) refer to these.
import type { RunningSimulator } from '../simulator/index.cts';
import type { RealN8n } from './n8n-process.cts';

export const SIMULATOR_CREDENTIALS: Record<string, { id: string; name: string }> = {
	steponeAiApi: { id: 'stepone', name: 'Stepone simulator' },
	telnyxApi: { id: 'telnyx', name: 'Telnyx simulator' },
	pamelaApi: { id: 'pamela', name: 'Pamela simulator' },
	// The AI Agent example's chat model: the scripted one of chat-model.cts (imported when its URL is given).
	openAiApi: { id: 'openai', name: 'Scripted chat model' },
};

export async function importSimulatorCredentials(n8n: RealN8n, simulator: RunningSimulator, chatModelUrl?: string): Promise<void> {
	const data: Record<string, unknown> = {
		steponeAiApi: simulator.stepone.credentials(),
		telnyxApi: simulator.telnyx.credentials(),
		pamelaApi: simulator.pamela.credentials(),
		// n8n's OpenAI credential: its Base URL is where the OpenAI Chat Model node sends requests.
		openAiApi: chatModelUrl ? { apiKey: 'sk-scripted-chat-model', url: chatModelUrl } : undefined,
	};
	const imported = Object.entries(SIMULATOR_CREDENTIALS).filter(([type]) => data[type] !== undefined);
	await n8n.importJson('credentials', 'credentials', imported.map(([type, ref]) => ({ ...ref, type, data: data[type] })));
}

type WorkflowNode = { credentials?: Record<string, { id?: string; name: string }> };

/** Points every credential reference of our types at the imported simulator credential. */
export function pointAtSimulator<T extends { nodes: WorkflowNode[] }>(workflow: T): T {
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (SIMULATOR_CREDENTIALS[type]) node.credentials![type] = { ...SIMULATOR_CREDENTIALS[type] };
		}
	}
	return workflow;
}
