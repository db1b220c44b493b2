import type { IDataObject } from 'n8n-workflow';

/** One field the AI gather should collect, as entered in the node. */
export interface GatherField {
	name?: string;
	type?: string;
	description?: string;
	required?: boolean;
}

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** Thrown before any request when the fields or the schema cannot become Telnyx `parameters`. */
export class SchemaError extends Error {}

/** Turns the list of fields into the JSON Schema Telnyx expects as `parameters` (contract §5.5). */
export function schemaFromFields(fields: GatherField[]): IDataObject {
	if (fields.length === 0) throw new SchemaError('Add at least one field to collect');
	const properties: IDataObject = {};
	const required: string[] = [];
	for (const [index, field] of fields.entries()) {
		const name = String(field.name ?? '').trim();
		if (!name) throw new SchemaError(`Field ${index + 1} has no name`);
		if (name in properties) throw new SchemaError(`The field name "${name}" is used twice`);
		const type = field.type ?? 'string';
		if (!(FIELD_TYPES as readonly string[]).includes(type)) throw new SchemaError(`Field "${name}" has an unknown type "${type}"`);
		properties[name] = { type, ...(field.description ? { description: field.description } : {}) };
		if (field.required) required.push(name);
	}
	return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/**
 * Checks a raw schema: Telnyx fills an object, so the schema must be `type: "object"` with
 * at least one property, and `required` may only name those properties.
 */
export function checkObjectSchema(schema: unknown): IDataObject {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
		throw new SchemaError('The schema must be a JSON object such as {"type": "object", "properties": {...}}');
	}
	const record = schema as IDataObject;
	if (record.type !== 'object') {
		throw new SchemaError(`The schema's "type" must be "object" (it is ${JSON.stringify(record.type ?? null)}), because the AI fills an object of fields`);
	}
	const properties = record.properties;
	if (!properties || typeof properties !== 'object' || Array.isArray(properties) || Object.keys(properties).length === 0) {
		throw new SchemaError('The schema needs a "properties" object with at least one field');
	}
	for (const [name, property] of Object.entries(properties)) {
		if (!property || typeof property !== 'object' || Array.isArray(property)) {
			throw new SchemaError(`The property "${name}" must be an object such as {"type": "string"}`);
		}
	}
	if (record.required !== undefined) {
		if (!Array.isArray(record.required) || record.required.some((entry) => typeof entry !== 'string')) {
			throw new SchemaError('"required" must be a list of property names');
		}
		const unknown = (record.required as string[]).filter((name) => !(name in properties));
		if (unknown.length) throw new SchemaError(`"required" names fields that are not in "properties": ${unknown.join(', ')}`);
	}
	return record;
}
