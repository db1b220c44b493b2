import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WEBHOOK_EVENT_OPTIONS } from '../events';
import { CALL_DIRECTION_PROPERTY } from './direction';

/** The event list with n8n's node-panel entries spelt out ("On AI Gather Ended"); n8n would lower-case the names. */
const TRIGGER_EVENT_OPTIONS: INodePropertyOptions[] = WEBHOOK_EVENT_OPTIONS.map((option) => ({
	...option,
	action: `On ${option.name.replace(/:/g, '')}`,
}));

const NOTICE =
	'Telnyx sends a Call Control application\'s events to one Webhook URL. Enter the application\'s ID below and n8n points that URL at this trigger for you: at the Test URL while "Listen for test event" runs, at the Production URL while this workflow is published (active); the previous URL is put back when either stops. Or leave the ID empty and copy the URL yourself: open "Webhook URLs" at the top of this panel and paste the Production URL in the Telnyx portal → Voice → Programmable Voice → your application → Webhook URL (the workflow must be published), or the Test URL while you listen for a test event. A single call can also send its events here through Place Call\'s Webhook URL option.';

export const TELNYX_TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName: NOTICE,
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Call Control Application ID',
		name: 'applicationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1494404757140276705',
		description:
			'The Call Control application whose Webhook URL this trigger sets while it is active (the same ID as Place Call\'s Connection ID). An application sends to one URL, so give each application to one trigger. Leave empty to set the URL in the Telnyx portal yourself.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Provider Events', value: 'events', description: 'One item per selected Telnyx event, as Telnyx sends it' },
			{
				name: 'Call Outcome',
				value: 'outcome',
				description:
					'One item per finished call (on call.hangup) in the same outcome shape as Place Call\'s Wait for Outcome, with the Client State given at Place Call as correlation; other events start nothing',
			},
		],
		default: 'events',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: TRIGGER_EVENT_OPTIONS,
		default: ['call.answered', 'call.hangup', 'call.gather.ended', 'call.ai_gather.ended'],
		description: 'Events that start the workflow; other events are acknowledged and dropped',
		displayOptions: { show: { output: ['events'] } },
	},
	CALL_DIRECTION_PROPERTY,
];

/** What n8n's listening panel says: which URL Telnyx must be sending to, in test and in production. */
export const TELNYX_TRIGGER_PANEL = {
	header: '',
	executionsHelp: {
		inactive:
			'Telnyx sends a Call Control application\'s events to one Webhook URL. <br /><br /><b>While you build</b>: click \'Listen for test event\'. With a Call Control Application ID set, the trigger points the application at its Test URL until the event arrives, then puts the previous URL back; without one, paste the Test URL into the application in the Telnyx portal first. Then place or receive a call. <br /><br /><b>In production</b>: publish the workflow. The application is pointed at the Production URL (or paste that URL yourself), and executions show in the executions list.',
		active:
			'Telnyx sends a Call Control application\'s events to one Webhook URL. <br /><br /><b>While you build</b>: click \'Listen for test event\'. With a Call Control Application ID set, the trigger points the application at its Test URL until the event arrives, then back at the Production URL; without one, paste the Test URL into the application in the Telnyx portal first. <br /><br /><b>In production</b>: the workflow is published, so events sent to the Production URL start it; they show in the <a data-key="executions">executions list</a>, not in the editor.',
	},
	activationHint: 'Once the workflow works, publish it: Telnyx then sends to the Production URL without this button.',
};
