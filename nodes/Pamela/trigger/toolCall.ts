import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { refuse } from './respond';

/** The names entered in "Tool Names" (comma- or line-separated). */
export function toolNames(ctx: IWebhookFunctions): string[] {
	return String(ctx.getNodeParameter('toolNames', '') ?? '')
		.split(/[,\n]/)
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

/**
 * A mid-call tool invocation (contract §5.3). A known tool starts the workflow, and n8n answers
 * the request from the workflow's end (last node or Respond to Webhook); an unknown one gets 400.
 */
export function handleToolCall(ctx: IWebhookFunctions, body: IDataObject): IWebhookResponseData {
	const name = typeof body.tool_name === 'string' ? body.tool_name : '';
	if (!name) return refuse(ctx, 400, 'The body has no "tool_name" field');
	if (!toolNames(ctx).includes(name)) return refuse(ctx, 400, `Unknown tool: ${name}`);
	const args = body.arguments;
	const item: IDataObject = {
		toolName: name,
		// Not `arguments`: n8n's expression sandbox refuses that name, so {{ $json.arguments.x }} would fail.
		args: (args !== null && typeof args === 'object' ? args : {}) as IDataObject,
		callId: body.call_id ?? null,
		correlationId: body.correlation_id ?? null,
		callSessionId: body.call_session_id ?? null,
		partnerId: body.partner_id ?? null,
		projectId: body.project_id ?? null,
	};
	return { workflowData: [[{ json: item }]] };
}
