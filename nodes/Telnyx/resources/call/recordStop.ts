import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, pick, showFor } from './common';

const OPERATION = 'recordStop';

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(OPERATION),
		options: ([
			{ displayName: 'Recording ID', name: 'recordingId', type: 'string', default: '', description: 'The recording to stop, when several run. Empty: the call\'s recording.' },
			...commandOptions,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Stops recording (SDK `actions.stopRecording`); Telnyx sends call.recording.saved with the file URLs. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const opts = options(this, itemIndex);
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'record_stop', { ...pick(opts, { recordingId: 'recording_id' }), ...commonBody(opts) });
}
