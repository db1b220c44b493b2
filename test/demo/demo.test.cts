// The demo's campaign, as `npm run demo` runs it, so the demo never rots: every contact of
// test/demo/contacts.csv comes out with its outcome (Wait for Outcome on all three providers),
// a progress report per call, Stepone's Chinese intact, a table that lines up, and n8n-core's
// key file inside the project. End states only: on the running clock, durations depend on
// the machine's speed and are not asserted beyond "answered calls lasted".
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { registerControl } from '../simulator/control.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { contactsFrom, runCampaign, type CampaignRow, type Progress } from './campaign.cts';
import { parseCsv } from './csv.cts';
import { displayWidth, outcomeTable } from './table.cts';

let simulator: RunningSimulator;
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
	registerControl(simulator);
});
afterAll(async () => simulator.stop());

const contacts = contactsFrom(parseCsv(readFileSync(path.join(__dirname, 'contacts.csv'), 'utf8')));

describe('npm run demo', () => {
	let rows: CampaignRow[];
	const progress: Progress[] = [];

	beforeAll(async () => {
		rows = await runCampaign(simulator, contacts, (p) => progress.push(p));
	}, 120000);

	it('gives every contact of the sheet its outcome, in the sheet order', () => {
		expect(rows.map(({ contact, provider, status }) => [contact, provider, status])).toEqual([
			['Ana Lima', 'pamela', 'completed'],
			['Ben Okafor', 'pamela', 'failed'],
			['Carla Diaz', 'pamela', 'completed'],
			['Dan Weber', 'telnyx', 'completed'],
			['Eva Rossi', 'telnyx', 'completed'],
			['Finn Berg', 'telnyx', 'no_answer'],
			['张伟', 'stepone', 'completed'],
			['李娜', 'stepone', 'busy'],
			['王芳', 'stepone', 'completed'],
		]);
		for (const row of rows) expect(row.durationSeconds! > 0).toBe(row.status === 'completed');
	});

	it('shows what was gathered or said: the answer about the task, the digits pressed, the Chinese dialogue from the requirement', () => {
		const said = Object.fromEntries(rows.map((row) => [row.contact, row.said]));
		expect(said).toEqual({
			'Ana Lima': "Yes, that's fine: the dental check-up on Tuesday at 10:00. Got it, thank you for calling.",
			'Ben Okafor': 'The line was busy',
			'Carla Diaz': 'Please leave a message after the tone.',
			'Dan Weber': 'pressed 1 (confirmed)',
			'Eva Rossi': 'pressed 2 (wants to reschedule)',
			'Finn Berg': 'timeout, SIP 480',
			张伟: '提醒您周二上午十点的牙科复诊，请准时到诊，请问方便吗？ → 好的，我知道了，谢谢提醒！',
			李娜: 'user_busy',
			王芳: '提醒您周四上午九点的康复理疗，请准时到诊，请问方便吗？ → 好的，我知道了，谢谢提醒！',
		});
	});

	it('reported each call once as it ended, counting up to the total', () => {
		expect(progress.map((p) => p.done)).toEqual(contacts.map((_, i) => i + 1));
		expect(new Set(progress.map((p) => p.contact.name))).toEqual(new Set(contacts.map((c) => c.name)));
	});

	it('prints one table whose columns line up with Chinese names', () => {
		const lines = outcomeTable(rows).split('\n');
		expect(lines).toHaveLength(contacts.length + 2);
		const statusColumn = (line: string) => displayWidth(line.slice(0, line.search(/completed|failed|no_answer|busy|Status/)));
		expect(new Set(lines.filter((_, i) => i !== 1).map(statusColumn)).size).toBe(1);
	});

	it("keeps n8n-core's key file inside the project", () => {
		expect(process.env.N8N_USER_FOLDER).toBe(path.join(__dirname, '..', '..', '.tools', 'n8n-harness'));
	});
});
