import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { concurrencyOption, concurrencyReader } from '../../../shared/campaign';
import { steponeRawRequest } from '../../transport';
import { cancellableSleep } from '../../../shared/wait';
import { callIdOf } from './callIdField';
import { isFinished, recordOf, shapeRecord } from './record';

const show = { show: { resource: ['call'], operation: ['getCallRecord'] } };

/** Records asked for at once: each item waits for its call, and the calls run at the same time anyway. */
const DEFAULT_CONCURRENCY = 10;
export const concurrency = concurrencyReader(DEFAULT_CONCURRENCY);

export const description: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.callId }}',
		description: 'The call ID that Place Call returned',
		displayOptions: show,
	},
	{
		displayName: 'Attempts',
		name: 'attempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 5,
		description: 'How many times to ask for the record. Stepone writes it some time after the call ends.',
		displayOptions: show,
	},
	{
		displayName: 'Interval (Seconds)',
		name: 'intervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600, numberPrecision: 2 },
		default: 10,
		description: 'Wait between attempts. Stopping the execution ends the wait at once.',
		displayOptions: show,
	},
	{
		displayName: 'Return Unfinished Record',
		name: 'returnUnfinished',
		type: 'boolean',
		default: false,
		description: 'Whether to output the record as it is after the last attempt when the call has not finished, instead of failing the item',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [concurrencyOption(DEFAULT_CONCURRENCY)],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = callIdOf(this, itemIndex);
	const attempts = Math.max(1, Math.floor(Number(this.getNodeParameter('attempts', itemIndex, 5))));
	const intervalMs = Math.max(0, Number(this.getNodeParameter('intervalSeconds', itemIndex, 10)) * 1000);
	const returnUnfinished = this.getNodeParameter('returnUnfinished', itemIndex, false) as boolean;

	let last: IDataObject | undefined;
	let lastMessage = '';
	for (let attempt = 1; attempt <= attempts; attempt++) {
		// A read: safe to retry on 5xx and lost replies (the shared transport does so).
		const { body } = await steponeRawRequest<IDataObject>(this, {
			method: 'POST',
			path: '/api/v1/callinfo/search_callinfo',
			body: { call_id: callId },
			itemIndex,
			retry: 'idempotent',
		});
		const record = recordOf(body);
		if (record && isFinished(record)) return shapeRecord(callId, record, attempt);
		last = record ?? last;
		if (!record && typeof body?.message === 'string') lastMessage = body.message;
		if (attempt < attempts) await cancellableSleep(intervalMs, this.getExecutionCancelSignal());
	}

	const waited = `${attempts} ${attempts === 1 ? 'try' : 'tries'} ${intervalMs / 1000} s apart`;
	if (last && returnUnfinished) return shapeRecord(callId, last, attempts);
	const what = last
		? `The call ${callId} had not finished after ${waited}`
		: `No record for call ${callId} appeared after ${waited}${lastMessage ? ` (Stepone: ${lastMessage})` : ''}`;
	throw new NodeOperationError(this.getNode(), what, {
		itemIndex,
		description: `Item ${itemIndex}: Stepone writes the record some time after the call ends. Run again later, or raise "Attempts" or "Interval (Seconds)"${last ? ', or turn on "Return Unfinished Record"' : '; also check the Call ID'}.`,
	});
}
