// What Place Call sends for the forms "To" accepts: "+1…,digits" becomes one number plus
// send_digits_on_answer, SIP URIs keep their ;parameters, lists of numbers still ring together,
// and digits Telnyx would refuse (or that clash with Send Digits on Answer) stop before any request.
import type { INodeParameters } from 'n8n-workflow';

import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { TELNYX_CONNECTION_ID } from '../simulator/providers/telnyx/index.cts';
import { runTelnyx } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
	// Dialled calls stay where they are: only the Dial request matters here.
	simulator.sim.clock.hold();
});
afterAll(async () => simulator.stop());

/** Runs Place Call once and returns the node's result and the Dial bodies the simulator received. */
async function dial(to: string, options: INodeParameters = {}) {
	const before = simulator.sim.requestsTo('POST', '/v2/calls').length;
	const result = await runTelnyx(simulator, { operation: 'dial', connectionId: TELNYX_CONNECTION_ID, from: '+14155550100', to, options });
	const bodies = simulator.sim.requestsTo('POST', '/v2/calls').slice(before).map((request) => request.body as Record<string, unknown>);
	return { result, bodies };
}

it('"+1…,digits" dials the number and sends the digits on answer', async () => {
	const { result, bodies } = await dial('+1 415 555 0123,ww1234#');
	expect(result.errors).toEqual({});
	expect(bodies).toHaveLength(1);
	expect(bodies[0]).toMatchObject({ to: '+14155550123', send_digits_on_answer: 'ww1234#' });
	expect(result.outputs.Telnyx[0].json.to).toBe('+14155550123');
});

it('the same digits in To and in Send Digits on Answer are sent once', async () => {
	const { result, bodies } = await dial('+14155550123,1234', { sendDigitsOnAnswer: '1234' });
	expect(result.errors).toEqual({});
	expect(bodies[0]).toMatchObject({ to: '+14155550123', send_digits_on_answer: '1234' });
});

it('a SIP URI keeps its parameters', async () => {
	const { result, bodies } = await dial('sip:alice@pbx.example.com;transport=tls');
	expect(result.errors).toEqual({});
	expect(bodies[0].to).toBe('sip:alice@pbx.example.com;transport=tls');
	expect(bodies[0]).not.toHaveProperty('send_digits_on_answer');
});

it('several numbers still ring together, in the national form with a Default Country too', async () => {
	const { result, bodies } = await dial('+14155550123, 4155550124;4155550125', { defaultCountry: 'US' });
	expect(result.errors).toEqual({});
	expect(bodies[0].to).toEqual(['+14155550123', '+14155550124', '+14155550125']);
	expect(bodies[0]).not.toHaveProperty('send_digits_on_answer');
});

it('different digits in To and in Send Digits on Answer are refused before any request', async () => {
	const { result, bodies } = await dial('+14155550123,1234', { sendDigitsOnAnswer: '99' });
	expect(bodies).toHaveLength(0);
	expect(result.errors.Telnyx?.message).toBe('Send Digits on Answer: "99" differs from the digits after the comma in To ("1234")');
	expect(result.errors.Telnyx.description).toBe(
		'Item 0, field "Send Digits on Answer": Keep the digits in one place: remove them from To, or clear Send Digits on Answer.',
	);
});

it('digits Telnyx cannot send are refused before any request, naming the field and the allowed characters', async () => {
	const { result, bodies } = await dial('+14155550123,1234p');
	expect(bodies).toHaveLength(0);
	expect(result.errors.Telnyx?.message).toBe('To: "1234p" after the comma is neither a phone number nor DTMF digits Telnyx can send');
	expect(result.errors.Telnyx.description).toBe(
		'Item 0, field "To": DTMF may hold only 0-9, A-D, *, #, w (0.5 s pause) and W (1 s pause), at most 64 characters.',
	);
});
