// Call Control applications (SDK resources/call-control-applications.d.ts): list, retrieve and
// update, enough for a trigger that points an application's webhook_event_url at itself and
// for pickers. The application's URL is the one the simulator sends that connection's call
// events to (TelnyxSimulator.connections), so a PATCH changes where the next event goes.
// Every PATCH is recorded. Not in the contract, so inferred: an unknown ID gets 404 with
// Telnyx's generic "Resource not found" code 10005 (the contract's 10015 is Dial's refusal of
// such an ID); the SDK's update type requires application_name and webhook_event_url, and a
// URL without an http(s) scheme is refused with 422 10004.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import { telnyxError } from './errors.cts';
import type { TelnyxSimulator } from './index.cts';
import { isoMicro } from './state.cts';

export interface ApplicationPatch {
	id: string;
	body: Record<string, unknown>;
	/** Simulated ms on the simulator clock. */
	at: number;
	status: number;
}

interface AppDetails {
	application_name: string;
	created_at: string;
	updated_at: string;
}

export class TelnyxApplications {
	/** Every PATCH that reached the route, accepted or refused, in order. */
	readonly patches: ApplicationPatch[] = [];
	private readonly details = new Map<string, AppDetails>();

	constructor(private readonly telnyx: TelnyxSimulator) {
		const sim = telnyx.sim;
		sim.route('GET', '/v2/call_control_applications', (req) => telnyx.authorised(req) ?? this.list(req));
		sim.route('GET', '/v2/call_control_applications/:id', (req) => telnyx.authorised(req) ?? this.retrieve(req.params.id));
		sim.route('PATCH', '/v2/call_control_applications/:id', (req) => telnyx.authorised(req) ?? this.update(req));
	}

	/** Names an application (tests and pickers); the ID must be one of the simulator's connections. */
	name(id: string, applicationName: string): void {
		this.detailsOf(id).application_name = applicationName;
	}

	/** The Webhook URL the application has now. */
	webhookUrl(id: string): string | undefined {
		return this.telnyx.connections.get(id)?.webhookUrl;
	}

	/** Sets an application's URL directly, as a user would in the portal. */
	setWebhookUrl(id: string, url: string): void {
		const connection = this.telnyx.connections.get(id);
		this.telnyx.connections.set(id, { webhookUrl: url, failoverUrl: connection?.failoverUrl });
	}

	private detailsOf(id: string): AppDetails {
		let details = this.details.get(id);
		if (!details) {
			const now = isoMicro(this.telnyx.sim.clock.now());
			details = { application_name: `app-${id.slice(-6)}`, created_at: now, updated_at: now };
			this.details.set(id, details);
		}
		return details;
	}

	private application(id: string): Record<string, unknown> {
		const connection = this.telnyx.connections.get(id)!;
		const details = this.detailsOf(id);
		return {
			id,
			record_type: 'call_control_application',
			active: true,
			application_name: details.application_name,
			webhook_event_url: connection.webhookUrl ?? '',
			webhook_event_failover_url: connection.failoverUrl ?? null,
			webhook_api_version: '2',
			webhook_timeout_secs: null,
			created_at: details.created_at,
			updated_at: details.updated_at,
		};
	}

	private notFound(id: string): SimResponse {
		return telnyxError(404, '10005', 'Resource not found', `No Call Control application with the ID ${id}.`);
	}

	private list(req: SimRequest): SimResponse {
		const contains = (req.query.get('filter[application_name][contains]') ?? '').toLowerCase();
		const size = Math.min(Math.max(Number(req.query.get('page[size]') ?? 20) || 20, 1), 250);
		const number = Math.max(Number(req.query.get('page[number]') ?? 1) || 1, 1);
		const all = [...this.telnyx.connections.keys()]
			.map((id) => this.application(id))
			.filter((app) => !contains || String(app.application_name).toLowerCase().includes(contains));
		const totalPages = Math.max(Math.ceil(all.length / size), 1);
		return {
			status: 200,
			body: {
				data: all.slice((number - 1) * size, number * size),
				meta: { page_number: number, page_size: size, total_pages: totalPages, total_results: all.length },
			},
		};
	}

	private retrieve(id: string): SimResponse {
		if (!this.telnyx.connections.has(id)) return this.notFound(id);
		return { status: 200, body: { data: this.application(id) } };
	}

	private update(req: SimRequest): SimResponse {
		const id = req.params.id;
		const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
		const response = this.apply(id, body);
		this.patches.push({ id, body, at: this.telnyx.sim.clock.now(), status: response.status });
		return response;
	}

	private apply(id: string, body: Record<string, unknown>): SimResponse {
		if (!this.telnyx.connections.has(id)) return this.notFound(id);
		for (const field of ['application_name', 'webhook_event_url']) {
			if (typeof body[field] !== 'string' || body[field] === '') {
				return telnyxError(422, '10004', 'Missing required parameter', `${field} is required.`, `/${field}`);
			}
		}
		const url = String(body.webhook_event_url);
		if (!/^https?:\/\/\S+$/.test(url)) {
			return telnyxError(422, '10004', 'Invalid parameter', 'webhook_event_url must include a scheme, such as https.', '/webhook_event_url');
		}
		const details = this.detailsOf(id);
		details.application_name = String(body.application_name);
		details.updated_at = isoMicro(this.telnyx.sim.clock.now());
		const failover = body.webhook_event_failover_url;
		const connection = this.telnyx.connections.get(id);
		this.telnyx.connections.set(id, {
			webhookUrl: url,
			failoverUrl: typeof failover === 'string' ? failover || undefined : connection?.failoverUrl,
		});
		return { status: 200, body: { data: this.application(id) } };
	}
}

const registry = new WeakMap<TelnyxSimulator, TelnyxApplications>();

/** Adds the application routes to a Telnyx simulator (called once from its constructor). */
export function registerApplicationRoutes(telnyx: TelnyxSimulator): void {
	registry.set(telnyx, new TelnyxApplications(telnyx));
}

/** The application routes' state (recorded PATCHes, names) of a Telnyx simulator. */
export function applicationsOf(telnyx: TelnyxSimulator): TelnyxApplications {
	const applications = registry.get(telnyx);
	if (!applications) throw new Error('The Telnyx simulator has no application routes');
	return applications;
}
