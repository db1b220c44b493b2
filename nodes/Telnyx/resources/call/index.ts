import type { INodeProperties } from 'n8n-workflow';

import * as aiAssistantAddMessages from './aiAssistantAddMessages';
import * as aiAssistantStart from './aiAssistantStart';
import * as aiAssistantStop from './aiAssistantStop';
import * as dial from './dial';
import * as gather from './gather';
import * as gatherStop from './gatherStop';
import * as gatherUsingAi from './gatherUsingAi';
import * as gatherUsingAudio from './gatherUsingAudio';
import * as gatherUsingSpeak from './gatherUsingSpeak';
import * as get from './get';
import * as hangup from './hangup';
import * as speak from './speak';

export const operations = {
	aiAssistantAddMessages,
	aiAssistantStart,
	aiAssistantStop,
	dial,
	gather,
	gatherStop,
	gatherUsingAi,
	gatherUsingAudio,
	gatherUsingSpeak,
	get,
	hangup,
	speak,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{ name: 'Add AI Assistant Messages', value: 'aiAssistantAddMessages', action: 'Add messages to the AI assistant', description: 'Add messages to a running AI assistant' },
			{ name: 'AI Gather', value: 'gatherUsingAi', action: 'Collect fields with AI', description: 'Let an AI collect fields by talking with the callee' },
			{ name: 'Gather', value: 'gather', action: 'Collect DTMF digits', description: 'Collect keypad digits' },
			{ name: 'Gather Using Audio', value: 'gatherUsingAudio', action: 'Play audio and collect DTMF digits', description: 'Play an audio prompt and collect keypad digits' },
			{ name: 'Gather Using Speak', value: 'gatherUsingSpeak', action: 'Speak and collect DTMF digits', description: 'Speak a prompt and collect keypad digits' },
			{ name: 'Get', value: 'get', action: 'Get a call', description: 'Get whether a call is alive and its times' },
			{ name: 'Hang Up', value: 'hangup', action: 'Hang up a call', description: 'End a call' },
			{ name: 'Place Call', value: 'dial', action: 'Place a call', description: 'Dial one or more numbers' },
			{ name: 'Speak', value: 'speak', action: 'Speak text on a call', description: 'Say text with text-to-speech' },
			{ name: 'Start AI Assistant', value: 'aiAssistantStart', action: 'Start an AI assistant', description: 'Hand the call to a Telnyx AI assistant' },
			{ name: 'Stop AI Assistant', value: 'aiAssistantStop', action: 'Stop the AI assistant', description: 'Stop the AI assistant; the call stays up' },
			{ name: 'Stop Gather', value: 'gatherStop', action: 'Stop a gather', description: 'Stop a running gather' },
		],
		default: 'dial',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
