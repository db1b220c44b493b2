// A Pamela callee that follows its task meets a phone menu first when the task mentions one
// (the IVR example); other tasks and scripted callees are unchanged.
import { calleeFor } from '../../simulator/providers/pamela/dialogue.cts';
import { phoneMenuFor } from '../../simulator/providers/pamela/phoneMenu.cts';

const REFILL = 'Navigate the phone menu to the prescription refills department and ask whether prescription RX-48213 for Ana Lima is ready for pickup. If it is not, ask when it will be.';

describe('Pamela phone menu from the task', () => {
	it('reads the department and the request from the task', () => {
		expect(phoneMenuFor(REFILL)).toEqual({
			department: 'prescription refills',
			prompt: 'Thank you for calling. For opening hours and directions, press 1. For prescription refills, press 2. For billing, press 3. For anything else, press 0.',
			choice: '[Pressed 2 for prescription refills]',
			greeting: 'Prescription refills, this is Sam speaking. How can I help you?',
			request: "I'm calling to ask whether prescription RX-48213 for Ana Lima is ready for pickup.",
		});
	});

	it.each([
		['Call the pharmacy, navigate its phone menu to reach the pharmacist and ask if my insulin is in stock.', 'pharmacist', "I'm calling to ask if my insulin is in stock."],
		['Get through the IVR to the billing team.', 'billing', undefined],
		['Use the automated menu.', 'customer service', undefined],
	])('%s → %s', (task, department, request) => {
		expect(phoneMenuFor(task)).toMatchObject({ department, request });
	});

	it('is not set up for tasks without a phone menu', () => {
		expect(phoneMenuFor('Ask about the dinner menu for tonight.')).toBeUndefined();
		expect(phoneMenuFor('Book a table for two')).toBeUndefined();
	});

	it('unscripted and task-following callees get the menu and the department\'s answer; scripted ones do not', () => {
		expect(calleeFor(undefined, REFILL)).toMatchObject({
			menu: { department: 'prescription refills' },
			says: ['One moment, let me check... Yes, prescription RX-48213 for Ana Lima is ready for pickup. Anything else I can help with?'],
		});
		expect(calleeFor({ answer: 'answer', followTask: true, says: ['Not yet: tomorrow after 2 pm.'] }, REFILL)).toMatchObject({ menu: { department: 'prescription refills' }, says: ['Not yet: tomorrow after 2 pm.'] });
		expect(calleeFor({ answer: 'answer', says: ['Hello?'] }, REFILL).menu).toBeUndefined();
		expect(calleeFor(undefined, 'Book a table for two').menu).toBeUndefined();
	});
});
