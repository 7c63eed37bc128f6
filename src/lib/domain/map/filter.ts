// Filters on the map (stage, sector, rating, children or adults), read from a page's query string.
import { RATINGS, SECTORS, STAGES, serves, type Rating, type Sector, type Stage } from './enums';
import type { ActorData, HandoffData, MapData } from './types';

export const GROUPS = ['children', 'adults'] as const;
export type Group = (typeof GROUPS)[number];

export interface MapFilter {
	stage: Stage | null;
	sector: Sector | null;
	rating: Rating | null;
	group: Group | null;
}

const pick = <T extends string>(values: readonly T[], raw: string | null): T | null =>
	raw && (values as readonly string[]).includes(raw) ? (raw as T) : null;

/** Unknown values are ignored rather than refused: a filter link should never break the page. */
export function filterFromQuery(params: URLSearchParams): MapFilter {
	return {
		stage: pick(STAGES, params.get('stage')),
		sector: pick(SECTORS, params.get('sector')),
		rating: pick(RATINGS, params.get('rating')),
		group: pick(GROUPS, params.get('group'))
	};
}

export function isFiltered(filter: MapFilter): boolean {
	return Object.values(filter).some((v) => v !== null);
}

/** The query string for a filter, without empty values. */
export function filterQuery(filter: MapFilter): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
	const text = params.toString();
	return text ? `?${text}` : '';
}

/**
 * The part of the map a filter shows: handoffs that match every handoff filter (a sector matches either end), and
 * the actors at their ends; with only a sector or group filter, the actors that match it are kept even when they
 * have no handoff shown.
 */
export function applyFilter(map: MapData, filter: MapFilter): MapData {
	if (!isFiltered(filter)) return map;
	const sectorOf = new Map(map.actors.map((a) => [a.id, a.sector]));
	const handoffs = map.handoffs.filter(
		(h: HandoffData) =>
			(!filter.stage || h.stage === filter.stage) &&
			(!filter.rating || h.rating === filter.rating) &&
			(!filter.group || serves(h.audience, filter.group)) &&
			(!filter.sector || sectorOf.get(h.fromActorId) === filter.sector || sectorOf.get(h.toActorId) === filter.sector)
	);
	const ends = new Set(handoffs.flatMap((h) => [h.fromActorId, h.toActorId]));
	const actorOnly = !filter.stage && !filter.rating;
	const actors = map.actors.filter(
		(a: ActorData) =>
			ends.has(a.id) ||
			(actorOnly && (!filter.sector || a.sector === filter.sector) && (!filter.group || serves(a.audience, filter.group)))
	);
	return { actors, handoffs };
}
