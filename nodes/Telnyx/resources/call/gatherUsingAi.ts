import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { locatorParameter } from '../../../shared/locator';
import { jsonParameter } from '../../../shared/items';
import { checkObjectSchema, FIELD_TYPES, schemaFromFields, type SchemaField } from '../../../shared/schema';
import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, jsonOption, options, pick, showFor, voiceField } from './common';
import { messageListField, messagesFrom } from './messages';

const OPERATION = 'gatherUsingAi';
const show = showFor(OPERATION);

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Define Fields',
		name: 'schemaMode',
		type: 'options',
		options: [
			{ name: 'As a List', value: 'fields', description: 'Name, type and description of each field' },
			{ name: 'As JSON Schema', value: 'json', description: 'A JSON Schema of type object' },
		],
		default: 'fields',
		displayOptions: show,
	},
	{
		displayName: 'Fields to Collect',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Field',
		description: 'What the AI asks the callee for',
		displayOptions: { show: { resource: ['call'], operation: [OPERATION], schemaMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. city' },
					{ displayName: 'Type', name: 'type', type: 'options', options: FIELD_TYPES.map((type) => ({ name: type[0].toUpperCase() + type.slice(1), value: type })), default: 'string' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Tells the AI what to ask, e.g. "The city the caller lives in"' },
					{ displayName: 'Required', name: 'required', type: 'boolean', default: true, description: 'Whether the gather is only valid once this field is known' },
				],
			},
		],
	},
	{
		displayName: 'JSON Schema',
		name: 'parametersJson',
		type: 'json',
		default: '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "string", "description": "The caller\'s full name" }\n  },\n  "required": ["name"]\n}',
		description: 'A JSON Schema of type object; its properties are the fields to collect',
		displayOptions: { show: { resource: ['call'], operation: [OPERATION], schemaMode: ['json'] } },
	},
	{
		displayName: 'Greeting',
		name: 'greeting',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'What the AI says first (text, or SSML with AWS Polly voices). Empty: it starts by listening.',
		displayOptions: show,
	},
	voiceField(OPERATION, false),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Assistant Instructions', name: 'assistantInstructions', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'System instructions for the AI during the gather' },
			{ displayName: 'Assistant Model', name: 'assistantModel', type: 'string', default: 'Qwen/Qwen3-235B-A22B', description: 'LLM used to run the gather' },
			{ displayName: 'Enable Interruptions', name: 'interruptions', type: 'boolean', default: true, description: 'Whether the callee can talk over the AI' },
			{ displayName: 'Gather Ended Speech', name: 'gatherEndedSpeech', type: 'string', default: '', description: 'Said when all fields are collected' },
			{ displayName: 'Language', name: 'language', type: 'string', default: 'en', description: 'Google transcription language code, e.g. en, de, fr, zh' },
			messageListField('messageHistory', 'Message History', ['assistant', 'user'], 'Conversation so far, so the AI can continue it'),
			{ displayName: 'Send Message History Updates', name: 'sendMessageHistoryUpdates', type: 'boolean', default: false, description: 'Whether to send call.ai_gather.message_history_updated on each turn' },
			{ displayName: 'Send Partial Results', name: 'sendPartialResults', type: 'boolean', default: false, description: 'Whether to send call.ai_gather.partial_results as fields are filled' },
			{ displayName: 'Transcription Language', name: 'transcriptionLanguage', type: 'string', default: 'auto', description: 'Language for the speech-to-text model' },
			{ displayName: 'Transcription Model', name: 'transcriptionModel', type: 'string', default: 'distil-whisper/distil-large-v2', description: 'Speech-to-text model, e.g. deepgram/nova-3 or distil-whisper/distil-large-v2' },
			{ displayName: 'User Response Timeout (Ms)', name: 'userResponseTimeoutMs', type: 'number', typeOptions: { minValue: 0 }, default: 10000, description: 'How long the AI waits for an answer' },
			{ displayName: 'Voice Settings (JSON)', name: 'voiceSettings', type: 'json', default: '{}', description: 'Provider settings, e.g. {"type": "telnyx", "voice_speed": 1.2}' },
			...commandOptions,
		],
	},
];

/** The `parameters` schema from the list or the raw JSON; refused with its reason before any request. */
function parameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = ctx.getNodeParameter('schemaMode', itemIndex, 'fields') as string;
	const where = mode === 'json' ? 'JSON Schema' : 'Fields to Collect';
	const raw = mode === 'json' ? jsonParameter(ctx, where, ctx.getNodeParameter('parametersJson', itemIndex), itemIndex) : undefined;
	const fields = ((ctx.getNodeParameter('fields', itemIndex, {}) as IDataObject).field ?? []) as SchemaField[];
	const outcome = mode === 'json' ? checkObjectSchema(raw, { needsProperties: true }) : schemaFromFields(fields, { atLeastOne: true });
	if ('reason' in outcome) {
		throw new NodeOperationError(ctx.getNode(), `${where}: ${outcome.reason}`, {
			itemIndex,
			description: `Item ${itemIndex}: fix "${where}". Nothing was sent to Telnyx.`,
		});
	}
	return outcome.schema;
}

/** Lets the AI collect the fields by talking; they arrive as call.ai_gather.ended (contract §5.5). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const schema = parameters(this, itemIndex);
	const opts = options(this, itemIndex);
	const voiceSettings = jsonOption(this, opts, 'voiceSettings', 'Voice Settings', itemIndex);
	const history = messagesFrom(opts.messageHistory);
	const assistant = pick(opts, { assistantInstructions: 'instructions', assistantModel: 'model' });
	const transcription = pick(opts, { transcriptionModel: 'model', transcriptionLanguage: 'language' });
	const greeting = String(this.getNodeParameter('greeting', itemIndex, ''));
	const voice = locatorParameter(this, 'voice', itemIndex);
	const result = await callCommand(this, itemIndex, callControlId(this, itemIndex), 'gather_using_ai', {
		parameters: schema,
		...(greeting ? { greeting } : {}),
		...(voice ? { voice } : {}),
		...pick(opts, {
			gatherEndedSpeech: 'gather_ended_speech',
			language: 'language',
			sendPartialResults: 'send_partial_results',
			sendMessageHistoryUpdates: 'send_message_history_updates',
			userResponseTimeoutMs: 'user_response_timeout_ms',
		}),
		...(opts.interruptions !== undefined ? { interruption_settings: { enable: opts.interruptions } } : {}),
		...(history.length ? { message_history: history } : {}),
		...(Object.keys(transcription).length ? { transcription } : {}),
		...(Object.keys(assistant).length ? { assistant } : {}),
		...(voiceSettings && Object.keys(voiceSettings).length ? { voice_settings: voiceSettings } : {}),
		...commonBody(opts),
	});
	return { ...result, parameters: schema };
}
