import type { INodeProperties } from 'n8n-workflow';

const onDial = { resource: ['call'], operation: ['placeCall'] };

/** Place Call's Wait for Outcome fields: off by default, so Place Call returns at once as before. */
export const waitDescription: INodeProperties[] = [
	{
		displayName: 'Wait for Outcome',
		name: 'waitForOutcome',
		type: 'boolean',
		default: false,
		description:
			'Whether the workflow pauses until the call ends and then outputs its outcome (status, answered, times, what was gathered). n8n waits without holding a worker: the call\'s webhooks go to this node\'s own resume URL. One call per execution: for many calls, receive call.hangup with a Telnyx Trigger in a second workflow.',
		displayOptions: { show: onDial },
	},
	{
		displayName: 'Maximum Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: 10,
		description:
			'Longest the workflow waits for the call to end. Past it the item comes out with status "timeout" (n8n checks waits about once a minute, so it may come up to a minute later).',
		displayOptions: { show: { ...onDial, waitForOutcome: [true] } },
	},
];
