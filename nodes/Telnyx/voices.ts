import type { INodeListSearchItems } from 'n8n-workflow';

/**
 * The voices the Telnyx SDK names as examples of `<Provider>.<Model>.<VoiceId>` (calls
 * actions.d.ts, speak and gather_using_speak `voice`), for the Voice picker. Any other voice
 * string is typed in the picker's "Voice" mode; ElevenLabs voices also need an API key
 * reference in Voice Settings.
 */
/** A list entry named by the voice string itself, with a note on what it is. */
function voice(value: string, note: string): INodeListSearchItems {
	return { name: `${value} (${note})`, value };
}

export const VOICES: INodeListSearchItems[] = [
	voice('Telnyx.KokoroTTS.af', 'Telnyx, default'),
	voice('Telnyx.KokoroTTS.af_heart', 'Telnyx'),
	voice('Telnyx.Bayan.Ahmed', 'Telnyx, Arabic and English'),
	voice('Telnyx.Bayan.Amanda', 'Telnyx, Arabic and English'),
	voice('Telnyx.Sukhan.urdu-professor', 'Telnyx, Urdu'),
	voice('AWS.Polly.Joanna', 'AWS Polly'),
	voice('AWS.Polly.Joanna-Neural', 'AWS Polly, neural'),
	voice('Azure.en-CA-ClaraNeural', 'Azure'),
	voice('Azure.en-US-BrianMultilingualNeural', 'Azure'),
	voice('Azure.en-US-Ava:DragonHDLatestNeural', 'Azure'),
	voice('Minimax.speech-02-hd.Wise_Woman', 'Minimax'),
	voice('ElevenLabs.eleven_multilingual_v2.21m00Tcm4TlvDq8ikWAM', 'ElevenLabs, needs an API key reference in Voice Settings'),
	voice('female', 'Basic service level, en-US only'),
	voice('male', 'Basic service level, en-US only'),
];
