// The demo's core: an appointment-reminder campaign from a contact sheet, run through each
// provider's Place Call with Wait for Outcome in n8n's engine against the simulator. Pamela
// and Stepone wait inside the node (one execution per provider, Concurrency 5); Telnyx waits
// the way n8n's Wait node does (one execution per contact, resumed by the call's hang-up).
// The simulated people are scripted through the simulator's control API, from the sheet.
import { parsePhoneNumber } from 'libphonenumber-js';
import type { IDataObject, INode } from 'n8n-workflow';

import { node, runWorkflow, type RunResult } from '../harness/engine.cts';
import { startWaitingServer } from '../harness/waiting.cts';
import { calleeKeys, CONTROL_PREFIX, TELNYX_FROM } from '../simulator/control.cts';
import type { RunningSimulator } from '../simulator/index.cts';
import { FINAL } from '../simulator/providers/pamela/state.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import type { Row } from './csv.cts';

export type Provider = 'pamela' | 'telnyx' | 'stepone';
export const PROVIDER_NAMES: Record<Provider, string> = { pamela: 'Pamela', telnyx: 'Telnyx', stepone: 'Stepone AI' };

export interface Contact extends IDataObject {
	name: string;
	phone: string;
	provider: Provider;
	appointment: string;
	/** What the simulated person does: answer, busy, no-answer, voicemail, reject. */
	callee: string;
	/** DTMF the person presses when asked (Telnyx's menu: 1 confirm, 2 reschedule). */
	presses: string;
}

export interface CampaignRow {
	contact: string;
	provider: Provider;
	status: string;
	durationSeconds: number | null;
	/** What was gathered (digits) or said by the person, or why there was no conversation. */
	said: string;
}

export interface Progress {
	done: number;
	total: number;
	contact: Contact;
}

const MENU: Record<string, string> = { '1': 'confirmed', '2': 'wants to reschedule' };

export function contactsFrom(rows: Row[]): Contact[] {
	return rows.map((row, line) => {
		const provider = row.provider as Provider;
		if (!(provider in PROVIDER_NAMES)) throw new Error(`contacts.csv line ${line + 2}: provider must be pamela, telnyx or stepone, not "${row.provider}"`);
		return { name: row.name, phone: row.phone, provider, appointment: row.appointment, callee: row.callee || 'answer', presses: row.presses ?? '' };
	});
}

/** The number as the provider dials it (Telnyx's loosely written US numbers with Default Country US). */
function dialled(contact: Contact): string {
	return contact.provider === 'telnyx' ? parsePhoneNumber(contact.phone, 'US').number : calleeKeys(contact.phone).e164;
}

/** Scripts the simulated person through the control API (as a playground user would with curl). */
async function scriptCallees(simulator: RunningSimulator, contacts: Contact[]): Promise<void> {
	for (const contact of contacts) {
		const script = { answer: contact.callee, ringMs: 4000, providers: [contact.provider], ...(contact.presses ? { digits: contact.presses } : {}) };
		const response = await fetch(`${simulator.baseUrl}${CONTROL_PREFIX}/callees/${encodeURIComponent(dialled(contact))}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(script),
		});
		if (!response.ok) throw new Error(`Scripting ${contact.name}: ${await response.text()}`);
	}
}

/** Calls the simulator has finished, by dialled number (each provider's own notion of "ended"). */
function endedNumbers(simulator: RunningSimulator): Set<string> {
	const ended = new Set<string>();
	for (const call of simulator.pamela.calls.calls.values()) if (FINAL.includes(call.status)) ended.add(call.to);
	for (const call of simulator.telnyx.calls.values()) if (simulator.telnyx.eventTypes(call.callControlId).includes('call.hangup')) ended.add(call.to);
	for (const call of simulator.stepone.calls.values()) if (simulator.sim.clock.now() >= call.endsAt) ended.add(`+86${call.phone}`);
	return ended;
}

/** Reports each contact's call once it has ended, while the campaign runs. */
function watchProgress(simulator: RunningSimulator, contacts: Contact[], onProgress: (progress: Progress) => void): () => void {
	const reported = new Set<Contact>();
	const check = () => {
		const ended = endedNumbers(simulator);
		for (const contact of contacts) {
			if (reported.has(contact) || !ended.has(dialled(contact))) continue;
			reported.add(contact);
			onProgress({ done: reported.size, total: contacts.length, contact });
		}
	};
	const timer = setInterval(check, 20);
	return () => {
		clearInterval(timer);
		check();
	};
}

const placeCall = (provider: Provider, parameters: IDataObject): INode =>
	node({
		name: 'Place Call',
		type: `n8n-nodes-ai-calls.${provider === 'stepone' ? 'steponeAi' : provider}`,
		onError: 'continueRegularOutput',
		parameters: { resource: 'call', waitForOutcome: true, maxWaitMinutes: 10, ...parameters } as INode['parameters'],
		credentials: { [`${provider === 'stepone' ? 'steponeAi' : provider}Api`]: { id: '1', name: PROVIDER_NAMES[provider] } },
	});

function outcomes(result: RunResult): IDataObject[] {
	const error = result.errors['Place Call'];
	if (error) throw new Error(`Place Call failed: ${error.message} ${error.description ?? ''}`);
	return (result.outputs['Place Call'] ?? []).map((item) => item.json);
}

/** What the person said (their turns), pressed, or why there was no conversation. */
function saidIn(outcome: IDataObject): string {
	if (outcome.error) return `error: ${String(outcome.error)}`;
	const gathered = (outcome.gathered ?? {}) as IDataObject;
	if (gathered.digits) return `pressed ${String(gathered.digits)} (${MENU[String(gathered.digits)] ?? 'unknown choice'})`;
	if (gathered.fields) return JSON.stringify(gathered.fields);
	const transcript = (outcome.transcript ?? []) as Array<{ role: string; text: string }>;
	const last = transcript.map((turn) => turn.role).lastIndexOf('callee');
	if (last >= 0) {
		// Stepone's agent states the requirement just before the answer: show both.
		const asked = outcome.provider === 'stepone' && last > 0 ? `${transcript[last - 1].text} → ` : '';
		return `${asked}${transcript[last].text}`;
	}
	// Pamela's summary repeats the task after the reason.
	return outcome.reason ? String(outcome.reason).split('. Task:')[0] : '';
}

function row(contact: Contact, outcome: IDataObject): CampaignRow {
	return {
		contact: contact.name,
		provider: contact.provider,
		status: String(outcome.status ?? 'error'),
		durationSeconds: (outcome.durationSeconds as number | null | undefined) ?? null,
		said: saidIn(outcome),
	};
}

async function pamela(simulator: RunningSimulator, contacts: Contact[]): Promise<CampaignRow[]> {
	const call = placeCall('pamela', {
		operation: 'place',
		to: '={{ $json.phone }}',
		task: '=Remind {{ $json.name }} of {{ $json.appointment }} and ask them to confirm.',
		options: { concurrency: 5, pollIntervalSeconds: 0.05 },
	});
	const result = await runWorkflow({ nodes: [call] }, { credentials: { pamelaApi: simulator.pamela.credentials() }, input: contacts.map((json) => ({ json })) });
	return outcomes(result).map((outcome, i) => row(contacts[i], outcome));
}

async function stepone(simulator: RunningSimulator, contacts: Contact[]): Promise<CampaignRow[]> {
	const call = placeCall('stepone', {
		operation: 'placeCall',
		phones: '={{ $json.phone }}',
		requirement: '=提醒客户{{ $json.appointment }}，请准时到诊，语气礼貌。',
		options: { concurrency: 5, pollIntervalSeconds: 0.05 },
	});
	const result = await runWorkflow({ nodes: [call] }, { credentials: { steponeAiApi: simulator.stepone.credentials() }, input: contacts.map((json) => ({ json })) });
	// One outcome per call ID, paired with its input item.
	return outcomes(result).map((outcome, i) => row(contacts[(result.outputs['Place Call'][i].pairedItem as { item: number }).item], outcome));
}

async function telnyx(simulator: RunningSimulator, contacts: Contact[]): Promise<CampaignRow[]> {
	const waiting = await startWaitingServer({ telnyxApi: simulator.telnyx.credentials() });
	const call = placeCall('telnyx', {
		operation: 'dial',
		connectionId: TELNYX_CONNECTION_ID,
		from: TELNYX_FROM,
		to: '={{ $json.phone }}',
		options: { defaultCountry: 'US', clientState: '={{ JSON.stringify({ contact: $json.name }) }}' },
		onAnswer: {
			step: [
				{ stepType: 'speak', text: '=Hello {{ $json.name }}, this is a reminder of {{ $json.appointment }}.' },
				{ stepType: 'gather', text: 'Press 1 to confirm, 2 to reschedule.', maxDigits: 1 },
			],
		},
	});
	try {
		// One execution per contact: n8n resumes a waiting execution once, with one call's outcome.
		return await Promise.all(
			contacts.map(async (contact) => {
				const execution = await waiting.run({ nodes: [call] }, { input: [{ json: contact }] });
				const final = execution.first.status === 'waiting' ? await execution.resumed() : execution.first;
				return row(contact, outcomes(final)[0]);
			}),
		);
	} finally {
		await waiting.stop();
	}
}

/** Runs the campaign; `onProgress` hears of each call as it ends. Rows come back in the sheet's order. */
export async function runCampaign(simulator: RunningSimulator, contacts: Contact[], onProgress: (progress: Progress) => void = () => {}): Promise<CampaignRow[]> {
	await scriptCallees(simulator, contacts);
	const stop = watchProgress(simulator, contacts, onProgress);
	const of = (provider: Provider) => contacts.filter((contact) => contact.provider === provider);
	try {
		const [p, t, s] = await Promise.all([pamela(simulator, of('pamela')), telnyx(simulator, of('telnyx')), stepone(simulator, of('stepone'))]);
		const rows = [...p, ...t, ...s];
		return contacts.map((contact) => rows.find((r) => r.contact === contact.name && r.provider === contact.provider)!);
	} finally {
		stop();
	}
}
