import { NodeApiError, NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { telnyxRequest } from '../transport';

/**
 * The trigger points a Call Control application's `webhook_event_url` at itself while it is
 * active (`GET`/`PATCH /v2/call_control_applications/{id}`, SDK
 * resources/call-control-applications.d.ts), and puts the previous URL back when it stops.
 * What it changed is kept in the node's static data, which n8n saves after activation and
 * reads again at deactivation (for the Test URL, in the test registration).
 */
interface Registration extends IDataObject {
	applicationId: string;
	/** The URL this trigger set. */
	url: string;
	/** The URL before, restored on deactivation ('' when the application had none). */
	previousUrl: string;
}

const STATIC_KEY = 'registration';

/** The chosen application's ID; `extractValue` also reads it from a resource locator, should the field become a picker. */
export function applicationIdOf(ctx: IHookFunctions): string {
	return String(ctx.getNodeParameter('applicationId', '', { extractValue: true }) ?? '').trim();
}

export function triggerUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this trigger', {
			description:
				'Save the workflow and activate it again (or click "Listen for test event" again). If this repeats, check that n8n knows its public address: ' +
				'the N8N_WEBHOOK_URL environment variable (WEBHOOK_URL in older versions) must be the public URL Telnyx can reach.',
		});
	}
	return url;
}

/** The application, or undefined when Telnyx has none with this ID (404). */
async function findApplication(ctx: IHookFunctions, id: string): Promise<IDataObject | undefined> {
	try {
		return await telnyxRequest<IDataObject>(ctx, { method: 'GET', path: `/call_control_applications/${encodeURIComponent(id)}` });
	} catch (error) {
		if (error instanceof NodeApiError && Number(error.httpCode) === 404) return undefined;
		// The transport's errors are already node errors naming Telnyx's code and the fix.
		const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
		throw nodeError;
	}
}

/** The application; a missing one stops activation with the field to fix. */
async function readApplication(ctx: IHookFunctions, id: string): Promise<IDataObject> {
	const application = await findApplication(ctx, id);
	if (application) return application;
	throw new NodeOperationError(ctx.getNode(), `Telnyx has no Call Control application with the ID "${id}"`, {
		description:
			'Check "Call Control Application ID": copy the ID from the Telnyx portal → Voice → Programmable Voice (the same ID as Place Call\'s Connection ID), or leave it empty to set the Webhook URL yourself.',
	});
}

async function setUrl(ctx: IHookFunctions, id: string, application: IDataObject, url: string): Promise<void> {
	// The SDK's update type requires application_name with webhook_event_url, so the name is sent back unchanged.
	await telnyxRequest(ctx, {
		method: 'PATCH',
		path: `/call_control_applications/${encodeURIComponent(id)}`,
		body: { application_name: application.application_name ?? '', webhook_event_url: url },
		// Setting the same URL twice has the same effect as once.
		retry: 'idempotent',
	});
}

/** Whether the application already sends its events to this trigger's URL (then nothing is changed). */
export async function registrationExists(ctx: IHookFunctions): Promise<boolean> {
	const id = applicationIdOf(ctx);
	if (!id) return false;
	const application = await readApplication(ctx, id);
	return application.webhook_event_url === triggerUrl(ctx);
}

/** Points the application at this trigger, remembering the URL it had. */
export async function register(ctx: IHookFunctions): Promise<void> {
	const id = applicationIdOf(ctx);
	if (!id) return;
	const url = triggerUrl(ctx);
	const application = await readApplication(ctx, id);
	const current = typeof application.webhook_event_url === 'string' ? application.webhook_event_url : '';
	const data = ctx.getWorkflowStaticData('node');
	const known = data[STATIC_KEY] as Registration | undefined;
	// Already ours (e.g. after a restart): keep the URL remembered from the first activation.
	const previousUrl = current === url && known?.applicationId === id ? known.previousUrl : current;
	await setUrl(ctx, id, application, url);
	data[STATIC_KEY] = { applicationId: id, url, previousUrl } satisfies Registration;
	ctx.logger.info(`Telnyx Trigger "${ctx.getNode().name}" set Call Control application ${id}'s Webhook URL to ${url} (it was ${previousUrl || 'empty'})`);
}

/**
 * Puts the previous URL back, unless someone has pointed the application elsewhere since
 * (their URL is left alone) or there was none (Telnyx needs a URL, so ours stays).
 */
export async function unregister(ctx: IHookFunctions): Promise<void> {
	const data = ctx.getWorkflowStaticData('node');
	const known = data[STATIC_KEY] as Registration | undefined;
	if (!known?.applicationId) return;
	// Undefined when the application was deleted: there is nothing to restore.
	const application = await findApplication(ctx, known.applicationId);
	if (application && application.webhook_event_url === known.url && known.previousUrl && known.previousUrl !== known.url) {
		await setUrl(ctx, known.applicationId, application, known.previousUrl);
		ctx.logger.info(`Telnyx Trigger "${ctx.getNode().name}" put Call Control application ${known.applicationId}'s Webhook URL back to ${known.previousUrl}`);
	} else if (application && !known.previousUrl) {
		ctx.logger.info(`Telnyx Trigger "${ctx.getNode().name}": application ${known.applicationId} had no Webhook URL before, so it keeps this trigger's URL`);
	}
	delete data[STATIC_KEY];
}
