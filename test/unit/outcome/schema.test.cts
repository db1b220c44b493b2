// The one JSON-schema builder and checker behind Telnyx AI Gather and Pamela tool registration.
import { checkObjectSchema, FIELD_TYPES, schemaFromFields } from '../../../nodes/shared/schema.ts';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('schemaFromFields', () => {
	it('builds an object schema with descriptions and required names (the AI Gather example)', () => {
		expect(
			schemaFromFields([
				{ name: 'name', type: 'string', description: "The caller's full name", required: true },
				{ name: 'age', type: 'integer', required: false },
				{ name: ' city ', description: 'Where they live', required: true },
			]),
		).toEqual({
			schema: {
				type: 'object',
				properties: { name: { type: 'string', description: "The caller's full name" }, age: { type: 'integer' }, city: { type: 'string', description: 'Where they live' } },
				required: ['name', 'city'],
			},
		});
	});
	it.each(FIELD_TYPES.map((type) => [type]))('accepts type %s', (type) => {
		expect(schemaFromFields([{ name: 'x', type }])).toEqual({ schema: { type: 'object', properties: { x: { type } } } });
	});
	it('an empty list is an empty object schema, unless at least one field is required', () => {
		expect(schemaFromFields([])).toEqual({ schema: { type: 'object', properties: {} } });
		expect(schemaFromFields([], { atLeastOne: true })).toEqual({ reason: 'Add at least one field to collect', problem: 'no_fields' });
	});
	it.each([
		['no name', [{ name: 'a' }, { name: '  ' }], {}, { reason: 'Field 2 has no name', problem: 'no_name' }],
		['twice', [{ name: 'a' }, { name: 'a' }], {}, { reason: 'The field name "a" is used twice', problem: 'duplicate', field: 'a' }],
		['unknown type', [{ name: 'a', type: 'date' }], {}, { reason: 'Field "a" has an unknown type "date"', problem: 'bad_type', field: 'a' }],
		['not an identifier', [{ name: '1st' }], { namePattern: IDENT }, { reason: 'The field name "1st" is not valid', problem: 'bad_name', field: '1st' }],
		['with a hint', [{ name: 'order id' }], { namePattern: IDENT, nameHint: 'use letters, digits or _' }, { reason: 'The field name "order id" is not valid: use letters, digits or _', problem: 'bad_name', field: 'order id' }],
	])('refuses a field list with a field %s', (_name, fields, rules, expected) => {
		expect(schemaFromFields(fields, rules)).toEqual(expected);
	});
	it('without a name pattern any non-empty name goes (Telnyx properties)', () => {
		expect(schemaFromFields([{ name: 'first name' }])).toEqual({ schema: { type: 'object', properties: { 'first name': { type: 'string' } } } });
	});
});

describe('checkObjectSchema', () => {
	const good = { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] };
	it('passes an object schema through unchanged', () => {
		expect(checkObjectSchema(good)).toEqual({ schema: good });
		expect(checkObjectSchema(good, { needsProperties: true })).toEqual({ schema: good });
	});
	it('a missing type is "object" only where allowed (Pamela tool schemas)', () => {
		expect(checkObjectSchema({ properties: { a: { type: 'string' } } }, { typeOptional: true })).toEqual({ schema: { type: 'object', properties: { a: { type: 'string' } } } });
		expect(checkObjectSchema({ properties: {} })).toMatchObject({ reason: 'The schema\'s "type" must be "object" (it is null), because the AI fills an object of fields' });
	});
	it('properties may be empty unless needed', () => {
		expect(checkObjectSchema({ type: 'object' })).toEqual({ schema: { type: 'object' } });
		expect(checkObjectSchema({ type: 'object', properties: {} }, { needsProperties: true })).toMatchObject({ reason: 'The schema needs a "properties" object with at least one field' });
		expect(checkObjectSchema({ type: 'object' }, { needsProperties: true })).toMatchObject({ reason: 'The schema needs a "properties" object with at least one field' });
	});
	it.each([
		['an array', [], 'The schema must be a JSON object such as {"type": "object", "properties": {...}}'],
		['null', null, 'The schema must be a JSON object such as {"type": "object", "properties": {...}}'],
		['text', 'object', 'The schema must be a JSON object such as {"type": "object", "properties": {...}}'],
		['type array', { type: 'array', items: { type: 'string' } }, 'The schema\'s "type" must be "object" (it is "array"), because the AI fills an object of fields'],
		['properties a list', { type: 'object', properties: [] }, '"properties" must be an object of fields'],
		['a property that is not a schema', { type: 'object', properties: { a: 'string' } }, 'The property "a" must be an object such as {"type": "string"}'],
		['required not a list', { type: 'object', properties: { a: {} }, required: 'a' }, '"required" must be a list of property names'],
		['required with a number', { type: 'object', properties: { a: {} }, required: [1] }, '"required" must be a list of property names'],
		['required naming unknown fields', { type: 'object', properties: { a: {} }, required: ['a', 'b', 'c'] }, '"required" names fields that are not in "properties": b, c'],
	])('refuses %s', (_name, schema, reason) => {
		expect(checkObjectSchema(schema)).toMatchObject({ reason, problem: 'not_object_schema' });
	});
});
