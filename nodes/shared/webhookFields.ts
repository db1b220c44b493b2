import type { IDataObject } from 'n8n-workflow';

/**
 * Trigger versions. n8n (2.41.1, `webhook-helpers.js` parseRequestBody) evaluates
 * `$parameter["options"]["binaryData"]` in its expression sandbox on every request to a start
 * node of type version 1 (a Webhook node v1 option our triggers do not have); from 1.1 on it
 * does not. Nothing else differs: 1 stays for saved workflows.
 */
export const TRIGGER_VERSIONS = [1, 1.1];
export const TRIGGER_DEFAULT_VERSION = 1.1;

/** The key n8n-workflow 2.x reads native resolvers from (its `WEBHOOK_RESOLVERS`); 1.x ignores it. */
const RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

type Resolver = (parameters: IDataObject) => unknown;

/**
 * Webhook description fields computed from the node's parameters, as n8n-workflow 2.x's
 * `webhookDescriptionFields(fromFunction(…))` builds them: the editor evaluates the template,
 * n8n's backend calls the function itself instead of an expression sandbox per request (when
 * the user's parameters hold no expressions). Each function must be self-contained: its source
 * becomes the template.
 */
export function computedWebhookFields(fields: Record<string, Resolver>): Record<string, string> {
	const templates: Record<string, string> = {};
	const resolvers: Record<string, { template: string; resolve: Resolver }> = {};
	for (const [field, resolve] of Object.entries(fields)) {
		const template = `={{(${String(resolve)})($parameter)}}`;
		templates[field] = template;
		resolvers[field] = { template, resolve };
	}
	return Object.assign(templates, { [RESOLVERS]: resolvers });
}
