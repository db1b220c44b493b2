// Screenshots of a workflow in the real n8n editor after a run, with Debian's chromium driven
// by playwright-core, logged in as the env-set owner. Saved under docs/screenshots/ for README.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { login } from './owner.cts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../docs/screenshots');

export const canScreenshot = (): string | undefined => {
	if (!existsSync(CHROMIUM)) return `no browser at ${CHROMIUM} (apt-get install -y chromium)`;
	try {
		require.resolve('playwright-core');
	} catch {
		return 'playwright-core is not installed (npm install)';
	}
	return undefined;
};

/**
 * Opens the workflow in the editor, runs it with "Execute workflow" (a manual run, as a user
 * would), waits until every node shows success, screenshots the canvas, then opens `openNode`
 * (its parameters and output) and screenshots that, then opens the node's Connection picker list
 * (the Call Control applications, from the simulator) and screenshots it. Returns the PNG paths.
 */
export async function screenshotWorkflow(baseUrl: string, workflowId: string, name: string, openNode: string): Promise<string[]> {
	const { chromium, selectors } = require('playwright-core') as typeof import('playwright-core');
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const cookie = await login(baseUrl);
		const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
		await context.addCookies([{ name: 'n8n-auth', value: cookie.slice('n8n-auth='.length), url: baseUrl }]);
		const page = await context.newPage();
		mkdirSync(SCREENSHOT_DIR, { recursive: true });

		await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'networkidle' });
		const nodes = page.getByTestId('canvas-node');
		await nodes.first().waitFor({ timeout: 30000 });
		const count = await nodes.count();
		await page.getByTestId('execute-workflow-button').click();
		const success = page.getByTestId('canvas-node-status-success');
		for (const deadline = Date.now() + 60000; (await success.count()) < count; ) {
			if (Date.now() > deadline) throw new Error(`the run did not end with every node green within 60 s (${await success.count()} of ${count})`);
			await page.waitForTimeout(250);
		}
		await page.waitForTimeout(500);
		const run = path.join(SCREENSHOT_DIR, `${name}-run.png`);
		await page.screenshot({ path: run });

		await nodes.filter({ hasText: openNode }).dblclick();
		await page.getByTestId('ndv-items-count').first().waitFor({ timeout: 15000 }).catch(() => undefined);
		await page.getByTestId('output-panel').waitFor({ timeout: 15000 });
		await page.waitForTimeout(500);
		const panel = path.join(SCREENSHOT_DIR, `${name}-node.png`);
		await page.screenshot({ path: panel });

		await openConnectionList(page);
		const picker = path.join(SCREENSHOT_DIR, `${name}-connection-picker.png`);
		await page.screenshot({ path: picker });
		return [run, panel, picker];
	} finally {
		await browser.close();
	}
}

/** In the open node: the Connection picker in "From List" mode, its list open and filled. */
async function openConnectionList(page: import('playwright-core').Page): Promise<void> {
	const field = page.getByTestId('resource-locator-connectionId');
	await field.waitFor({ timeout: 15000 });
	const mode = field.getByTestId('rlc-mode-selector');
	// An example saved with a plain ID string may open in ID mode.
	if (!((await mode.textContent()) ?? '').includes('From List')) {
		await mode.click();
		await page.locator('.el-select-dropdown__item:visible', { hasText: 'From List' }).click();
	}
	await field.getByTestId('rlc-input').click();
	await page.getByTestId('rlc-item').first().waitFor({ state: 'visible', timeout: 15000 });
	await page.waitForTimeout(500);
}
