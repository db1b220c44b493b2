import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorParameter } from '../../../shared/locator';
import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, targetLegsOption, jsonOption, options, pick, showFor, SPEECH_FIELDS, speechOptions, voiceField } from './common';

const OPERATION = 'speak';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Text',
		name: 'payload',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'What to say (text or SSML, up to 3000 characters)',
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
			{ displayName: 'Loop', name: 'loop', type: 'string', default: '1', description: 'How many times to say it, or "infinity"' },
			{
				displayName: 'Stop',
				name: 'stop',
				type: 'options',
				options: [
					{ name: 'Current', value: 'current' },
					{ name: 'All', value: 'all' },
				],
				default: 'current',
				description: 'Whether to stop the current speech only or all queued speech first',
			},
			targetLegsOption,
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Says text on the call; Telnyx sends call.speak.started and call.speak.ended (contract §5.9). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	const voiceSettings = jsonOption(this, opts, 'voiceSettings', 'Voice Settings', itemIndex);
	const loop = opts.loop === undefined || opts.loop === 'infinity' ? opts.loop : Number(opts.loop);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'speak', {
		payload: this.getNodeParameter('payload', itemIndex) as string,
		voice: locatorParameter(this, 'voice', itemIndex),
		...pick(opts, { ...SPEECH_FIELDS, stop: 'stop', targetLegs: 'target_legs' }),
		...(loop !== undefined ? { loop } : {}),
		...(voiceSettings && Object.keys(voiceSettings).length ? { voice_settings: voiceSettings } : {}),
		...commonBody(opts),
	});
}
