// The Telnyx Trigger cannot register without its own URL: the error says how to get one.
import { NodeOperationError, type IHookFunctions, type INode } from 'n8n-workflow';

import { triggerUrl } from '../../../nodes/Telnyx/trigger/registration.ts';

const node: INode = { id: 't1', name: 'Telnyx Trigger', type: 'n8n-nodes-ai-calls.telnyxTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

/** n8n answers getNodeWebhookUrl with undefined when it has no webhook base URL for the node. */
const hookContext = (url: string | undefined) => ({ getNodeWebhookUrl: () => url, getNode: () => node }) as unknown as IHookFunctions;

describe('triggerUrl', () => {
	it('returns the URL n8n gives', () => {
		expect(triggerUrl(hookContext('https://n8n.example.com/webhook/abc'))).toBe('https://n8n.example.com/webhook/abc');
	});

	it('without one, says to save and activate again and to check N8N_WEBHOOK_URL', () => {
		let error: unknown;
		try {
			triggerUrl(hookContext(undefined));
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('n8n gave no webhook URL for this trigger');
		expect((error as NodeOperationError).description).toBe(
			'Save the workflow and activate it again (or click "Listen for test event" again). If this repeats, check that n8n knows its public address: ' +
				'the N8N_WEBHOOK_URL environment variable (WEBHOOK_URL in older versions) must be the public URL Telnyx can reach.',
		);
	});
});
