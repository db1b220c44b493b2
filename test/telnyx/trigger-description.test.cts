// What a user sees in n8n's editor for both triggers: the node panel's trigger entries (n8n
// builds them from the first property named Event/Events/Trigger On, using each option's
// `action`, else "On " + the lower-cased name), the notices and the listening panel.
import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { PamelaTrigger } from '../../nodes/Pamela/PamelaTrigger.node.ts';
import { TelnyxTrigger } from '../../nodes/Telnyx/TelnyxTrigger.node.ts';

/** The entries n8n 2.41.1's node creator lists for a trigger node (editor-ui, actions generation). */
function panelEntries(description: INodeTypeDescription): string[] {
	const property = description.properties.find((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));
	const options = (property?.options ?? []) as INodePropertyOptions[];
	return options.map((option) => option.action ?? `On ${option.name.toLowerCase()}`);
}

const notices = (description: INodeTypeDescription) => description.properties.filter((p) => p.type === 'notice').map((p) => p.displayName);

describe('Telnyx Trigger in the editor', () => {
	const description = new TelnyxTrigger().description;

	it('lists its events as "On AI Gather Ended", not "On ai gather ended"', () => {
		const entries = panelEntries(description);
		expect(entries).toContain('On AI Gather Ended');
		expect(entries).toContain('On Call Hung Up');
		expect(entries).toContain('On Gather DTMF Received');
		expect(entries.every((entry) => /^On [A-Z]/.test(entry) && !entry.includes(':'))).toBe(true);
	});

	it('says where the URL goes, test and production, and that the workflow must be published', () => {
		const [notice] = notices(description);
		expect(notice).toMatch(/Call Control Application ID|application's ID/);
		expect(notice).toMatch(/Test URL/);
		expect(notice).toMatch(/Production URL/);
		expect(notice).toMatch(/published/);
		expect(notice).toMatch(/Voice → Programmable Voice/);
		expect(JSON.stringify(description.triggerPanel)).toMatch(/Test URL/);
	});

	it('answers JSON: empty response data, so n8n sends what the node returns', () => {
		expect(description.webhooks?.[0]).toMatchObject({ responseMode: 'onReceived', responseData: '' });
	});
});

describe('Pamela Trigger in the editor', () => {
	const description = new PamelaTrigger().description;

	it('lists one entry per mode, Tool Call included', () => {
		expect(panelEntries(description)).toEqual(['On Call Events', 'On Call Outcome', 'On Tool Call']);
	});

	it('says where to paste which URL, test and production, and that the workflow must be published', () => {
		for (const notice of notices(description)) {
			expect(notice).toMatch(/partner portal → your project/);
			expect(notice).toMatch(/Production URL/);
			expect(notice).toMatch(/Test URL/);
			expect(notice).toMatch(/published/);
		}
		expect(JSON.stringify(description.triggerPanel)).toMatch(/Test URL/);
	});
});
