import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Answers the request with `{"error": …}` and a status, without starting the workflow. */
export function refuse(ctx: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ error });
	return { noWebhookResponse: true };
}
