import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorParameter } from '../../../shared/locator';
import { callCommand } from '../../transport';
import {
	callControlId,
	callControlIdField,
	commandOptions,
	commonBody,
	digitBody,
	digitOptions,
	jsonOption,
	options,
	pick,
	showFor,
	SPEECH_FIELDS,
	speechOptions,
	voiceField,
} from './common';

const OPERATION = 'gatherUsingSpeak';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Text',
		name: 'payload',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'The prompt spoken to the callee (text or SSML, up to 3000 characters)',
		displayOptions: showFor(OPERATION),
	},
	voiceField(OPERATION, true),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: ([
			...speechOptions,
			...digitOptions(false),
			{ displayName: 'Invalid Input Text', name: 'invalidPayload', type: 'string', default: '', description: 'Spoken when the input is invalid, before the prompt plays again' },
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Speaks a prompt and collects DTMF; the result comes as call.gather.ended (contract §5.2). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	const voiceSettings = jsonOption(this, opts, 'voiceSettings', 'Voice Settings', itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'gather_using_speak', {
		payload: this.getNodeParameter('payload', itemIndex) as string,
		voice: locatorParameter(this, 'voice', itemIndex),
		...pick(opts, { ...SPEECH_FIELDS, invalidPayload: 'invalid_payload' }),
		...digitBody(opts),
		...(voiceSettings && Object.keys(voiceSettings).length ? { voice_settings: voiceSettings } : {}),
		...commonBody(opts),
	});
}
