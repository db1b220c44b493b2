// How the real-n8n check drives an example that a trigger starts (an inbound call, a provider
// event): keyed by the file name in examples/. Each driver plays the outside world with the
// simulator while n8n serves webhooks, and says whether the example did what its README claims.
import type { RunningSimulator } from '../simulator/index.cts';
import type { RealN8n } from './n8n-process.cts';
import { aiAgentPhoneTools, withPublicChat } from './drivers/ai-agent.cts';
import { inboundMenu } from './drivers/inbound-menu.cts';
import { leadQualificationPair } from './drivers/lead-qualification.cts';
import { reminderCampaign } from './drivers/reminder-campaign.cts';
import { meetingNotice } from './drivers/meeting-notice.cts';
import { ivrNavigation } from './drivers/ivr-navigation.cts';
import { pamelaPair, telnyxPair } from './drivers/two-workflow.cts';

export interface ExampleWorkflow {
	id?: string;
	name: string;
	active?: boolean;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; webhookId?: string; credentials?: Record<string, { id?: string; name: string }> }>;
	connections?: Record<string, Record<string, unknown>>;
	[key: string]: unknown;
}

export interface DriverContext {
	n8n: RealN8n;
	simulator: RunningSimulator;
	workflow: ExampleWorkflow;
	/** The imported ID of another example (for pairs of workflows). */
	idOf(file: string): string;
	workflowOf(file: string): ExampleWorkflow;
}

export interface ExampleDriver {
	/** Activate before n8n starts (trigger workflows). */
	activate?: boolean;
	/** Driven by that example's driver, which reports for both. */
	drivenBy?: string;
	/** What the check changes in the imported copy before n8n sees it (the file is not touched). */
	prepare?(workflow: ExampleWorkflow): ExampleWorkflow;
	/** Why this example cannot run headless, if it cannot. */
	skip?: string;
	run?(ctx: DriverContext): Promise<{ ok: boolean; detail: string }>;
}

export const EXAMPLE_DRIVERS: Record<string, ExampleDriver> = {
	// Try It and a chat message, its chat model being the scripted one the driver starts (chat-model.cts).
	'ai-agent-phone-tools.json': { activate: true, prepare: withPublicChat, run: aiAgentPhoneTools },
	'scheduled-reminder-campaign.json': { run: reminderCampaign },
	'telnyx-inbound-menu.json': { activate: true, run: inboundMenu },
	'telnyx-lead-qualification-a-place-calls.json': { run: leadQualificationPair },
	'telnyx-lead-qualification-b-qualified-leads.json': { activate: true, drivenBy: 'telnyx-lead-qualification-a-place-calls.json' },
	'pamela-ivr-navigation.json': { run: ivrNavigation },
	'two-workflow-telnyx-a-place-calls.json': { run: telnyxPair },
	'two-workflow-telnyx-b-outcomes.json': { activate: true, drivenBy: 'two-workflow-telnyx-a-place-calls.json' },
	'two-workflow-pamela-a-place-calls.json': { run: pamelaPair },
	'two-workflow-pamela-b-outcomes.json': { activate: true, drivenBy: 'two-workflow-pamela-a-place-calls.json' },
	// A Manual Trigger example, run here rather than by plain `n8n execute` to script its attendees and check its rows.
	'stepone-meeting-notice.json': { run: meetingNotice },
};
