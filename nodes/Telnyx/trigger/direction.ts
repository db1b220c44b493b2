import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * A Transfer's new leg is a call on the same application, so its call.initiated (outgoing)
 * reaches the trigger that answers incoming calls; this filter lets that trigger ignore it.
 */
export const CALL_DIRECTION_PROPERTY: INodeProperties = {
	displayName: 'Call Direction',
	name: 'callDirection',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Any', value: 'any', description: 'Start on call.initiated of every call' },
		{ name: 'Incoming', value: 'incoming', description: 'Start on call.initiated only for calls to your numbers (the ones Answer can answer)' },
		{ name: 'Outgoing', value: 'outgoing', description: 'Start on call.initiated only for calls placed by Place Call or a Transfer' },
	],
	default: 'any',
	description: 'Which calls\' call.initiated starts the workflow; others are acknowledged and dropped. Other events are not filtered (their payload has no direction).',
	displayOptions: { show: { output: ['events'] } },
};

/** What the reply names when call.initiated is of the other direction (e.g. "call.initiated (outgoing)"); else undefined. */
export function otherDirection(wanted: string, data: IDataObject): string | undefined {
	if (wanted === 'any' || data.event_type !== 'call.initiated') return undefined;
	const direction = ((data.payload ?? {}) as IDataObject).direction;
	return direction === wanted ? undefined : `call.initiated (${String(direction)})`;
}
