// Reads the demo's contact sheet: a header line, then one contact per line; fields may be
// "quoted" (with "" for a quote inside). Enough for a sheet exported from a spreadsheet.
export type Row = Record<string, string>;

function fields(line: string): string[] {
	const out: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const char = line[i];
		if (quoted) {
			if (char === '"' && line[i + 1] === '"') (field += '"'), i++;
			else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') out.push(field), (field = '');
		else field += char;
	}
	out.push(field);
	return out.map((f) => f.trim());
}

export function parseCsv(text: string): Row[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
	const [header, ...rows] = lines.map(fields);
	return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
