import type { IDataObject } from 'n8n-workflow';

/** One field of an object a tool or an AI gather fills, as entered in a node's field list. */
export interface SchemaField {
	name?: string;
	type?: string;
	description?: string;
	required?: boolean;
}

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** What went wrong, so a caller can word its own message for the common cases. */
export type SchemaProblem = 'no_fields' | 'no_name' | 'bad_name' | 'duplicate' | 'bad_type' | 'not_object_schema';

/** A schema, or why there is none (a sentence for the user) and which field it is about. */
export type SchemaResult = { schema: IDataObject } | { reason: string; problem: SchemaProblem; field?: string };

export interface FieldListRules {
	/** Refuse an empty list (an AI gather needs something to collect; a tool may take no arguments). */
	atLeastOne?: boolean;
	/** Names must match this, e.g. identifiers for LLM tool arguments. */
	namePattern?: RegExp;
	/** How to write a valid name, appended to the refusal, e.g. "use letters, digits or _". */
	nameHint?: string;
}

/** Builds `{type: "object", properties, required}` from a field list; a missing type is "string". */
export function schemaFromFields(fields: SchemaField[], rules: FieldListRules = {}): SchemaResult {
	if (rules.atLeastOne && fields.length === 0) return { reason: 'Add at least one field to collect', problem: 'no_fields' };
	const properties: IDataObject = {};
	const required: string[] = [];
	for (const [index, field] of fields.entries()) {
		const name = String(field.name ?? '').trim();
		if (!name) return { reason: `Field ${index + 1} has no name`, problem: 'no_name' };
		if (rules.namePattern && !rules.namePattern.test(name)) {
			return { reason: `The field name "${name}" is not valid${rules.nameHint ? `: ${rules.nameHint}` : ''}`, problem: 'bad_name', field: name };
		}
		if (name in properties) return { reason: `The field name "${name}" is used twice`, problem: 'duplicate', field: name };
		const type = field.type || 'string';
		if (!(FIELD_TYPES as readonly string[]).includes(type)) {
			return { reason: `Field "${name}" has an unknown type "${type}"`, problem: 'bad_type', field: name };
		}
		properties[name] = { type, ...(field.description ? { description: field.description } : {}) };
		if (field.required) required.push(name);
	}
	return { schema: { type: 'object', properties, ...(required.length ? { required } : {}) } };
}

export interface ObjectSchemaRules {
	/** Accept a schema without "type" and add `type: "object"` (Pamela's tool schemas). */
	typeOptional?: boolean;
	/** Refuse a schema without at least one property (an AI gather must collect something). */
	needsProperties?: boolean;
}

const refuse = (reason: string, field?: string): SchemaResult => ({ reason, problem: 'not_object_schema', ...(field ? { field } : {}) });

/**
 * Checks a JSON Schema given as JSON: an object schema (the thing filled is an object of
 * fields) whose properties are schemas and whose `required` names only those properties.
 */
export function checkObjectSchema(schema: unknown, rules: ObjectSchemaRules = {}): SchemaResult {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
		return refuse('The schema must be a JSON object such as {"type": "object", "properties": {...}}');
	}
	const record = schema as IDataObject;
	if (record.type !== 'object' && !(rules.typeOptional && record.type === undefined)) {
		return refuse(`The schema's "type" must be "object" (it is ${JSON.stringify(record.type ?? null)}), because the AI fills an object of fields`);
	}
	const properties = record.properties ?? {};
	if (typeof properties !== 'object' || Array.isArray(properties)) return refuse('"properties" must be an object of fields');
	if (rules.needsProperties && Object.keys(properties).length === 0) {
		return refuse('The schema needs a "properties" object with at least one field');
	}
	for (const [name, property] of Object.entries(properties)) {
		if (!property || typeof property !== 'object' || Array.isArray(property)) {
			return refuse(`The property "${name}" must be an object such as {"type": "string"}`, name);
		}
	}
	if (record.required !== undefined) {
		if (!Array.isArray(record.required) || record.required.some((entry) => typeof entry !== 'string')) {
			return refuse('"required" must be a list of property names');
		}
		const unknown = (record.required as string[]).filter((name) => !(name in properties));
		if (unknown.length) return refuse(`"required" names fields that are not in "properties": ${unknown.join(', ')}`);
	}
	return { schema: record.type === undefined ? { type: 'object', ...record } : record };
}
