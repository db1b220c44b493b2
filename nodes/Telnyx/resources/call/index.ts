import type { INodeProperties } from 'n8n-workflow';

import { versionedOperation, type OperationAliases } from '../../../shared/operations';

import * as aiAssistantAddMessages from './aiAssistantAddMessages';
import * as aiAssistantStart from './aiAssistantStart';
import * as aiAssistantStop from './aiAssistantStop';
import * as answer from './answer';
import * as bridge from './bridge';
import * as dial from './dial';
import * as gather from './gather';
import * as gatherStop from './gatherStop';
import * as gatherUsingAi from './gatherUsingAi';
import * as gatherUsingAudio from './gatherUsingAudio';
import * as gatherUsingSpeak from './gatherUsingSpeak';
import * as get from './get';
import * as hangup from './hangup';
import * as playbackStart from './playbackStart';
import * as playbackStop from './playbackStop';
import * as recordStart from './recordStart';
import * as recordStop from './recordStop';
import * as reject from './reject';
import * as sendDtmf from './sendDtmf';
import * as speak from './speak';
import * as transcriptionStart from './transcriptionStart';
import * as transcriptionStop from './transcriptionStop';
import * as transfer from './transfer';

/** Operation values by the package's one scheme (nodes/shared/operations.ts), with the files that run them. */
export const operations = {
	aiAssistantAddMessages,
	aiAssistantStart,
	aiAssistantStop,
	answer,
	bridge,
	placeCall: dial,
	gather,
	gatherStop,
	gatherUsingAi,
	gatherUsingAudio,
	gatherUsingSpeak,
	get,
	hangUp: hangup,
	playbackStart,
	playbackStop,
	recordStart,
	recordStop,
	reject,
	sendDtmf,
	speak,
	transcriptionStart,
	transcriptionStop,
	transfer,
};

/** Values saved before the rename (version 1 of the node) and what they are now. */
export const aliases: OperationAliases = { dial: 'placeCall', hangup: 'hangUp' };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{ name: 'Add AI Assistant Messages', value: 'aiAssistantAddMessages', action: 'Add messages to the AI assistant', description: 'Add messages to a running AI assistant' },
		{ name: 'AI Gather', value: 'gatherUsingAi', action: 'Collect fields with AI', description: 'Let an AI collect fields by talking with the callee' },
		{ name: 'Answer', value: 'answer', action: 'Answer an incoming call', description: 'Pick up an incoming call (after call.initiated)' },
		{ name: 'Bridge', value: 'bridge', action: 'Bridge two calls', description: 'Connect two calls to each other' },
		{ name: 'Gather', value: 'gather', action: 'Collect DTMF digits', description: 'Collect keypad digits' },
		{ name: 'Gather Using Audio', value: 'gatherUsingAudio', action: 'Play audio and collect DTMF digits', description: 'Play an audio prompt and collect keypad digits' },
		{ name: 'Gather Using Speak', value: 'gatherUsingSpeak', action: 'Speak and collect DTMF digits', description: 'Speak a prompt and collect keypad digits' },
		{ name: 'Get', value: 'get', action: 'Get a call', description: 'Get whether a call is alive and its times' },
		{ name: 'Hang Up', value: 'hangUp', action: 'Hang up a call', description: 'End a call' },
		{ name: 'Place Call', value: 'placeCall', action: 'Place a call', description: 'Dial one or more numbers' },
		{ name: 'Reject', value: 'reject', action: 'Reject an incoming call', description: 'Refuse an incoming call without answering it' },
		{ name: 'Send DTMF', value: 'sendDtmf', action: 'Send DTMF tones', description: 'Press keys on the call, e.g. to reach an extension' },
		{ name: 'Speak', value: 'speak', action: 'Speak text on a call', description: 'Say text with text-to-speech' },
		{ name: 'Start AI Assistant', value: 'aiAssistantStart', action: 'Start an AI assistant', description: 'Hand the call to a Telnyx AI assistant' },
		{ name: 'Start Playback', value: 'playbackStart', action: 'Play an audio file', description: 'Play an MP3 or WAV file on the call' },
		{ name: 'Start Recording', value: 'recordStart', action: 'Start recording a call', description: 'Record the call; call.recording.saved follows' },
		{ name: 'Start Transcription', value: 'transcriptionStart', action: 'Start transcribing a call', description: 'Transcribe the call live; text arrives as call.transcription events' },
		{ name: 'Stop AI Assistant', value: 'aiAssistantStop', action: 'Stop the AI assistant', description: 'Stop the AI assistant; the call stays up' },
		{ name: 'Stop Gather', value: 'gatherStop', action: 'Stop a gather', description: 'Stop a running gather' },
		{ name: 'Stop Playback', value: 'playbackStop', action: 'Stop audio playback', description: 'Stop the audio playing on the call' },
		{ name: 'Stop Recording', value: 'recordStop', action: 'Stop recording a call', description: 'Stop the recording; call.recording.saved follows' },
		{ name: 'Stop Transcription', value: 'transcriptionStop', action: 'Stop transcribing a call', description: 'Stop the live transcription; the call stays up' },
		{ name: 'Transfer', value: 'transfer', action: 'Transfer a call', description: 'Connect the caller to another number or SIP address' },
	],
	default: 'placeCall',
};

export const description: INodeProperties[] = [
	...versionedOperation(operation, aliases),
	...Object.values(operations).flatMap((operation) => operation.description),
];
