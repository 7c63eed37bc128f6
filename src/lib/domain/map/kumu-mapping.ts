// The mapping step of a Kumu import: Kumu's free element and connection types become Homeward's sectors, kinds and
// what a handoff passes, with a default stage and rating for connections that carry none. Homeward's own columns
// (Sector, Kind, Passes, Stage, Rating) always win, so a Homeward export round-trips with nothing to map.
import {
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
	type Kind,
	type Passes,
	type Rating,
	type Sector,
	type Stage
} from './enums';

export interface ElementTypeMapping {
	/** `null`: the elements of this type (and their connections) are skipped. */
	sector: Sector | null;
	kind: Kind;
}

export interface ImportMapping {
	/** By element type, lower-cased and trimmed ('' for elements with no type). */
	elements: Record<string, ElementTypeMapping>;
	/** By connection type, lower-cased and trimmed ('' for connections with no type). */
	connections: Record<string, Passes>;
	stage: Stage;
	rating: Rating;
	/** Kumu's undirected and mutual connections: one handoff From -> To each, or none. */
	undirected: 'import' | 'skip';
}

export interface TypeCount {
	/** As first written in the file. */
	type: string;
	key: string;
	count: number;
}

/** What a file leaves to the mapping step: only what its own columns do not settle. */
export interface MappingNeeds {
	elementTypes: TypeCount[];
	connectionTypes: TypeCount[];
	withoutStage: number;
	withoutRating: number;
	undirected: number;
}

type Row = Record<string, string>;

export const typeKey = (type: string) => type.trim().toLowerCase();

/** A cell by column name, whatever its case. */
export function column(row: Row, name: string): string {
	const found = name in row ? name : Object.keys(row).find((k) => k.trim().toLowerCase() === name.toLowerCase());
	return found ? (row[found] ?? '').trim() : '';
}

/** A connection's Type names its rating when it is one of Homeward's (as Homeward's export writes it). */
export const ratingFromType = (type: string): Rating | null =>
	codeFrom(RATINGS, RATING_LABELS, type) ?? codeFrom(RATINGS, RATING_LABELS, type.split(' ')[0]);

export const isUndirected = (direction: string) => ['undirected', 'mutual'].includes(direction.trim().toLowerCase());

function counted(types: string[]): TypeCount[] {
	const byKey = new Map<string, TypeCount>();
	for (const type of types) {
		const key = typeKey(type);
		const entry = byKey.get(key) ?? { type: type.trim(), key, count: 0 };
		entry.count++;
		byKey.set(key, entry);
	}
	return [...byKey.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function mappingNeeds(rows: { elements: Row[]; connections: Row[] }): MappingNeeds {
	const elementTypes = rows.elements.filter((r) => !column(r, 'Sector')).map((r) => column(r, 'Type'));
	const connectionTypes = rows.connections
		.filter((r) => !column(r, 'Passes') && !ratingFromType(column(r, 'Type')))
		.map((r) => column(r, 'Type'));
	const stageTagged = (r: Row) => column(r, 'Tags').split('|').some((t) => codeFrom(STAGES, STAGE_LABELS, t));
	return {
		elementTypes: counted(elementTypes),
		connectionTypes: counted(connectionTypes),
		withoutStage: rows.connections.filter((r) => !column(r, 'Stage') && !stageTagged(r)).length,
		withoutRating: rows.connections.filter((r) => !column(r, 'Rating') && !ratingFromType(column(r, 'Type'))).length,
		undirected: rows.connections.filter((r) => isUndirected(column(r, 'Direction'))).length
	};
}

// Words that commonly name a sector or a kind in other tools' type lists; the person can change every guess.
const SECTOR_WORDS: [RegExp, Sector][] = [
	[/police|constab/, 'police'],
	[/child|young|youth|social work|children/, 'childrens_services'],
	[/adult social|adult serv/, 'adult_services'],
	[/mental|camhs|psych/, 'mental_health'],
	[/health|nhs|hospital|\bgp\b|ambulance|clinic|nurs/, 'health'],
	[/school|educat|college|universit/, 'education'],
	[/housing|hostel|landlord|accommodation/, 'housing'],
	[/care home|foster|residential|provider/, 'care_provider'],
	[/mash|board|partnership|multi/, 'multi_agency'],
	[/charit|voluntary|community group|third sector|ngo|non-profit|nonprofit/, 'voluntary'],
	[/family|parent|carer|friend|community/, 'family_community']
];

export function guessSector(type: string): Sector {
	const text = typeKey(type);
	return codeFrom(SECTORS, SECTOR_LABELS, text) ?? SECTOR_WORDS.find(([words]) => words.test(text))?.[1] ?? 'other';
}

export function guessKind(type: string): Kind {
	const text = typeKey(type);
	if (/team|unit|service/.test(text)) return 'team';
	if (/person|people|role|individual|officer|worker|lead/.test(text)) return 'role';
	return codeFrom(KINDS, KIND_LABELS, text) ?? 'organisation';
}

export function guessPasses(type: string): Passes {
	const text = typeKey(type);
	if (codeFrom(PASSES, PASSES_LABELS, text)) return codeFrom(PASSES, PASSES_LABELS, text)!;
	if (/refer/.test(text)) return 'referral';
	if (/\bforms?\b|report|record/.test(text)) return 'form';
	if (/transport|escort|handover of the person|return/.test(text)) return 'person';
	return 'information';
}

export function guessMapping(needs: MappingNeeds): ImportMapping {
	return {
		elements: Object.fromEntries(needs.elementTypes.map((t) => [t.key, { sector: guessSector(t.type), kind: guessKind(t.type) }])),
		connections: Object.fromEntries(needs.connectionTypes.map((t) => [t.key, guessPasses(t.type)])),
		stage: 'during',
		rating: 'working',
		undirected: 'import'
	};
}

/**
 * The mapping a form or address asks for: `e<i>` (sector or "skip") and `k<i>` (kind) for the i-th element type,
 * `c<i>` for the i-th connection type, `stage`, `rating` and `undirected`. Anything missing or unknown keeps the guess.
 */
export function mappingFromParams(params: URLSearchParams, needs: MappingNeeds): ImportMapping {
	const mapping = guessMapping(needs);
	needs.elementTypes.forEach((t, i) => {
		const sector = params.get(`e${i}`);
		if (sector === 'skip') mapping.elements[t.key].sector = null;
		else if (SECTORS.includes(sector as Sector)) mapping.elements[t.key].sector = sector as Sector;
		const kind = params.get(`k${i}`);
		if (KINDS.includes(kind as Kind)) mapping.elements[t.key].kind = kind as Kind;
	});
	needs.connectionTypes.forEach((t, i) => {
		const passes = params.get(`c${i}`);
		if (PASSES.includes(passes as Passes)) mapping.connections[t.key] = passes as Passes;
	});
	const stage = params.get('stage');
	if (STAGES.includes(stage as Stage)) mapping.stage = stage as Stage;
	const rating = params.get('rating');
	if (RATINGS.includes(rating as Rating)) mapping.rating = rating as Rating;
	if (params.get('undirected') === 'skip') mapping.undirected = 'skip';
	return mapping;
}
