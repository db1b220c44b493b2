import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { FIELD_TYPES, schemaFromFields, type SchemaField } from '../../shared/schema';

/**
 * One On Answer step, resolved per item at Place Call and carried in the call's
 * `client_state` (keys kept short: it travels in every webhook). `k`: s speak, g gather
 * digits, a AI gather; `t` text (message, prompt or greeting); `v` voice.
 */
export interface Step extends IDataObject {
	k: 's' | 'g' | 'a';
	t?: string;
	v?: string;
	/** Gather: minimum and maximum digits, terminating digit. */
	mn?: number;
	mx?: number;
	td?: string;
	/** AI gather: the JSON Schema of the fields. */
	p?: IDataObject;
}

const DEFAULT_VOICE = 'Telnyx.KokoroTTS.af';
const onWait = { resource: ['call'], operation: ['placeCall'], waitForOutcome: [true] };

export const stepsDescription: INodeProperties[] = [
	{
		displayName: 'On Answer',
		name: 'onAnswer',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Step',
		description:
			'What this node does on the call once it is answered, one step after the other, then it hangs up. Without steps the call goes on as Telnyx and the callee make it (e.g. an AI assistant) and the node only waits for its end.',
		displayOptions: { show: onWait },
		options: [
			{
				displayName: 'Step',
				name: 'step',
				values: [
					{ displayName: 'Maximum Digits', name: 'maxDigits', type: 'number', typeOptions: { minValue: 1, maxValue: 128 }, default: 128, description: 'Gather Digits only: the gather ends when this many were pressed' },
					{ displayName: 'Minimum Digits', name: 'minDigits', type: 'number', typeOptions: { minValue: 1, maxValue: 128 }, default: 1, description: 'Gather Digits only' },
					{
						displayName: 'Step Type',
						name: 'stepType',
						type: 'options',
						options: [
							{ name: 'AI Gather', value: 'aiGather', description: 'Let an AI ask for the fields in "AI Fields to Collect"' },
							{ name: 'Gather Digits', value: 'gather', description: 'Collect keypad digits, after an optional spoken prompt' },
							{ name: 'Speak', value: 'speak', description: 'Say a message' },
						],
						default: 'speak',
					},
					{ displayName: 'Terminating Digit', name: 'terminatingDigit', type: 'string', default: '#', description: 'Gather Digits only: the key that ends the input (empty: none)' },
					{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Speak: the message. Gather Digits: the prompt (empty: no prompt). AI Gather: the greeting.' },
					{ displayName: 'Voice', name: 'voice', type: 'string', default: DEFAULT_VOICE, description: 'Voice as Provider.Model.VoiceId, e.g. Telnyx.KokoroTTS.af or AWS.Polly.Joanna-Neural' },
				],
			},
		],
	},
	{
		displayName: 'AI Fields to Collect',
		name: 'aiFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Field',
		description: 'What an AI Gather step asks the callee for',
		displayOptions: { show: onWait },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. city' },
					{ displayName: 'Type', name: 'type', type: 'options', options: FIELD_TYPES.map((type) => ({ name: type[0].toUpperCase() + type.slice(1), value: type })), default: 'string' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Tells the AI what to ask, e.g. "The city the caller lives in"' },
					{ displayName: 'Required', name: 'required', type: 'boolean', default: true, description: 'Whether the gather is only valid once this field is known' },
				],
			},
		],
	},
];

/** The item's On Answer steps, resolved now (expressions see the item), in the compact form. */
export function readSteps(ctx: IExecuteFunctions, itemIndex: number): Step[] {
	const entries = ((ctx.getNodeParameter('onAnswer', itemIndex, {}) as IDataObject).step ?? []) as IDataObject[];
	const steps: Step[] = [];
	for (const [index, entry] of entries.entries()) {
		const text = String(entry.text ?? '').trim();
		const voice = String(entry.voice ?? '').trim() || DEFAULT_VOICE;
		const where = `Item ${itemIndex}, On Answer step ${index + 1}`;
		if (entry.stepType === 'speak') {
			if (!text) throw new NodeOperationError(ctx.getNode(), `On Answer step ${index + 1} (Speak) has no text`, { itemIndex, description: `${where}: enter the message to say in "Text".` });
			steps.push({ k: 's', t: text, v: voice });
		} else if (entry.stepType === 'gather') {
			const mn = Number(entry.minDigits ?? 1);
			const mx = Number(entry.maxDigits ?? 128);
			if (mn > mx) throw new NodeOperationError(ctx.getNode(), `On Answer step ${index + 1} asks for at least ${mn} but at most ${mx} digits`, { itemIndex, description: `${where}: make "Minimum Digits" at most "Maximum Digits".` });
			steps.push({ k: 'g', ...(text ? { t: text, v: voice } : {}), mn, mx, td: String(entry.terminatingDigit ?? '#') });
		} else if (entry.stepType === 'aiGather') {
			const fields = ((ctx.getNodeParameter('aiFields', itemIndex, {}) as IDataObject).field ?? []) as SchemaField[];
			const built = schemaFromFields(fields, { atLeastOne: true });
			if ('reason' in built) throw new NodeOperationError(ctx.getNode(), `AI Fields to Collect: ${built.reason}`, { itemIndex, description: `${where} (AI Gather): fix "AI Fields to Collect".` });
			steps.push({ k: 'a', ...(text ? { t: text } : {}), v: voice, p: built.schema });
		}
	}
	return steps;
}

/** The Telnyx command that carries out a step (contract §5.1, §5.2, §5.5, §5.9). */
export function stepCommand(step: Step): { action: string; body: IDataObject } {
	if (step.k === 's') return { action: 'speak', body: { payload: step.t ?? '', voice: step.v ?? DEFAULT_VOICE } };
	if (step.k === 'g') {
		const digits = { minimum_digits: step.mn ?? 1, maximum_digits: step.mx ?? 128, terminating_digit: step.td ?? '#' };
		return step.t ? { action: 'gather_using_speak', body: { payload: step.t, voice: step.v ?? DEFAULT_VOICE, ...digits } } : { action: 'gather', body: digits };
	}
	return { action: 'gather_using_ai', body: { parameters: step.p ?? {}, voice: step.v ?? DEFAULT_VOICE, ...(step.t ? { greeting: step.t } : {}) } };
}

/** The webhook that says a running step of this kind has ended. */
export const STEP_END_EVENT: Record<Step['k'], string> = { s: 'call.speak.ended', g: 'call.gather.ended', a: 'call.ai_gather.ended' };
