// Rows pasted from a spreadsheet, tab-separated: actors (name, sector, kind, serves, description) or handoffs (from, to,
// label, stage, rating, passes, applies to, gap, with the actors named by name). Each row is read and checked with the
// same schema as the add form, so a preview can name each bad row and nothing is saved while any row is bad.
import Papa from 'papaparse';
import { AUDIENCES, AUDIENCE_LABELS, KINDS, KIND_LABELS, PASSES, PASSES_LABELS, RATINGS, RATING_LABELS, RATING_SHORT, SECTORS, SECTOR_LABELS, STAGES, STAGE_LABELS } from '$lib/domain/map/enums';
import { createActorSchema, createHandoffSchema } from './map';
import type { z } from 'zod';

export const PASTE_COLUMNS = ['Name', 'Sector', 'Kind', 'Serves', 'Description'] as const;
export const HANDOFF_PASTE_COLUMNS = ['From', 'To', 'Label', 'Stage', 'Rating', 'Passes', 'Applies to', 'Gap'] as const;
export const PASTE_ROW_LIMIT = 200;

export interface PastedRow<Input = z.output<typeof createActorSchema>> {
	/** The row's number in what was pasted, counting from 1. */
	line: number;
	cells: string[];
	input: Input | null;
	errors: Record<string, string>;
}
export type PastedHandoff = PastedRow<z.output<typeof createHandoffSchema>>;

/** The pasted lines, split into cells, a header line skipped; or why there is nothing to read. */
function linesOf(text: string, isHeader: (cells: string[]) => boolean, what: string): { lines: string[][]; error: string | null } {
	const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter: '\t', skipEmptyLines: 'greedy' });
	const lines = parsed.data.filter((cells, i) => !(i === 0 && isHeader(cells)));
	if (!lines.length) return { lines, error: `Paste at least one row: ${what}, separated by tabs.` };
	if (lines.length > PASTE_ROW_LIMIT) return { lines: [], error: `Paste at most ${PASTE_ROW_LIMIT} rows at a time.` };
	return { lines, error: null };
}

/** Each field's first problem, as the form shows it. */
function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	const errors: Record<string, string> = {};
	if (!result.success) for (const issue of result.error!.issues) errors[String(issue.path[0] ?? 'row')] ??= issue.message;
	return errors;
}

const tooWide = (columns: readonly string[]) => `Only ${columns.length} columns are read: ${columns.join(', ')}.`;

/** A choice typed as its label ("Children's services") or its key ("childrens_services"), any case. */
function choiceOf<T extends string>(text: string, keys: readonly T[], labels: Record<T, string>, fallback?: T): string {
	const typed = text.trim().toLowerCase();
	if (!typed && fallback) return fallback;
	return keys.find((k) => k === typed || labels[k].toLowerCase() === typed || labels[k].toLowerCase().replace(/’/g, "'") === typed) ?? text;
}

const headed = (first: string, second: string) => (cells: string[]) =>
	cells[0]?.trim().toLowerCase() === first && cells[1]?.trim().toLowerCase() === second;

/**
 * Reads pasted text: one actor per line, a header line (Name, Sector, ...) skipped. Names already on the map, or twice
 * in the paste, are errors on their row.
 */
export function readActorPaste(text: string, takenNames: string[]): { rows: PastedRow[]; error: string | null } {
	const { lines, error } = linesOf(text, headed('name', 'sector'), 'name, sector, kind, serves and description');
	if (error) return { rows: [], error };
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
		const errors = errorsOf(result);
		if (extra.some((c) => c.trim())) errors.row = tooWide(PASTE_COLUMNS);
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

const GAP_WORDS: Record<string, boolean> = { '': false, no: false, false: false, gap: true, yes: true, true: true };

/**
 * Reads pasted handoffs: one a line, a header line (From, To, ...) skipped. Each end is an actor of the map named by
 * its name (any case); passes and applies-to default as on the canvas; Gap is "Gap", "Yes" or empty. A label the two
 * ends already have, or twice in the paste, is an error on its row.
 */
export function readHandoffPaste(
	text: string,
	actors: { id: string; name: string }[],
	handoffs: { fromActorId: string; toActorId: string; label: string }[]
): { rows: PastedHandoff[]; error: string | null } {
	const { lines, error } = linesOf(text, headed('from', 'to'), 'from, to, label, stage and rating');
	if (error) return { rows: [], error };
	const idOf = new Map(actors.map((a) => [a.name.trim().toLowerCase(), a.id]));
	const keyOf = (h: { fromActorId: string; toActorId: string; label: string }) => `${h.fromActorId} ${h.toActorId} ${h.label.trim().toLowerCase()}`;
	const taken = new Set(handoffs.map(keyOf));
	const seen = new Set<string>();
	const rows = lines.map((cells, i): PastedHandoff => {
		const [from = '', to = '', label = '', stage = '', rating = '', passes = '', audience = '', gap = '', ...extra] = cells;
		const ratingText = rating.trim().toLowerCase();
		const result = createHandoffSchema.safeParse({
			fromActorId: idOf.get(from.trim().toLowerCase()) ?? '',
			toActorId: idOf.get(to.trim().toLowerCase()) ?? '',
			label,
			stage: choiceOf(stage, STAGES, STAGE_LABELS),
			rating: RATINGS.find((r) => RATING_SHORT[r].toLowerCase() === ratingText) ?? choiceOf(rating, RATINGS, RATING_LABELS),
			passes: choiceOf(passes, PASSES, PASSES_LABELS, 'information'),
			audience: choiceOf(audience, AUDIENCES, AUDIENCE_LABELS, 'both'),
			isGap: String(GAP_WORDS[gap.trim().toLowerCase()] ?? gap)
		});
		const errors = errorsOf(result);
		// The schema's "choose" messages name a form's select; a paste names the actor it could not find.
		if (!idOf.has(from.trim().toLowerCase())) errors.fromActorId = from.trim() ? `No actor called "${from.trim()}" on this map.` : 'Name who hands over.';
		if (!idOf.has(to.trim().toLowerCase())) errors.toActorId = to.trim() ? `No actor called "${to.trim()}" on this map.` : 'Name who receives.';
		if (errors.isGap) errors.isGap = 'Gap is "Gap", "Yes" or empty.';
		if (extra.some((c) => c.trim())) errors.row = tooWide(HANDOFF_PASTE_COLUMNS);
		if (result.success && !Object.keys(errors).length) {
			const key = keyOf(result.data);
			if (taken.has(key)) errors.label = `${from.trim()} and ${to.trim()} already have a handoff called "${label.trim()}".`;
			else if (seen.has(key)) errors.label = `"${label.trim()}" from ${from.trim()} to ${to.trim()} is twice in the paste.`;
			seen.add(key);
		}
		return { line: i + 1, cells: [from, to, label, stage, rating, passes, audience, gap], input: result.success && !Object.keys(errors).length ? result.data : null, errors };
	});
	return { rows, error: null };
}
