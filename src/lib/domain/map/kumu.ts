// Kumu-compatible rows (Elements and Connections, as in Kumu's spreadsheet import) and Kumu's JSON blueprint,
// with Homeward's own columns so that a round trip keeps every field. Reading validates every row and reports each
// bad one; the caller stores nothing unless there are none.
import {
	AUDIENCES,
	AUDIENCE_LABELS,
	KINDS,
	KIND_LABELS,
	PASSES,
	PASSES_LABELS,
	RATINGS,
	RATING_LABELS,
	SECTORS,
	SECTOR_LABELS,
	STAGES,
	STAGE_LABELS,
	codeFrom,
	type Audience,
	type Kind,
	type Passes,
	type Rating,
	type Sector,
	type Stage
} from './enums';
import { normaliseNewlines, textProblem } from '../text';
import { LIMITS } from './limits';
import { column, guessMapping, guessPasses, guessSector, isUndirected, mappingNeeds, ratingFromType, typeKey } from './kumu-mapping';
import type { MapData } from './types';

export const ELEMENT_COLUMNS = ['Label', 'Type', 'Tags', 'Description', 'Sector', 'Kind', 'Serves'] as const;
export const CONNECTION_COLUMNS = [
	'From',
	'To',
	'Label',
	'Type',
	'Tags',
	'Description',
	'Direction',
	'Stage',
	'Passes',
	'Trigger',
	'Standard',
	'Applies to',
	'Rating',
	'Evidence',
	'Gap'
] as const;

/** One spreadsheet row by column name; `__row` is its row number in the file when rows were skipped. */
export type Row = Record<string, string> & { __row?: string };

export interface KumuRows {
	elements: Row[];
	connections: Row[];
}

export function toKumuRows(map: MapData): KumuRows {
	const nameOf = new Map(map.actors.map((a) => [a.id, a.name]));
	const elements = [...map.actors]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((a) => ({
			Label: a.name,
			Type: SECTOR_LABELS[a.sector],
			Tags: [KIND_LABELS[a.kind], AUDIENCE_LABELS[a.audience]].join('|'),
			Description: a.description,
			Sector: a.sector,
			Kind: a.kind,
			Serves: a.audience
		}));
	const connections = map.handoffs.map((h) => ({
		From: nameOf.get(h.fromActorId) ?? '',
		To: nameOf.get(h.toActorId) ?? '',
		Label: h.label,
		Type: RATING_LABELS[h.rating],
		Tags: [STAGE_LABELS[h.stage], PASSES_LABELS[h.passes], ...(h.isGap ? ['Gap'] : [])].join('|'),
		Description: h.notes,
		Direction: 'directed',
		Stage: h.stage,
		Passes: h.passes,
		Trigger: h.trigger,
		Standard: h.standard,
		'Applies to': h.audience,
		Rating: h.rating,
		Evidence: h.evidence,
		Gap: h.isGap ? 'yes' : 'no'
	}));
	return { elements, connections };
}

export interface KumuBlueprint {
	elements: {
		label: string;
		type: string;
		tags: string[];
		description: string;
		attributes: Record<string, string>;
	}[];
	connections: {
		from: string;
		to: string;
		label: string;
		type: string;
		direction: string;
		tags: string[];
		description: string;
		attributes: Record<string, string>;
	}[];
}

const tagsOf = (text: string) => (text ? text.split('|').map((t) => t.trim()).filter(Boolean) : []);

export function toBlueprint(map: MapData): KumuBlueprint {
	const rows = toKumuRows(map);
	return {
		elements: rows.elements.map((r) => ({
			label: r.Label,
			type: r.Type,
			tags: tagsOf(r.Tags),
			description: r.Description,
			attributes: { sector: r.Sector, kind: r.Kind, serves: r.Serves }
		})),
		connections: rows.connections.map((r) => ({
			from: r.From,
			to: r.To,
			label: r.Label,
			type: r.Type,
			direction: r.Direction,
			tags: tagsOf(r.Tags),
			description: r.Description,
			attributes: {
				stage: r.Stage,
				passes: r.Passes,
				trigger: r.Trigger,
				standard: r.Standard,
				'applies to': r['Applies to'],
				rating: r.Rating,
				evidence: r.Evidence,
				gap: r.Gap
			}
		}))
	};
}

/** A blueprint's entries as spreadsheet rows; anything that is not a blueprint is refused with a reason. */
export function rowsFromBlueprint(input: unknown): KumuRows | { error: string } {
	if (!input || typeof input !== 'object') return { error: 'The file is not a Kumu JSON blueprint.' };
	const { elements, connections } = input as Record<string, unknown>;
	if (!Array.isArray(elements)) return { error: 'The blueprint has no "elements" list.' };
	if (connections !== undefined && !Array.isArray(connections)) return { error: 'The blueprint\'s "connections" is not a list.' };
	const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	const tags = (v: unknown) => (Array.isArray(v) ? v.map(text).join('|') : text(v));
	const attrs = (o: Record<string, unknown>) => (o.attributes && typeof o.attributes === 'object' ? (o.attributes as Record<string, unknown>) : {});
	// A Kumu project backup names a connection's ends by the elements' ids; a hand-written blueprint by their labels.
	const labelById = new Map(
		elements
			.filter((e: Record<string, unknown>) => e && typeof e._id === 'string')
			.map((e: Record<string, unknown>) => [e._id as string, text(e.label ?? attrs(e).label)])
	);
	const end = (v: unknown) => labelById.get(text(v)) ?? text(v);
	return {
		elements: elements.map((e: Record<string, unknown>) => {
			const a = attrs(e ?? {});
			return {
				Label: text(e?.label ?? a.label),
				Type: text(e?.type ?? a['element type']),
				Tags: tags(e?.tags ?? a.tags),
				Description: text(e?.description ?? a.description),
				Sector: text(a.sector),
				Kind: text(a.kind),
				Serves: text(a.serves)
			};
		}),
		connections: ((connections as Record<string, unknown>[] | undefined) ?? []).map((c) => {
			const a = attrs(c ?? {});
			return {
				From: end(c?.from),
				To: end(c?.to),
				Label: text(c?.label ?? a.label),
				Type: text(c?.type ?? a['connection type']),
				Tags: tags(c?.tags ?? a.tags),
				Description: text(c?.description ?? a.description),
				Direction: text(c?.direction),
				Stage: text(a.stage),
				Passes: text(a.passes),
				Trigger: text(a.trigger),
				Standard: text(a.standard),
				'Applies to': text(a['applies to']),
				Rating: text(a.rating),
				Evidence: text(a.evidence),
				Gap: text(a.gap)
			};
		})
	};
}

export interface ImportedActor {
	name: string;
	sector: Sector;
	kind: Kind;
	description: string;
	audience: Audience;
}

export interface ImportedHandoff {
	from: string;
	to: string;
	label: string;
	stage: Stage;
	passes: Passes;
	trigger: string;
	standard: string;
	audience: Audience;
	rating: Rating;
	evidence: string;
	notes: string;
	isGap: boolean;
}

export type ReadResult =
	/** `skipped`: rows the mapping leaves out, each with its row number and why. */
	| { ok: true; actors: ImportedActor[]; handoffs: ImportedHandoff[]; skipped: string[] }
	| { ok: false; errors: string[] };

/** Case-insensitive lookup of a column, so "label" and "Label" both work; text normalised as the forms do. */
const cell = (row: Row, name: string): string => normaliseNewlines(column(row, name), CELL_RULE).normalize('NFC');

// A spreadsheet cell may hold several lines, so tab and newline pass; anything else the forms refuse is refused here.
const CELL_RULE = { multiline: true };

/** The forms' text rule ($lib/domain/text) applied to every cell of a row, so a NUL cannot reach the database. */
function hostileCells(row: Row): string[] {
	return Object.entries(row)
		.filter(([column, value]) => column !== '__row' && typeof value === 'string' && textProblem(value, CELL_RULE))
		.map(([column]) => `the ${column} has control characters or a broken character in it`);
}

const key = (name: string) => name.trim().toLowerCase();
export const handoffKey = (from: string, to: string, label: string) => `${key(from)}\u0000${key(to)}\u0000${key(label)}`;

/**
 * Reads and checks every row. `existingNames` are the actors already on the map, which connections may name too.
 * `mapping` settles what the file's own columns do not (its guesses by default). Row numbers count the header as
 * row 1, as a spreadsheet shows them.
 */
export function readKumuRows(rows: KumuRows, existingNames: string[] = [], mapping = guessMapping(mappingNeeds(rows))): ReadResult {
	const errors: string[] = [];
	const skipped: string[] = [];
	const actors: ImportedActor[] = [];
	const handoffs: ImportedHandoff[] = [];
	const seen = new Set<string>();
	const left = new Set<string>();

	rows.elements.forEach((row, i) => {
		const where = `Elements row ${row.__row ?? i + 2}`;
		const problems: string[] = hostileCells(row);
		const name = cell(row, 'Label');
		if (!name) problems.push('the Label is empty');
		else if (name.length > LIMITS.name) problems.push(`the Label is longer than ${LIMITS.name} characters`);
		else if (seen.has(key(name))) problems.push(`"${name}" appears more than once`);
		const sectorText = cell(row, 'Sector');
		const type = cell(row, 'Type');
		const mapped = sectorText ? null : mapping.elements[typeKey(type)];
		if (mapped && !mapped.sector && name && !problems.length) {
			left.add(key(name));
			skipped.push(`${where}: "${name}" skipped, as its type "${type || 'none'}" is set to skip.`);
			return;
		}
		const sector = sectorText ? codeFrom(SECTORS, SECTOR_LABELS, sectorText) : (mapped?.sector ?? guessSector(type));
		if (!sector) problems.push(`the sector "${sectorText}" is not one Homeward knows (${SECTORS.join(', ')})`);
		const kindText = cell(row, 'Kind');
		const kind = kindText ? codeFrom(KINDS, KIND_LABELS, kindText) : (mapped?.kind ?? 'organisation');
		if (!kind) problems.push(`the kind "${kindText}" is not organisation, team or role`);
		const servesText = cell(row, 'Serves');
		const audience = servesText ? codeFrom(AUDIENCES, AUDIENCE_LABELS, servesText) : 'both';
		if (!audience) problems.push(`"Serves" must be children, adults or both, not "${servesText}"`);
		const description = cell(row, 'Description');
		if (description.length > LIMITS.description) problems.push(`the Description is longer than ${LIMITS.description} characters`);
		if (problems.length) errors.push(`${where}: ${problems.join('; ')}.`);
		else {
			seen.add(key(name));
			actors.push({ name, sector: sector!, kind: kind!, audience: audience!, description });
		}
	});

	const known = new Set([...existingNames.map(key), ...rows.elements.map((r) => key(cell(r, 'Label'))).filter(Boolean)]);
	const seenHandoffs = new Set<string>();
	const tooLong = (value: string, column: string, max: number, problems: string[]) => {
		if (value.length > max) problems.push(`the ${column} is longer than ${max} characters`);
	};
	rows.connections.forEach((row, i) => {
		const where = `Connections row ${row.__row ?? i + 2}`;
		const problems: string[] = hostileCells(row);
		const from = cell(row, 'From');
		const to = cell(row, 'To');
		const direction = cell(row, 'Direction').toLowerCase();
		const leftOut = [from, to].find((name) => left.has(key(name)));
		if (leftOut || (isUndirected(direction) && mapping.undirected === 'skip')) {
			skipped.push(`${where}: ${from || '?'} to ${to || '?'} skipped, as ${leftOut ? `"${leftOut}" is skipped` : `it is ${direction} and those are set to skip`}.`);
			return;
		}
		if (!from) problems.push('From is empty');
		else if (!known.has(key(from))) problems.push(`From names "${from}", which is not an element`);
		if (!to) problems.push('To is empty');
		else if (!known.has(key(to))) problems.push(`To names "${to}", which is not an element`);
		if (from && to && key(from) === key(to)) problems.push('From and To are the same element');
		if (direction && direction !== 'directed' && !isUndirected(direction)) {
			problems.push(`Direction must be directed, undirected or mutual, not "${direction}"`);
		}
		const tags = tagsOf(cell(row, 'Tags'));
		const type = cell(row, 'Type');
		const stageText = cell(row, 'Stage') || tags.find((t) => codeFrom(STAGES, STAGE_LABELS, t)) || '';
		const stage = stageText ? codeFrom(STAGES, STAGE_LABELS, stageText) : mapping.stage;
		if (!stage) problems.push(`the stage "${stageText}" is not one of ${STAGES.join(', ')}`);
		const passesText = cell(row, 'Passes') || tags.find((t) => codeFrom(PASSES, PASSES_LABELS, t)) || '';
		const passes = passesText ? codeFrom(PASSES, PASSES_LABELS, passesText) : (mapping.connections[typeKey(type)] ?? guessPasses(type));
		if (!passes) problems.push(`"Passes" must be ${PASSES.join(', ')}, not "${passesText}"`);
		const ratingText = cell(row, 'Rating');
		const rating = ratingText ? ratingFromType(ratingText) : (ratingFromType(type) ?? mapping.rating);
		if (!rating) problems.push(`the rating "${ratingText}" is not one of ${RATINGS.join(', ')}`);
		const audienceText = cell(row, 'Applies to');
		const audience = audienceText ? codeFrom(AUDIENCES, AUDIENCE_LABELS, audienceText) : 'both';
		if (!audience) problems.push(`"Applies to" must be children, adults or both, not "${audienceText}"`);
		const gapText = cell(row, 'Gap').toLowerCase();
		const isGap = gapText ? ['yes', 'true', '1', 'y'].includes(gapText) : tags.some((t) => t.toLowerCase() === 'gap');
		if (gapText && !['yes', 'no', 'true', 'false', '1', '0', 'y', 'n'].includes(gapText)) problems.push(`Gap must be yes or no, not "${gapText}"`);
		const label = cell(row, 'Label') || (passes ? PASSES_LABELS[passes] : '');
		tooLong(label, 'Label', LIMITS.label, problems);
		const trigger = cell(row, 'Trigger');
		const standard = cell(row, 'Standard');
		const evidence = cell(row, 'Evidence');
		const notes = cell(row, 'Description');
		tooLong(trigger, 'Trigger', LIMITS.trigger, problems);
		tooLong(standard, 'Standard', LIMITS.standard, problems);
		tooLong(evidence, 'Evidence', LIMITS.evidence, problems);
		tooLong(notes, 'Description', LIMITS.notes, problems);
		const id = handoffKey(from, to, label);
		if (!problems.length && seenHandoffs.has(id)) problems.push(`the handoff "${label}" from ${from} to ${to} appears more than once`);
		if (problems.length) errors.push(`${where}: ${problems.join('; ')}.`);
		else {
			seenHandoffs.add(id);
			handoffs.push({ from, to, label, stage: stage!, passes: passes!, trigger, standard, audience: audience!, rating: rating!, evidence, notes, isGap });
		}
	});

	return errors.length ? { ok: false, errors } : { ok: true, actors, handoffs, skipped };
}
