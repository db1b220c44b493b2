import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jsonParameter } from '../../../shared/items';

/** One argument of a tool, as entered in the field list. */
export interface SchemaField {
	name?: string;
	type?: string;
	description?: string;
	required?: boolean;
}

/** A JSON Schema object built from a list of fields: the form an LLM tool definition expects. */
export function schemaFromFields(ctx: IExecuteFunctions, fields: SchemaField[], itemIndex: number): IDataObject {
	const properties: IDataObject = {};
	const required: string[] = [];
	for (const field of fields) {
		const name = String(field.name ?? '').trim();
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
			throw new NodeOperationError(ctx.getNode(), `Input field name "${name}" is not valid`, {
				itemIndex,
				description: `Item ${itemIndex}: field names in "Input Fields" need letters, digits or _ and may not start with a digit, e.g. order_id.`,
			});
		}
		properties[name] = { type: field.type || 'string', ...(field.description ? { description: field.description } : {}) };
		if (field.required) required.push(name);
	}
	return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** A JSON Schema given as JSON: must be an object; a missing type defaults to "object". */
export function schemaFromJson(ctx: IExecuteFunctions, field: string, value: unknown, itemIndex: number): IDataObject {
	const schema = jsonParameter(ctx, field, value, itemIndex);
	if (schema.type !== undefined && schema.type !== 'object') {
		throw new NodeOperationError(ctx.getNode(), `${field} must describe an object`, {
			itemIndex,
			description: `Item ${itemIndex}: tool arguments are an object, so "${field}" needs "type": "object" and its "properties".`,
		});
	}
	return Object.keys(schema).length ? { type: 'object', ...schema } : {};
}
