import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { pamelaRequest } from '../../transport';
import { schemaFromFields, schemaFromJson, type SchemaField } from './schema';

const show = { resource: ['tool'], operation: ['register'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. lookup_order',
		description: 'Name the agent calls the tool by; the Pamela Trigger in Tool Call mode answers to it',
		displayOptions: { show },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		description: 'What the tool does and when the agent should use it',
		displayOptions: { show },
	},
	{
		displayName: 'Input Schema From',
		name: 'schemaSource',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Field List', value: 'fields', description: 'Build the schema from a list of fields' },
			{ name: 'JSON Schema', value: 'json', description: 'Enter a JSON Schema' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Input Fields',
		name: 'inputFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Field',
		description: 'The arguments the agent passes to the tool',
		displayOptions: { show: { ...show, schemaSource: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'fields',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. order_id' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'string',
						options: ['string', 'number', 'integer', 'boolean', 'object', 'array'].map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
					},
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{ displayName: 'Required', name: 'required', type: 'boolean', default: true, description: 'Whether the agent must always pass this field' },
				],
			},
		],
	},
	{
		displayName: 'Input Schema (JSON)',
		name: 'inputSchema',
		type: 'json',
		default: '{\n  "type": "object",\n  "properties": {}\n}',
		description: 'JSON Schema of the arguments object',
		displayOptions: { show: { ...show, schemaSource: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Output Schema (JSON)', name: 'outputSchema', type: 'json', default: '{}', description: 'JSON Schema of the result the tool returns' },
			{ displayName: 'Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', default: 30, typeOptions: { minValue: 1 }, description: 'How long the agent waits for the tool\'s answer' },
		],
	},
];

/**
 * Sends the Python SDK's form, `{"tool": {…, "timeout_ms"}}`: it is read from the SDK's
 * source, whereas the JS docs' unwrapped `timeout_seconds` form is only an example (contract §2).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
		throw new NodeOperationError(this.getNode(), `Tool name "${name}" is not valid`, {
			itemIndex,
			description: `Item ${itemIndex}: use 1 to 64 letters, digits, _ or - in "Name", e.g. lookup_order.`,
		});
	}
	const source = this.getNodeParameter('schemaSource', itemIndex, 'fields') as string;
	const inputSchema =
		source === 'json'
			? schemaFromJson(this, 'Input Schema (JSON)', this.getNodeParameter('inputSchema', itemIndex, '{}'), itemIndex)
			: schemaFromFields(this, ((this.getNodeParameter('inputFields', itemIndex, {}) as IDataObject).fields ?? []) as SchemaField[], itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const tool: IDataObject = {
		name,
		description: String(this.getNodeParameter('description', itemIndex, '')),
		input_schema: Object.keys(inputSchema).length ? inputSchema : { type: 'object', properties: {} },
		output_schema: schemaFromJson(this, 'Output Schema (JSON)', options.outputSchema, itemIndex),
		timeout_ms: Math.round(Number(options.timeoutSeconds ?? 30) * 1000),
	};
	const reply = await pamelaRequest<IDataObject>(this, {
		method: 'POST',
		path: '/tools',
		body: { tool },
		itemIndex,
		lostReplyHint: `It is unknown whether the tool "${name}" was registered: check with Tool > Get Many before registering it again.`,
	});
	const registered = (reply?.tool && typeof reply.tool === 'object' ? reply.tool : reply) as IDataObject;
	return { id: registered?.id ?? null, name, raw: reply ?? {} };
}
