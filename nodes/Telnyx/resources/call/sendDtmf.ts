import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callCommand } from '../../transport';
import { callControlId, callControlIdField, commandOptions, commonBody, options, pick, showFor } from './common';

const OPERATION = 'sendDtmf';
const DTMF = /^[0-9A-D*#wW]+$/;

export const description: INodeProperties[] = [
	callControlIdField(OPERATION),
	{
		displayName: 'Digits',
		name: 'digits',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1www2#',
		description: 'Keys to press: 0-9, A-D, *, #, w (0.5 s pause), W (1 s pause)',
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
			...commandOptions,
			{ displayName: 'Digit Duration (Ms)', name: 'durationMillis', type: 'number', typeOptions: { minValue: 100, maxValue: 500 }, default: 250, description: 'How long each tone plays, 100 to 500' },
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Plays DTMF tones to the other side (SDK `actions.sendDtmf`); Telnyx sends no webhook for it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const digits = String(this.getNodeParameter('digits', itemIndex, '')).trim();
	if (!DTMF.test(digits)) {
		throw new NodeOperationError(this.getNode(), digits ? `Digits "${digits}" holds keys a phone cannot send` : 'Digits is empty', {
			itemIndex,
			description: `Item ${itemIndex}, field "Digits": use only 0-9, A-D, *, #, w (0.5 s pause) and W (1 s pause).`,
		});
	}
	const opts = options(this, itemIndex);
	const duration = opts.durationMillis;
	if (duration !== undefined && !(Number.isInteger(duration) && (duration as number) >= 100 && (duration as number) <= 500)) {
		throw new NodeOperationError(this.getNode(), `Digit Duration ${String(duration)} ms is out of range`, {
			itemIndex,
			description: `Item ${itemIndex}, option "Digit Duration (Ms)": use a whole number from 100 to 500.`,
		});
	}
	return await callCommand(this, itemIndex, callControlId(this, itemIndex), 'send_dtmf', { digits, ...pick(opts, { durationMillis: 'duration_millis' }), ...commonBody(opts) });
}
