// A plain-text table for a terminal: columns padded by display width, so Chinese characters
// (two columns wide) line up; the last column is not padded, so long text just runs on.
import { PROVIDER_NAMES, type CampaignRow } from './campaign.cts';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u;

export function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) width += WIDE.test(char) ? 2 : 1;
	return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

export function table(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))));
	const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column]))).join('  ').trimEnd();
	return [line(header), line(widths.map((w, column) => '-'.repeat(column === widths.length - 1 ? Math.min(w, 40) : w))), ...rows.map(line)].join('\n');
}

/** The demo's closing table: one row per contact. */
export function outcomeTable(rows: CampaignRow[]): string {
	return table(
		['Contact', 'Provider', 'Status', 'Duration', 'Gathered or said'],
		rows.map((row) => [row.contact, PROVIDER_NAMES[row.provider], row.status, row.durationSeconds === null ? '-' : `${row.durationSeconds} s`, row.said]),
	);
}
