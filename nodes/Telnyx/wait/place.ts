import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asNodeError, runPerItem } from '../../shared/items';
import { currentOperation } from '../../shared/operations';
import { emptyOutcome, timeoutOutcome } from '../../shared/outcome';
import { encodeCallState } from '../observed';
import { aliases } from '../resources/call';
import * as dial from '../resources/call/dial';
import { readSteps, type Step } from './steps';

/**
 * Events whose delivery must not be lost while the execution is still starting to wait
 * (n8n answers 409 until then): Telnyx retries them up to 5 times within 60 s (contract §3).
 */
const KEY_EVENTS = ['call.answered', 'call.hangup', 'call.speak.ended', 'call.gather.ended', 'call.ai_gather.ended', 'call.machine.detection.ended', 'call.machine.premium.detection.ended', 'call.machine.greeting.ended', 'call.machine.premium.greeting.ended'];
const RETRIES_MS = [1000, 2000, 5000, 10000, 30000];

/** Whether this run places a call and waits for its end (off as an AI tool: a tool call cannot wait for a webhook). */
export function waitsForOutcome(ctx: IExecuteFunctions): boolean {
	if (currentOperation(ctx.getNodeParameter('operation', 0) as string, aliases) !== 'placeCall') return false;
	return ctx.getNodeParameter('waitForOutcome', 0, false) === true;
}

/**
 * This node's resume URL: n8n-core's `$execution.resumeUrl` (`<webhook-waiting>/<executionId>?signature=<token>`)
 * with the node's ID as the path suffix, which is where n8n routes a restart webhook whose path is `$nodeId`.
 */
export function nodeResumeUrl(ctx: IExecuteFunctions): string {
	const resumeUrl = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	const url = new URL(resumeUrl);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(ctx.getNode().id)}`;
	return url.toString();
}

const TOOL_NOTE =
	'Placed without waiting: an AI Agent tool call cannot wait for Telnyx webhooks. The call goes on; its outcome (status, what was gathered) arrives as Telnyx events: ' +
	'receive call.hangup (and the events before it) with a Telnyx Trigger in another workflow, where this call\'s Client State comes back for correlation, or use the Get operation with this Call Control ID for whether it is still alive and its times.';

/** As an AI tool: the call's ID at once, and plainly what it is not. */
export async function placeForTool(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(ctx, async (itemIndex) => ({ ...(await dial.execute.call(ctx, itemIndex)), waitedForOutcome: false, note: TOOL_NOTE }));
}

/** Refuses what one waiting execution cannot carry, before any call is placed. */
function refuse(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/**
 * Places the call with this node's resume URL as its webhook URL and the call's state in
 * its `client_state`, marks the input copy as a `timeout` outcome (what n8n's wait tracker
 * passes through if the call never ends), and puts the execution to wait.
 */
export async function placeAndWait(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length > 1) {
		const message = `Wait for Outcome takes one item per execution; this run has ${items.length}`;
		const fix =
			'n8n resumes a waiting execution once, so one Place Call can wait for one call. For many calls, turn Wait for Outcome off and ' +
			'receive the outcomes in a second workflow: a Telnyx Trigger on call.hangup, where each call\'s Client State (e.g. {"rowId": …}) comes back for correlation. ' +
			'Or run this workflow once per call (e.g. Execute Workflow with "Run once for each item").';
		// No call is placed for any item. The error names item 1, the first one past the one call
		// an execution can wait for; under Continue On Fail each item says why it was not placed.
		if (!ctx.continueOnFail()) {
			refuse(ctx, 1, message, `Item 1 (the second item) is one more than Wait for Outcome can take, so no call was placed for any of the ${items.length} items. ${fix}`);
		}
		return [
			items.map((_item, item) => ({
				json: { error: message, description: `Item ${item}: not placed, like every item of this run (${items.length} items, one allowed). ${fix}` },
				pairedItem: { item },
			})),
		];
	}
	const itemIndex = 0;
	try {
		const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const country = options.defaultCountry ? String(options.defaultCountry) : undefined;
		const { to } = dial.targets(ctx, itemIndex, country, options.sendDigitsOnAnswer);
		if (Array.isArray(to)) {
			refuse(ctx, itemIndex, 'Wait for Outcome needs one number in To', `Item ${itemIndex}, field "To": give one number; several numbers ring at once and each leg ends on its own, so there is no single outcome to wait for.`);
		}
		if (options.webhookUrl || (options.webhookUrls as IDataObject | undefined)?.eventUrl) {
			refuse(ctx, itemIndex, 'Wait for Outcome sends the call\'s webhooks to this node', `Item ${itemIndex}: remove the options "Webhook URL" and "Webhook URLs per Event", or turn Wait for Outcome off.`);
		}
		const steps: Step[] = readSteps(ctx, itemIndex);
		const state = encodeCallState(options.clientState, steps.length ? { q: steps } : {});
		if ('reason' in state) refuse(ctx, itemIndex, state.reason, `Item ${itemIndex}, option "Client State" and On Answer texts: shorten them.`);
		const maxWaitMinutes = Number(ctx.getNodeParameter('maxWaitMinutes', itemIndex, 10)) || 10;
		const placed = await dial.execute.call(ctx, itemIndex, {
			webhook_url: nodeResumeUrl(ctx),
			client_state: state.clientState,
			webhook_retries_policies: Object.fromEntries(KEY_EVENTS.map((event) => [event, { retries_ms: RETRIES_MS }])),
		});
		const pending = timeoutOutcome(emptyOutcome('telnyx', String(placed.callControlId ?? ''), placed), maxWaitMinutes * 60);
		const correlation = placed.clientState === undefined ? null : correlationOf(placed.clientState);
		const marked: INodeExecutionData = { json: { ...pending, correlation }, pairedItem: { item: itemIndex } };
		// n8n resumes a timed-out wait with this node disabled: its input passes through. The
		// input copy held for that becomes the timeout outcome, so a timeout is recognisable.
		const executeData = ctx.getExecuteData();
		executeData.data.main[0] = [marked];
		await ctx.putExecutionToWait(new Date(Date.now() + maxWaitMinutes * 60_000));
		return [[marked]];
	} catch (error) {
		const nodeError = asNodeError(ctx, error, itemIndex);
		if (!ctx.continueOnFail()) throw nodeError;
		return [[{ json: { error: nodeError.message, description: nodeError.description ?? undefined }, pairedItem: { item: itemIndex } }]];
	}
}

/** The user's Client State as correlation data, as the outcome mapper shows it. */
function correlationOf(clientState: unknown): IDataObject | null {
	if (typeof clientState !== 'string' || clientState === '') return null;
	try {
		const parsed: unknown = JSON.parse(clientState);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// plain text
	}
	return { clientState };
}
