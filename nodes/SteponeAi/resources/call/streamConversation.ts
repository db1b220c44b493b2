import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { concurrencyOption, concurrencyReader } from '../../../shared/campaign';
import { followConversation } from '../../stream/conversation';
import { openConversationStream } from '../../stream/openStream';
import { transcriptText } from '../../../shared/transcript';
import type { Turn } from '../../transcript';
import { callIdOf } from './callIdField';

const show = { show: { resource: ['call'], operation: ['streamConversation'] } };

/**
 * Conversations followed at once (one open stream each). The calls of a batch run at the
 * same time, so following them one by one would keep the last waiting for all the others.
 */
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
		description: 'The call ID that Place Call returned. The stream may be opened at once, before the call is answered.',
		displayOptions: show,
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		default: 'transcript',
		options: [
			{ name: 'Whole Transcript', value: 'transcript', description: 'One item with every turn, the text, and how the stream ended' },
			{ name: 'One Item per Turn', value: 'turns', description: 'One item per turn (role, text, time), then one item saying how the stream ended' },
		],
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			concurrencyOption(DEFAULT_CONCURRENCY),
			{
				displayName: 'Fail If Not Answered',
				name: 'failIfNotAnswered',
				type: 'boolean',
				default: false,
				description: 'Whether an unanswered call ([TIMEOUT] after 30 s) fails the item instead of being reported with status "not_answered"',
			},
			{
				displayName: 'Max Duration (Seconds)',
				name: 'maxDurationSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 7200 },
				default: 660,
				description: 'Stop listening after this long and output what was received so far (status "max_duration")',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const callId = callIdOf(this, itemIndex);
	const mode = this.getNodeParameter('outputMode', itemIndex, 'transcript') as 'transcript' | 'turns';
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const maxDurationMs = Math.max(1, Number(options.maxDurationSeconds ?? 660)) * 1000;

	const body = await openConversationStream(this, callId, itemIndex, maxDurationMs);
	// Turns are kept because n8n outputs items only when the node returns; the reader keeps nothing.
	const turns: Turn[] = [];
	const end = await followConversation(body, {
		maxDurationMs,
		cancelSignal: this.getExecutionCancelSignal(),
		onTurn: (turn) => turns.push(turn),
	});

	if (end.status === 'not_answered' && options.failIfNotAnswered === true) {
		throw new NodeOperationError(this.getNode(), `Call ${callId} was not answered within 30 s`, {
			itemIndex,
			description: `Item ${itemIndex}: Stepone sent [TIMEOUT]. Turn off "Fail If Not Answered" to get a "not_answered" status instead.`,
		});
	}
	// A normal end needs no reason, and events that did parse need no count: fewer columns in the table view.
	const summary = {
		callId,
		status: end.status,
		...(end.status === 'completed' ? {} : { reason: end.reason }),
		turnCount: end.turns,
		...(end.unparseableEvents > 0 ? { unparseableEvents: end.unparseableEvents } : {}),
	};
	if (mode === 'turns') {
		return [...turns.map((turn, index) => ({ callId, type: 'turn', index, ...turn })), { ...summary, type: 'end' }];
	}
	return [{ ...summary, transcript: turns, transcriptText: transcriptText(turns) }];
}
