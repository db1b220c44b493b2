import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The call events of the contract (§6.4), named "Group: Event" so that the alphabetical list
 * keeps each group together.
 */
const EVENTS: Array<[string, string, string]> = [
	['call.initiated', 'Call: Initiated', 'A call started ringing (outgoing) or arrived (incoming)'],
	['call.answered', 'Call: Answered', 'The callee picked up'],
	['call.hangup', 'Call: Hung Up', 'The call ended; see the hangup cause'],
	['call.bridged', 'Call: Bridged', 'Two calls were connected'],
	['call.recording.saved', 'Call: Recording Saved', 'A recording is ready to download'],
	['call.recording.error', 'Call: Recording Error', 'A recording could not be made or stored'],
	['call.transcription', 'Transcription: Text', 'Words recognised by a live transcription (Start Transcription)'],
	['call.dtmf.received', 'Gather: DTMF Received', 'The callee pressed a key'],
	['call.gather.ended', 'Gather: Ended', 'A DTMF gather ended; see digits and status'],
	['call.ai_gather.ended', 'AI Gather: Ended', 'An AI gather ended with the collected fields'],
	['call.ai_gather.partial_results', 'AI Gather: Partial Results', 'Fields collected so far'],
	['call.ai_gather.message_history_updated', 'AI Gather: Message History Updated', 'The conversation transcript changed'],
	['call.conversation.ended', 'AI Conversation: Ended', 'An AI assistant or AI gather conversation ended'],
	['call.conversation_insights.generated', 'AI Conversation: Insights Generated', 'Insights about a finished conversation'],
	['call.speak.started', 'Playback: Speak Started', 'Text-to-speech started'],
	['call.speak.ended', 'Playback: Speak Ended', 'Text-to-speech ended'],
	['call.playback.started', 'Playback: Audio Started', 'An audio file started playing'],
	['call.playback.ended', 'Playback: Audio Ended', 'An audio file ended'],
	['call.machine.detection.ended', 'Machine Detection: Ended', 'Human or machine was detected'],
	['call.machine.greeting.ended', 'Machine Detection: Greeting Ended', 'The voicemail greeting ended (beep)'],
	['call.machine.premium.detection.ended', 'Machine Detection: Premium Ended', 'Premium detection result'],
	['call.machine.premium.greeting.ended', 'Machine Detection: Premium Greeting Ended', 'Premium detection heard the beep (or not)'],
];

export const CALL_EVENT_TYPES = EVENTS.map(([value]) => value);

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Options for the trigger's event list and for per-event webhook URLs. */
export const WEBHOOK_EVENT_OPTIONS: INodePropertyOptions[] = EVENTS.map(([value, name, description]) => ({ name, value, description })).sort(byName);

/** The trigger's canvas subtitle: the chosen events by their names ("Call: Answered, AI Gather: Ended"), not their keys. */
export function triggerSubtitle(): string {
	const names = JSON.stringify(Object.fromEntries(EVENTS.map(([value, name]) => [value, name])));
	return `={{ $parameter["output"] === "outcome" ? "Call outcome" : ($parameter["events"] || []).map(e => (${names})[e] || e).join(", ") }}`;
}
