// A call's life on simulated time (contract §4, inferred): queued → ringing → in_progress →
// completed | failed; cancel and hang-up interrupt it. The scripted callee decides the outcome.
import type { CalleeScript } from '../../core/callees.cts';
import type { Clock } from '../../core/clock.cts';
import type { PamelaEvents } from './webhooks.cts';
import type { PamelaTools, ToolInvocation } from './tools.cts';
import { FINAL, type SimCall, type TranscriptLine } from './state.cts';

/** A callee for Pamela: the core script plus tools the agent calls after the callee's turns. */
export interface PamelaCalleeScript extends CalleeScript {
	tools?: Array<{ name: string; arguments: Record<string, unknown>; afterTurn?: number }>;
	/** A phone menu (IVR) that answers first; the agent gets through it to a department. */
	menu?: PhoneMenu;
}

/** What a phone menu says and what the agent does to get through it (phoneMenu.cts builds one from the task). */
export interface PhoneMenu {
	department: string;
	/** The menu's options, read out when the call connects. */
	prompt: string;
	/** The agent's choice: the key it presses. */
	choice: string;
	/** The department's first line once it picks up. */
	greeting: string;
	/** What the agent says to the department after its introduction; the task where absent. */
	request?: string;
}

export interface Timings {
	queueMs: number;
	turnMs: number;
	/** How long after completion GET /calls/{id} starts showing the transcript. */
	transcriptDelayMs: number;
}

export class CallLifecycle {
	constructor(
		private readonly clock: Clock,
		private readonly events: PamelaEvents,
		private readonly tools: PamelaTools,
		private readonly timings: Timings,
	) {}

	async run(call: SimCall, script: PamelaCalleeScript): Promise<void> {
		void this.events.emit(call, 'call.queued');
		await this.clock.sleep(this.timings.queueMs);
		if (call.status !== 'queued') return;
		call.status = 'ringing';
		await this.clock.sleep(script.ringMs ?? 2000);
		if (call.status !== 'ringing') return;
		if (script.answer === 'busy' || script.answer === 'no-answer' || script.answer === 'reject') {
			return this.fail(call, { busy: 'The line was busy', 'no-answer': 'Nobody answered', reject: 'The call was rejected' }[script.answer]);
		}
		call.status = 'in_progress';
		call.started_at = this.clock.iso();
		call.connectedAt = this.clock.now();
		void this.events.emit(call, 'call.started');
		await this.converse(call, script);
		const menu = script.answer === 'voicemail' ? undefined : script.menu;
		if (call.status === 'in_progress') this.complete(call, menu ? `The agent got through the phone menu to ${menu.department} and finished the task` : 'The agent finished the task');
	}

	private async converse(call: SimCall, script: PamelaCalleeScript): Promise<void> {
		const agent = String(call.request.agent_name ?? 'Pamela');
		const onBehalf = call.request.caller_name ? ` on behalf of ${String(call.request.caller_name)}` : '';
		const menu = script.answer === 'voicemail' ? undefined : script.menu;
		if (menu && !(await this.navigate(call, menu))) return;
		this.say(call, [{ speaker: 'agent', text: `Hi, this is ${agent} calling${onBehalf}. ${menu?.request ?? call.task}` }]);
		const says = script.answer === 'voicemail' ? ['Please leave a message after the tone.'] : (script.says ?? []);
		for (let turn = 0; turn < says.length; turn++) {
			await this.clock.sleep(this.timings.turnMs);
			if (call.status !== 'in_progress') return;
			this.say(call, [{ speaker: 'callee', text: says[turn] }]);
			for (const tool of (script.tools ?? []).filter((t) => (t.afterTurn ?? 0) === turn)) {
				const invocation = await this.tools.invoke(call, tool.name, tool.arguments);
				if (call.status !== 'in_progress') return;
				this.say(call, toolLines(invocation));
			}
		}
		await this.clock.sleep(this.timings.turnMs);
		if (call.status === 'in_progress') this.say(call, [{ speaker: 'agent', text: 'Thank you, goodbye.' }]);
	}

	/** The menu reads its options, the agent presses a key, the department picks up; false if the call ended meanwhile. */
	private async navigate(call: SimCall, menu: PhoneMenu): Promise<boolean> {
		const turns: Array<['callee' | 'agent', string]> = [['callee', menu.prompt], ['agent', menu.choice], ['callee', menu.greeting]];
		for (const [speaker, text] of turns) {
			await this.clock.sleep(this.timings.turnMs);
			if (call.status !== 'in_progress') return false;
			this.say(call, [{ speaker, text }]);
		}
		return true;
	}

	/** Adds lines and sends them (only the new ones) as call.transcript_update. */
	private say(call: SimCall, lines: Array<Omit<TranscriptLine, 'timestamp'>>): void {
		const stamped = lines.map((line) => ({ ...line, timestamp: this.clock.iso() }));
		call.transcript.push(...stamped);
		void this.events.emit(call, 'call.transcript_update', stamped);
	}

	/** Ends a connected call (normally, or by the hang-up endpoint) and sends call.completed with the whole transcript. */
	complete(call: SimCall, summary: string): void {
		if (FINAL.includes(call.status)) return;
		call.status = 'completed';
		this.end(call, summary);
		void this.events.emit(call, 'call.completed', call.transcript);
	}

	fail(call: SimCall, summary: string): void {
		if (FINAL.includes(call.status)) return;
		call.status = 'failed';
		this.end(call, summary);
		void this.events.emit(call, 'call.failed');
	}

	/** No call.cancelled event is documented; cancel sends call.failed with status "cancelled" (contract §5.1, inferred). */
	cancel(call: SimCall): void {
		call.status = 'cancelled';
		this.end(call, 'The call was cancelled');
		void this.events.emit(call, 'call.failed');
	}

	private end(call: SimCall, summary: string): void {
		call.ended_at = this.clock.iso();
		call.summary = `${summary}. Task: ${call.task}`;
		if (call.connectedAt !== undefined) {
			call.duration_seconds = Math.max(1, Math.round((this.clock.now() - call.connectedAt) / 1000));
		}
		// A timer, not only a time, so that a held clock can be stepped to it.
		call.transcriptReadyAt = this.clock.now() + this.timings.transcriptDelayMs;
		this.clock.after(this.timings.transcriptDelayMs, () => undefined);
	}
}

/** What the transcript shows of a tool call: the answer, or why there was none. */
function toolLines(invocation: ToolInvocation): Array<Omit<TranscriptLine, 'timestamp'>> {
	const tag = { tool_name: invocation.toolName, correlation_id: invocation.correlationId };
	if (invocation.outcome === 'answered') {
		const text = typeof invocation.result === 'string' ? invocation.result : JSON.stringify(invocation.result);
		return [
			{ speaker: 'tool', text, ...tag },
			{ speaker: 'agent', text: `I checked: ${text}` },
		];
	}
	const why = {
		timeout: `Tool ${invocation.toolName} timed out after ${invocation.timeoutMs} ms`,
		error: `Tool ${invocation.toolName} failed: ${invocation.error ?? `HTTP ${invocation.status}`}`,
		'not-registered': `Tool ${invocation.toolName} is not registered`,
		'no-url': `No tool URL is configured for ${invocation.toolName}`,
		answered: '',
	}[invocation.outcome];
	return [
		{ speaker: 'system', text: why, ...tag },
		{ speaker: 'agent', text: 'Sorry, I could not look that up right now.' },
	];
}
