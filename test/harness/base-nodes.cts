// Stand-ins for the few n8n-nodes-base nodes the examples use around this package's nodes
// (Manual and Schedule Trigger, Code, Edit Fields (Set) 3.4, If 2.x, Switch 3.x in Rules mode, No Operation), so that a
// whole example workflow runs in the harness: n8n-nodes-base is not a dependency of this
// repository. Each reads its parameters through n8n-core's getNodeParameter, so expressions and
// If's conditions (a `filter` parameter) are resolved by n8n's own engine; what the node does
// with them follows n8n-nodes-base 2.41.1 (Set: v2/helpers/utils.js prepareReturnItem and
// validateEntry; If: V2/IfV2.node.js; Switch: V3/SwitchV3.node.js without fallback output). The real nodes run in the real-n8n check.
import {
	NodeOperationError,
	validateFieldType,
	type FieldType,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

const base = (name: string, description: Partial<INodeTypeDescription>): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['transform'],
	version: [1, 1.1, 1.2, 1.3, 1.4, 2, 2.1, 2.2, 2.3, 3, 3.1, 3.2, 3.3, 3.4],
	description: `Harness stand-in for ${name}`,
	defaults: { name },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
	...description,
}) as INodeTypeDescription;

/** Passes its input through: Manual Trigger, Schedule Trigger (started by the test) and No Operation. */
const passThrough = (name: string, trigger = false): INodeType => ({
	description: base(name, trigger ? { group: ['trigger'], inputs: [] } : {}),
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
});

/**
 * Code (Run Once for All Items): the example's code returns its items; `$input` and `items` are
 * the input, `$('Node')` is n8n-core's own (e.g. `.all()`); a pairedItem the code returns is kept.
 */
const code: INodeType = {
	description: base('code', { properties: [{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' }] }),
	async execute(this: IExecuteFunctions) {
		const input = this.getInputData();
		const jsCode = this.getNodeParameter('jsCode', 0) as string;
		const proxy = this.getWorkflowDataProxy(0);
		const run = new Function('$input', 'items', '$', `return (async () => {\n${jsCode}\n})();`) as (i: unknown, items: INodeExecutionData[], $: unknown) => Promise<INodeExecutionData[]>;
		const out = await run({ all: () => input, first: () => input[0] }, input, proxy.$);
		return [out.map((item, index) => ({ json: item.json ?? (item as unknown as IDataObject), pairedItem: item.pairedItem ?? { item: Math.min(index, Math.max(0, input.length - 1)) } }))];
	},
};

/** Edit Fields (Set) 3.4, mode Manual Mapping, Include Other Fields off: one field per assignment, typed. */
const set: INodeType = {
	description: base('set', {
		properties: [
			{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {} },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'Ignore Type Conversion Errors', name: 'ignoreConversionErrors', type: 'boolean', default: false }] },
		],
	}),
	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((_, itemIndex) => {
				const { assignments = [] } = this.getNodeParameter('assignments', itemIndex) as { assignments?: Array<{ name: string; value: unknown; type: FieldType }> };
				const { ignoreConversionErrors = false } = this.getNodeParameter('options', itemIndex, {}) as { ignoreConversionErrors?: boolean };
				const json: IDataObject = {};
				for (const { name, value, type } of assignments) {
					if (value === undefined || value === null) {
						json[name] = null;
						continue;
					}
					const typed = type === 'string' ? (typeof value === 'object' ? JSON.stringify(value) : String(value)) : value;
					const checked = validateFieldType(name, typed, type);
					if (!checked.valid && !ignoreConversionErrors) throw new NodeOperationError(this.getNode(), `${checked.errorMessage} [item ${itemIndex}]`, { itemIndex });
					json[name] = (checked.valid ? checked.newValue : typed) as IDataObject[string];
				}
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	},
};

/** If 2.x: items whose conditions hold go to output 0 (true), the others to output 1 (false). */
const ifNode: INodeType = {
	description: base('if', {
		outputs: ['main', 'main'],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {}, typeOptions: { filter: { caseSensitive: '={{!$parameter.options.ignoreCase}}', typeValidation: '={{$parameter.options.looseTypeValidation ? "loose" : "strict"}}', version: '={{ $nodeVersion >= 2.3 ? 3 : $nodeVersion >= 2.2 ? 2 : 1 }}' } } },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: false }, { displayName: 'Convert Types Where Required', name: 'looseTypeValidation', type: 'boolean', default: false }] },
		],
	}),
	async execute(this: IExecuteFunctions) {
		const pass: INodeExecutionData[] = [];
		const fail: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const holds = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			(holds ? pass : fail).push({ ...item, pairedItem: item.pairedItem ?? { item: itemIndex } });
		});
		return [pass, fail];
	},
};

/** Switch 3.x, mode Rules: an item goes to the output of the first rule whose conditions hold (or nowhere). */
const switchNode: INodeType = {
	description: base('switch', {
		outputs: ['main', 'main', 'main', 'main', 'main', 'main'],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', default: 'rules', options: [{ name: 'Rules', value: 'rules' }] },
			{
				displayName: 'Routing Rules',
				name: 'rules',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				default: {},
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {}, typeOptions: { filter: { caseSensitive: '={{!$parameter.options.ignoreCase}}', typeValidation: '={{$parameter.options.looseTypeValidation ? "loose" : "strict"}}', version: '={{ $nodeVersion >= 3.3 ? 2 : 1 }}' } } },
							{ displayName: 'Rename Output', name: 'renameOutput', type: 'boolean', default: false },
							{ displayName: 'Output Name', name: 'outputKey', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: false }, { displayName: 'Convert Types Where Required', name: 'looseTypeValidation', type: 'boolean', default: false }] },
		],
	}),
	async execute(this: IExecuteFunctions) {
		const input = this.getInputData();
		const rules = this.getNodeParameter('rules.values', 0, []) as unknown[];
		const outputs: INodeExecutionData[][] = rules.map(() => []);
		input.forEach((item, itemIndex) => {
			const rule = rules.findIndex((_, ruleIndex) => this.getNodeParameter(`rules.values[${ruleIndex}].conditions`, itemIndex, false, { extractValue: true }) === true);
			if (rule >= 0) outputs[rule].push({ ...item, pairedItem: { item: itemIndex } });
		});
		return outputs;
	},
};

/** Stand-ins by their type name in a workflow. */
export const BASE_NODE_STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', true),
	'n8n-nodes-base.scheduleTrigger': passThrough('scheduleTrigger', true),
	'n8n-nodes-base.noOp': passThrough('noOp'),
	'n8n-nodes-base.code': code,
	'n8n-nodes-base.set': set,
	'n8n-nodes-base.if': ifNode,
	'n8n-nodes-base.switch': switchNode,
};
