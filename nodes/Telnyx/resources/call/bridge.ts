import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { recordingBody, recordingOptions, recordOption } from './callOptions';
import { callControlId, callControlIdField, commandOptions, commonBody, options, pick, showFor } from './common';

const OPERATION = 'bridge';

export const muteDtmfOption: INodeProperties = {
	displayName: 'Mute DTMF',
	name: 'muteDtmf',
	type: 'options',
	options: [
		{ name: 'Both', value: 'both' },
		{ name: 'None', value: 'none' },
		{ name: 'Opposite', value: 'opposite' },
		{ name: 'Self', value: 'self' },
	],
	default: 'none',
	description: 'Whose key tones the other side does not hear (the DTMF webhooks still come)',
};

export const parkAfterUnbridgeOption: INodeProperties = {
	displayName: 'Park After Unbridge',
	name: 'parkAfterUnbridge',
	type: 'boolean',
	default: false,
	description: 'Whether this call stays up (parked) when the other side hangs up or is transferred, instead of being hung up',
};

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Bridge With Call Control ID',
		name: 'bridgeWith',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
		description: 'The other call to connect this one to',
		displayOptions: showFor(OPERATION),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: ([
			{ displayName: 'Hold After Unbridge', name: 'holdAfterUnbridge', type: 'boolean', default: false, description: 'Whether this call is put on hold, instead of hung up, when the bridge ends' },
			muteDtmfOption,
			parkAfterUnbridgeOption,
			{ displayName: 'Play Ringtone', name: 'playRingtone', type: 'boolean', default: false, description: 'Whether to play a ringtone while the other call is not answered yet' },
			{ displayName: 'Prevent Double Bridge', name: 'preventDoubleBridge', type: 'boolean', default: false, description: 'Whether to refuse when the other call is already bridged' },
			{ displayName: 'Ringtone Country', name: 'ringtone', type: 'string', default: 'us', placeholder: 'e.g. uk', description: 'Two-letter code of the ringtone played with Play Ringtone (us, uk, de, fr…)' },
			recordOption,
			...recordingOptions,
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Connects two calls (SDK `actions.bridge`); Telnyx sends call.bridged on both legs. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = callControlId(this, itemIndex);
	const other = String(this.getNodeParameter('bridgeWith', itemIndex, '')).trim();
	if (!other || other === id) {
		throw new NodeOperationError(this.getNode(), other ? 'A call cannot be bridged with itself' : 'Bridge With Call Control ID is empty', {
			itemIndex,
			description: `Item ${itemIndex}, field "Bridge With Call Control ID": map the Call Control ID of the other call (from Place Call or a Telnyx Trigger event).`,
		});
	}
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, id, 'bridge', {
		call_control_id_to_bridge_with: other,
		...pick(opts, { holdAfterUnbridge: 'hold_after_unbridge', muteDtmf: 'mute_dtmf', playRingtone: 'play_ringtone', preventDoubleBridge: 'prevent_double_bridge', ringtone: 'ringtone' }),
		...(opts.parkAfterUnbridge ? { park_after_unbridge: 'self' } : {}),
		...recordingBody(this, itemIndex, opts),
		...commonBody(opts),
	});
}
