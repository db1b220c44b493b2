import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jsonParameter } from '../../../shared/items';
import { checkObjectSchema, schemaFromFields as buildSchema, type SchemaField } from '../../../shared/schema';

export type { SchemaField };

/** Tool arguments reach an LLM as identifiers, so names are letters, digits and _ (not starting with a digit). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JSON Schema object built from the "Input Fields" list; refused with the item, the field and the fix. */
export function schemaFromFields(ctx: IExecuteFunctions, fields: SchemaField[], itemIndex: number): IDataObject {
	const result = buildSchema(fields, { namePattern: NAME });
	if ('schema' in result) return result.schema;
	if (result.problem === 'bad_name') {
		throw new NodeOperationError(ctx.getNode(), `Input field name "${result.field}" is not valid`, {
			itemIndex,
			description: `Item ${itemIndex}: field names in "Input Fields" need letters, digits or _ and may not start with a digit, e.g. order_id.`,
		});
	}
	throw new NodeOperationError(ctx.getNode(), `Input Fields: ${result.reason}`, {
		itemIndex,
		description: `Item ${itemIndex}: fix "Input Fields". Nothing was sent to Pamela.`,
	});
}

/** A JSON Schema given as JSON: must be an object schema; a missing type defaults to "object"; empty stays empty. */
export function schemaFromJson(ctx: IExecuteFunctions, field: string, value: unknown, itemIndex: number): IDataObject {
	const schema = jsonParameter(ctx, field, value, itemIndex);
	if (Object.keys(schema).length === 0) return {};
	const result = checkObjectSchema(schema, { typeOptional: true });
	if ('schema' in result) return result.schema;
	throw new NodeOperationError(ctx.getNode(), `${field} must describe an object`, {
		itemIndex,
		description: `Item ${itemIndex}: tool arguments are an object, so "${field}" needs "type": "object" and its "properties". ${result.reason}.`,
	});
}
