import type { INodeProperties } from 'n8n-workflow';

import { CALL_EVENTS } from './events';
import { DEFAULT_REPLAY_WINDOW_SECONDS } from './replay';

/**
 * Where the URL goes: Pamela has no API to register webhook URLs (contract §2, §5), so the
 * user pastes it in the partner portal, and the notice says exactly where and which URL.
 */
const EVENTS_NOTICE =
	'Pamela has no API to set this URL for you. Open "Webhook URLs" at the top of this panel and copy the Production URL into the Pamela partner portal → your project → Settings → Webhook URL, and the project\'s webhook secret into the credential. The Production URL receives events only while this workflow is published (active). To try the node with "Listen for test event", paste the Test URL there instead and switch it back afterwards.';

const TOOL_NOTICE =
	'Pamela has no API to set this URL for you. Open "Webhook URLs" at the top of this panel and copy the Production URL as the tool\'s webhook URL in Pamela (partner portal → your project → Tools); it answers only while this workflow is published (active), the Test URL only while "Listen for test event" runs. End the workflow with Pamela > Tool > Build Result (or any node whose first item is {"result": …}); n8n sends that item back as the answer.';

export const PAMELA_TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		// "Trigger On" so that n8n's node panel lists one entry per mode.
		displayName: 'Trigger On',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Call Events', value: 'events', action: 'On Call Events', description: 'Start on call status and transcript events' },
			{
				name: 'Call Outcome',
				value: 'outcome',
				action: 'On Call Outcome',
				description: 'Start once per finished call with its outcome (status, transcript, summary, your metadata)',
			},
			{ name: 'Tool Call', value: 'toolCall', action: 'On Tool Call', description: 'Answer the agent when it calls one of your tools during a call' },
		],
		default: 'events',
	},
	{
		displayName: EVENTS_NOTICE,
		name: 'eventsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['events', 'outcome'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: CALL_EVENTS,
		default: ['call.completed', 'call.failed'],
		displayOptions: { show: { mode: ['events'] } },
	},
	{
		displayName: TOOL_NOTICE,
		name: 'toolNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['toolCall'] } },
	},
	{
		displayName: 'Tool Names',
		name: 'toolNames',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. lookup_order, check_stock',
		description: 'Names of the registered tools this workflow answers, separated by commas; others get HTTP 400',
		displayOptions: { show: { mode: ['toolCall'] } },
	},
	{
		displayName: 'Respond With',
		name: 'respondWith',
		type: 'options',
		options: [
			{
				name: 'Last Node',
				value: 'lastNode',
				description: 'The first item of the last node, e.g. Pamela > Tool > Build Result giving {"result": …}',
			},
			{
				name: 'Respond to Webhook Node',
				value: 'responseNode',
				description: 'A Respond to Webhook node that sends {"result": …}',
			},
		],
		default: 'lastNode',
		displayOptions: { show: { mode: ['toolCall'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Replay Window (Seconds)',
				name: 'replayWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_REPLAY_WINDOW_SECONDS,
				description:
					'Requests whose signed timestamp is further than this from now are refused, so a captured request cannot be sent again later; a repeat of the same event within it starts nothing',
			},
		],
	},
];

/** What n8n's listening panel says: Pamela must be sending to the Test URL while listening. */
export const PAMELA_TRIGGER_PANEL = {
	header: '',
	executionsHelp: {
		inactive:
			'Pamela sends to the URL set in the partner portal, and has no API for the trigger to set it. <br /><br /><b>While you build</b>: paste this node\'s Test URL in the portal (your project → Settings → Webhook URL, or the tool\'s webhook URL), click \'Listen for test event\', then place a call. <br /><br /><b>In production</b>: paste the Production URL there instead and publish the workflow; executions show in the executions list.',
		active:
			'Pamela sends to the URL set in the partner portal. <br /><br /><b>While you build</b>: the portal must point at this node\'s Test URL while you click \'Listen for test event\'. <br /><br /><b>In production</b>: the workflow is published, so requests to the Production URL start it; they show in the <a data-key="executions">executions list</a>, not in the editor.',
	},
	activationHint: 'Once the workflow works, paste the Production URL in the Pamela portal and publish the workflow.',
};
