import type { IDataObject } from 'n8n-workflow';

/** One field the AI gather should collect, as entered in the node. */
export interface GatherField {
	name?: string;
	type?: string;
	description?: string;
	required?: boolean;
}

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** A schema Telnyx can use as `parameters`, or the reason it cannot (shown to the user). */
export type SchemaOutcome = { schema: IDataObject } | { reason: string };

/** Turns the list of fields into the JSON Schema Telnyx expects as `parameters` (contract §5.5). */
export function schemaFromFields(fields: GatherField[]): SchemaOutcome {
	if (fields.length === 0) return { reason: 'Add at least one field to collect' };
	const properties: IDataObject = {};
	const required: string[] = [];
	for (const [index, field] of fields.entries()) {
		const name = String(field.name ?? '').trim();
		if (!name) return { reason: `Field ${index + 1} has no name` };
		if (name in properties) return { reason: `The field name "${name}" is used twice` };
		const type = field.type ?? 'string';
		if (!(FIELD_TYPES as readonly string[]).includes(type)) return { reason: `Field "${name}" has an unknown type "${type}"` };
		properties[name] = { type, ...(field.description ? { description: field.description } : {}) };
		if (field.required) required.push(name);
	}
	return { schema: { type: 'object', properties, ...(required.length ? { required } : {}) } };
}

/**
 * Checks a raw schema: Telnyx fills an object, so the schema must be `type: "object"` with
 * at least one property, and `required` may only name those properties.
 */
export function checkObjectSchema(schema: unknown): SchemaOutcome {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
		return { reason: 'The schema must be a JSON object such as {"type": "object", "properties": {...}}' };
	}
	const record = schema as IDataObject;
	if (record.type !== 'object') {
		return { reason: `The schema's "type" must be "object" (it is ${JSON.stringify(record.type ?? null)}), because the AI fills an object of fields` };
	}
	const properties = record.properties;
	if (!properties || typeof properties !== 'object' || Array.isArray(properties) || Object.keys(properties).length === 0) {
		return { reason: 'The schema needs a "properties" object with at least one field' };
	}
	for (const [name, property] of Object.entries(properties)) {
		if (!property || typeof property !== 'object' || Array.isArray(property)) {
			return { reason: `The property "${name}" must be an object such as {"type": "string"}` };
		}
	}
	if (record.required !== undefined) {
		if (!Array.isArray(record.required) || record.required.some((entry) => typeof entry !== 'string')) {
			return { reason: '"required" must be a list of property names' };
		}
		const unknown = (record.required as string[]).filter((name) => !(name in properties));
		if (unknown.length) return { reason: `"required" names fields that are not in "properties": ${unknown.join(', ')}` };
	}
	return { schema: record };
}
