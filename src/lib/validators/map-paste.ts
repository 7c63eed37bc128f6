// Rows of actors pasted from a spreadsheet (tab-separated: name, sector, kind, serves, description), read and checked
// row by row with the same schema as the add-actor form, so a preview can name each bad row and nothing is saved
// while any row is bad.
import Papa from 'papaparse';
import { AUDIENCES, AUDIENCE_LABELS, KINDS, KIND_LABELS, SECTORS, SECTOR_LABELS } from '$lib/domain/map/enums';
import { createActorSchema } from './map';
import type { z } from 'zod';

export const PASTE_COLUMNS = ['Name', 'Sector', 'Kind', 'Serves', 'Description'] as const;
export const PASTE_ROW_LIMIT = 200;

export interface PastedRow {
	/** The row's number in what was pasted, counting from 1. */
	line: number;
	cells: string[];
	input: z.output<typeof createActorSchema> | null;
	errors: Record<string, string>;
}

/** A choice typed as its label ("Children's services") or its key ("childrens_services"), any case. */
function choiceOf<T extends string>(text: string, keys: readonly T[], labels: Record<T, string>, fallback?: T): string {
	const typed = text.trim().toLowerCase();
	if (!typed && fallback) return fallback;
	return keys.find((k) => k === typed || labels[k].toLowerCase() === typed || labels[k].toLowerCase().replace(/’/g, "'") === typed) ?? text;
}

const isHeader = (cells: string[]) => cells[0]?.trim().toLowerCase() === 'name' && cells[1]?.trim().toLowerCase() === 'sector';

/**
 * Reads pasted text: one actor per line, a header line (Name, Sector, ...) skipped. Names already on the map, or twice
 * in the paste, are errors on their row.
 */
export function readActorPaste(text: string, takenNames: string[]): { rows: PastedRow[]; error: string | null } {
	const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter: '\t', skipEmptyLines: 'greedy' });
	const lines = parsed.data.filter((cells, i) => !(i === 0 && isHeader(cells)));
	if (!lines.length) return { rows: [], error: 'Paste at least one row: name, sector, kind, serves and description, separated by tabs.' };
	if (lines.length > PASTE_ROW_LIMIT) return { rows: [], error: `Paste at most ${PASTE_ROW_LIMIT} rows at a time.` };
	const taken = new Set(takenNames.map((n) => n.trim().toLowerCase()));
	const seen = new Set<string>();
	const rows = lines.map((cells, i): PastedRow => {
		const [name = '', sector = '', kind = '', audience = '', description = '', ...extra] = cells;
		const result = createActorSchema.safeParse({
			name,
			sector: choiceOf(sector, SECTORS, SECTOR_LABELS),
			kind: choiceOf(kind, KINDS, KIND_LABELS, 'organisation'),
			audience: choiceOf(audience, AUDIENCES, AUDIENCE_LABELS, 'both'),
			description
		});
		const errors: Record<string, string> = {};
		if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'row')] ??= issue.message;
		if (extra.some((c) => c.trim())) errors.row = `Only ${PASTE_COLUMNS.length} columns are read: ${PASTE_COLUMNS.join(', ')}.`;
		const key = name.trim().toLowerCase();
		if (key && !errors.name) {
			if (taken.has(key)) errors.name = `"${name.trim()}" is already on the map.`;
			else if (seen.has(key)) errors.name = `"${name.trim()}" is twice in the paste.`;
		}
		seen.add(key);
		return { line: i + 1, cells: [name, sector, kind, audience, description], input: result.success && !Object.keys(errors).length ? result.data : null, errors };
	});
	return { rows, error: null };
}
