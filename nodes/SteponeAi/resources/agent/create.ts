import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { payloadOf, steponeRequest } from '../../transport';

const show = { show: { resource: ['agent'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Agent Prompt',
		name: 'agentPrompt',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		description: 'What the agent does on every call, in the language it speaks',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Enable Interruptions', name: 'enableInterruptions', type: 'boolean', default: true, description: 'Whether the callee can interrupt the agent while it speaks' },
			{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '', description: 'First sentence the agent says' },
			{ displayName: 'Is Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether the agent can be used for calls' },
			{ displayName: 'Language', name: 'language', type: 'string', default: 'zh' },
			{
				displayName: 'Model Engine Name or ID',
				name: 'modelEngine',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getEngines' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Tools',
				name: 'tools',
				type: 'multiOptions',
				options: [{ name: 'End Call', value: 'end_call' }],
				default: ['end_call'],
				description: 'What the agent may do on its own',
			},
			{ displayName: 'TTS Speed', name: 'ttsSpeed', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 50, description: 'Speaking speed, 0–100' },
			{ displayName: 'TTS Volume', name: 'ttsVolume', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 50, description: 'Speaking volume, 0–100' },
			{
				displayName: 'Voice Name or ID',
				name: 'voiceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVoices' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
];

/** Parameter name → API field (contract §2, API16). */
const FIELDS: Record<string, string> = {
	description: 'description',
	greeting: 'greeting',
	language: 'language',
	modelEngine: 'model_engine',
	voiceId: 'voice_id',
	ttsSpeed: 'tts_speed',
	ttsVolume: 'tts_volume',
	enableInterruptions: 'enable_interruptions',
	tools: 'tools',
	isActive: 'is_active',
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const prompt = String(this.getNodeParameter('agentPrompt', itemIndex, '')).trim();
	for (const [field, value] of [['Name', name], ['Agent Prompt', prompt]]) {
		if (!value) throw new NodeOperationError(this.getNode(), `${field} is empty`, { itemIndex, description: `Item ${itemIndex}: fill in "${field}".` });
	}
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, agent_prompt: prompt, language: 'zh' };
	for (const [parameter, field] of Object.entries(FIELDS)) {
		const value = extra[parameter];
		if (value !== undefined && value !== '') body[field] = value;
	}
	for (const [parameter, label] of [['ttsSpeed', 'TTS Speed'], ['ttsVolume', 'TTS Volume']]) {
		const value = extra[parameter];
		if (value !== undefined && (!Number.isInteger(Number(value)) || Number(value) < 0 || Number(value) > 100)) {
			throw new NodeOperationError(this.getNode(), `${label} must be a whole number from 0 to 100`, { itemIndex, description: `Item ${itemIndex}: set "${label}" between 0 and 100.` });
		}
	}
	// Creating is not idempotent: sent once, never retried.
	const response = await steponeRequest(this, { method: 'POST', path: '/api/v1/callinfo/agents', body, itemIndex, retry: 'never' });
	const agent = payloadOf(response);
	return agent && typeof agent === 'object' && !Array.isArray(agent) ? (agent as IDataObject) : { result: agent as string };
}
