// The Telnyx Trigger's canvas subtitle names the chosen events as the event list does
// ("Call: Answered"), not by their keys ("call.answered" or "ai gather ended").
import { buildWorkflow, node } from '../harness/engine.cts';

const { TelnyxTrigger } = require('../../dist/nodes/Telnyx/TelnyxTrigger.node.js');

async function subtitle(parameters: Record<string, unknown>): Promise<unknown> {
	const description = new TelnyxTrigger().description;
	const n = node({ name: 'T', type: 'n8n-nodes-ai-calls.telnyxTrigger', typeVersion: description.defaultVersion ?? 1, parameters: parameters as never });
	const workflow = await buildWorkflow({ nodes: [n] });
	return workflow.expression.getSimpleParameterValue(n, description.subtitle, 'internal', {});
}

it('names the chosen events, and says Call outcome in outcome mode', async () => {
	expect(await subtitle({ output: 'events', events: ['call.answered', 'call.ai_gather.ended', 'call.hangup'] })).toBe('Call: Answered, AI Gather: Ended, Call: Hung Up');
	expect(await subtitle({ output: 'outcome' })).toBe('Call outcome');
});
