// What the node panel searches and shows, from the built package: every action node is found
// for "call", "phone", "voice" and "AI call" (codex aliases, Communication → Voice) and its
// card says it places calls; the docs link points at the provider's own site.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIST = path.resolve(__dirname, '../../dist/nodes');
const NODES = [
	['Pamela', 'Pamela', 'https://docs.thisispamela.com/'],
	['Telnyx', 'Telnyx', 'https://developers.telnyx.com/'],
	['SteponeAi', 'SteponeAi', 'https://open-skill.steponeai.com'],
] as const;

describe.each(NODES)('%s', (folder, file, docs) => {
	const codex = JSON.parse(readFileSync(path.join(DIST, folder, `${file}.node.json`), 'utf8'));
	const NodeType = require(path.join(DIST, folder, `${file}.node.js`))[file];

	it.each(['call', 'phone', 'voice', 'AI call'])('is found for "%s"', (term) => {
		expect(codex.alias.map((a: string) => a.toLowerCase())).toContain(term.toLowerCase());
	});

	it('sits under Communication → Voice, says it places calls, and links to the provider\'s docs', () => {
		expect(codex.categories).toContain('Communication');
		expect(codex.subcategories.Communication).toContain('Voice');
		expect(new NodeType().description.description).toMatch(/calls/i);
		expect(codex.resources.primaryDocumentation[0].url.startsWith(docs)).toBe(true);
	});
});
