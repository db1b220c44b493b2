// What an unscripted Telnyx callee answers to an AI Gather: a plausible value for every field
// of the schema (by its name, description and type), so a playground gather ends `valid` with
// data instead of timing out with `{}`. Scripted `fields` (the control API's) always win.
type Property = { type?: string; description?: string; enum?: unknown[] };

const EXAMPLES: Array<[RegExp, string]> = [
	[/e-?mail/i, 'alex.morgan@example.com'],
	[/phone|mobile|number/i, '+14155550123'],
	[/name/i, 'Alex Morgan'],
	[/date|day|when/i, '2026-12-01'],
	[/time/i, '10:00'],
	[/city|town/i, 'Lisbon'],
	[/address|street/i, '1 Main Street'],
];

function plausible(name: string, property: Property): unknown {
	if (property.enum?.length) return property.enum[0];
	switch (property.type) {
		case 'boolean':
			return true;
		case 'integer':
		case 'number':
			return 2;
		case 'array':
			return [];
		case 'object':
			return {};
		default: {
			const text = `${name} ${property.description ?? ''}`;
			return EXAMPLES.find(([pattern]) => pattern.test(text))?.[1] ?? `my ${property.description ?? name}`;
		}
	}
}

export function improvisedFields(schema: { properties?: Record<string, Property> } | undefined): Record<string, unknown> {
	return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([name, property]) => [name, plausible(name, property)]));
}
