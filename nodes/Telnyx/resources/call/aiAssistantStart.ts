import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorField, locatorParameter, locatorValue } from '../../../shared/locator';
import { assistantField } from '../../locators';
import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, jsonOption, options, pick, showFor } from './common';
import { messageListField, messagesFrom } from './messages';

const OPERATION = 'aiAssistantStart';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	assistantField(true, 'Assistant', 'The AI assistant (Telnyx portal → AI Assistants) that takes over the call', showFor(OPERATION)),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: [
			{ displayName: 'Dynamic Variables (JSON)', name: 'dynamicVariables', type: 'json', default: '{}', description: 'Values for {{variables}} in the assistant\'s instructions and greeting' },
			{ displayName: 'Enable Interruptions', name: 'interruptions', type: 'boolean', default: true, description: 'Whether the callee can talk over the assistant' },
			{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '', description: 'Overrides the assistant\'s first sentence' },
			{ displayName: 'Instructions', name: 'instructions', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Overrides the assistant\'s instructions' },
			messageListField('messageHistory', 'Message History', ['assistant', 'user'], 'Conversation so far'),
			{ displayName: 'Model', name: 'model', type: 'string', default: '', description: 'Overrides the assistant\'s LLM' },
			{ displayName: 'Send Message History Updates', name: 'sendMessageHistoryUpdates', type: 'boolean', default: false, description: 'Whether to send call.ai_gather.message_history_updated on each change' },
			{ displayName: 'Transcription Model', name: 'transcriptionModel', type: 'string', default: '', description: 'Speech-to-text model, e.g. deepgram/nova-3' },
			locatorField({
				displayName: 'Voice',
				name: 'voice',
				searchListMethod: 'searchVoices',
				idLabel: 'Voice',
				idPlaceholder: 'e.g. AWS.Polly.Joanna-Neural',
				description: 'Overrides the assistant\'s voice: pick one, or type it as Provider.Model.VoiceId',
			}),
			...commandOptions,
		],
	},
];

/** Hands the call to a stored AI assistant with optional overrides (contract §5.6, §5.7). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	const variables = jsonOption(this, opts, 'dynamicVariables', 'Dynamic Variables', itemIndex);
	const history = messagesFrom(opts.messageHistory);
	const assistant: IDataObject = {
		id: locatorParameter(this, 'assistantId', itemIndex),
		...pick(opts, { instructions: 'instructions', model: 'model' }),
		...(variables && Object.keys(variables).length ? { dynamic_variables: variables } : {}),
		...(locatorValue(opts.voice) ? { voice_settings: { voice: locatorValue(opts.voice) } } : {}),
	};
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'ai_assistant_start', {
		assistant,
		...pick(opts, { greeting: 'greeting', sendMessageHistoryUpdates: 'send_message_history_updates' }),
		...(opts.interruptions !== undefined ? { interruption_settings: { enable: opts.interruptions } } : {}),
		...(history.length ? { message_history: history } : {}),
		...(opts.transcriptionModel ? { transcription: { model: opts.transcriptionModel } } : {}),
		...commonBody(opts),
	});
}
