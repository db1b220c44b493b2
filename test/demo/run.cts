// `npm run demo` (or scripts/demo.sh on a fresh clone): an appointment-reminder campaign from
// test/demo/contacts.csv through Pamela, Telnyx and Stepone AI in n8n's engine, against the
// provider simulator on loopback (no account, no phone bill). Prints a line per call as it
// ends, then one table of outcomes, then where to look next. Writes nothing outside the project.
import '../support/n8n-home.cjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { registerControl } from '../simulator/control.cts';
import { startSimulator } from '../simulator/index.cts';
import { contactsFrom, PROVIDER_NAMES, runCampaign } from './campaign.cts';
import { parseCsv } from './csv.cts';
import { outcomeTable } from './table.cts';

const say = (text = '') => process.stdout.write(`${text}\n`);
const TIME_SCALE = 0.02;

async function main() {
	const sheet = path.join(__dirname, 'contacts.csv');
	const contacts = contactsFrom(parseCsv(readFileSync(sheet, 'utf8')));
	const simulator = await startSimulator({ timeScale: TIME_SCALE });
	registerControl(simulator);
	const started = Date.now();
	say(`Appointment reminders for ${contacts.length} contacts from ${path.relative(process.cwd(), sheet)}, placed by each provider's`);
	say(`Place Call node with Wait for Outcome, in n8n's engine, against the provider simulator on ${simulator.baseUrl}`);
	say(`(simulated people; provider time runs ${1 / TIME_SCALE}x faster). Calls as they end:`);
	try {
		const rows = await runCampaign(simulator, contacts, ({ done, total, contact }) =>
			say(`  [${String(done).padStart(String(total).length)}/${total}] ${PROVIDER_NAMES[contact.provider].padEnd(10)} ${contact.name}: call ended`),
		);
		say(`\nOutcomes (${((Date.now() - started) / 1000).toFixed(1)} s):\n`);
		say(outcomeTable(rows));
	} finally {
		await simulator.stop();
	}
	say(`
Where next:
  README.md, "Wait for Outcome" under each provider: the outcome fields above, and their limits.
  npm run simulate: the simulator as a playground for your own n8n (credential values, a control
    API to script callees, send Pamela events to your trigger, place inbound Telnyx calls).
  examples/: workflows to import into n8n; test/demo/campaign.cts is this campaign's code.
  Change test/demo/contacts.csv (callee: answer, busy, no-answer, voicemail; presses: 1 or 2) and run again.`);
}

main().catch((error: Error) => {
	process.stderr.write(`Demo failed: ${error.message}\n`);
	process.exitCode = 1;
});
