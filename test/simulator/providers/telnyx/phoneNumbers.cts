// The account's phone numbers (SDK resources/phone-numbers/phone-numbers.d.ts: GET
// /v2/phone_numbers, a flat page of NumbersPhoneNumberDetailed with meta.page_number and
// total_pages), for the From picker. Filters the SDK names and the picker sends:
// filter[connection_id], filter[phone_number] (digits, three or more; inferred: matched as a
// substring of the E.164 number, and fewer digits or non-digits match nothing, as the SDK
// says). Not in the contract, so the rest is inferred from the SDK types.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import type { TelnyxSimulator } from './index.cts';
import { isoMicro } from './state.cts';

export interface SimPhoneNumber {
	phoneNumber: string;
	connectionId: string | null;
	connectionName?: string;
	tags?: string[];
}

/** The default application's number, the From a first Place Call uses. */
export const TELNYX_FROM_NUMBER = '+14155550100';

export class TelnyxPhoneNumbers {
	readonly numbers: SimPhoneNumber[] = [];

	constructor(telnyx: TelnyxSimulator, defaultConnectionId: string) {
		telnyx.sim.route('GET', '/v2/phone_numbers', (req) => telnyx.authorised(req) ?? this.list(req));
		this.add({ phoneNumber: TELNYX_FROM_NUMBER, connectionId: defaultConnectionId });
	}

	/** Adds a number to the account (tests and pickers). */
	add(number: SimPhoneNumber): void {
		this.numbers.push(number);
	}

	private entry(number: SimPhoneNumber, index: number): Record<string, unknown> {
		const at = isoMicro(0);
		return {
			id: String(1293384261075731000 + index),
			record_type: 'phone_number',
			phone_number: number.phoneNumber,
			status: 'active',
			tags: number.tags ?? [],
			connection_id: number.connectionId,
			connection_name: number.connectionName ?? null,
			phone_number_type: 'local',
			purchased_at: at,
			created_at: at,
			updated_at: at,
		};
	}

	private list(req: SimRequest): SimResponse {
		const connectionId = req.query.get('filter[connection_id]');
		const digits = req.query.get('filter[phone_number]');
		const size = Math.min(Math.max(Number(req.query.get('page[size]') ?? 20) || 20, 1), 250);
		const number = Math.max(Number(req.query.get('page[number]') ?? 1) || 1, 1);
		const all = this.numbers
			.map((entry, index) => ({ entry, index }))
			.filter(({ entry }) => connectionId === null || entry.connectionId === connectionId)
			.filter(({ entry }) => digits === null || (/^\d{3,}$/.test(digits) && entry.phoneNumber.replace(/\D/g, '').includes(digits)))
			.map(({ entry, index }) => this.entry(entry, index));
		const totalPages = Math.max(Math.ceil(all.length / size), 1);
		return {
			status: 200,
			body: { data: all.slice((number - 1) * size, number * size), meta: { page_number: number, page_size: size, total_pages: totalPages, total_results: all.length } },
		};
	}
}

const registry = new WeakMap<TelnyxSimulator, TelnyxPhoneNumbers>();

/** Adds the phone-number route to a Telnyx simulator (called once from its constructor). */
export function registerPhoneNumberRoutes(telnyx: TelnyxSimulator, defaultConnectionId: string): void {
	registry.set(telnyx, new TelnyxPhoneNumbers(telnyx, defaultConnectionId));
}

/** The account's numbers of a Telnyx simulator. */
export function phoneNumbersOf(telnyx: TelnyxSimulator): TelnyxPhoneNumbers {
	const numbers = registry.get(telnyx);
	if (!numbers) throw new Error('The Telnyx simulator has no phone-number route');
	return numbers;
}
