// What a map view shows and how it dresses it: search by name, an actor's neighbourhood, a mental model's highlight,
// actors sized by betweenness or handoffs and coloured by sector, worst rating or stage. Pure: data in, sets and
// numbers out; the network, the table and the present mode read the same answers.
import { RATING_SHORT, SECTORS, SECTOR_LABELS, STAGES, STAGE_LABELS, type Rating, type Sector, type Stage } from './enums';
import { actorMeasures } from './analysis';
import { unpackHandoffs, type DiagramData, type HandoffData, type MapData } from './types';
import type { DrawnNetwork } from '$lib/diagrams/force';
import { parseMapView, type ColourBy, type Follow, type MapView, type SizeBy } from '$lib/validators/map-view';
import { applyFilter, filterFromQuery } from './filter';

/** Actors whose name contains the search (any case), and the handoffs between them. */
export function searchMap(map: MapData, q: string): MapData {
	const needle = q.toLocaleLowerCase('en-GB');
	const actors = map.actors.filter((a) => a.name.toLocaleLowerCase('en-GB').includes(needle));
	const ids = new Set(actors.map((a) => a.id));
	return { actors, handoffs: map.handoffs.filter((h) => ids.has(h.fromActorId) && ids.has(h.toActorId)) };
}

/**
 * An actor and every actor within `hops` handoffs of it (either direction), with the handoffs among them: what the
 * actor's neighbourhood looks like, including how its neighbours deal with each other.
 */
export function neighbourhood(map: MapData, actorId: string, hops: 1 | 2): MapData {
	if (!map.actors.some((a) => a.id === actorId)) return { actors: [], handoffs: [] };
	const reached = new Set([actorId]);
	let frontier = [actorId];
	for (let step = 0; step < hops; step++) {
		const next: string[] = [];
		for (const h of map.handoffs) {
			for (const [from, to] of [
				[h.fromActorId, h.toActorId],
				[h.toActorId, h.fromActorId]
			])
				if (frontier.includes(from) && !reached.has(to)) {
					reached.add(to);
					next.push(to);
				}
		}
		frontier = next;
	}
	return {
		actors: map.actors.filter((a) => reached.has(a.id)),
		handoffs: map.handoffs.filter((h) => reached.has(h.fromActorId) && reached.has(h.toActorId))
	};
}

/**
 * The journey from an actor, stage by stage: downstream, every handoff it makes and then every handoff those actors
 * make at the same stage or later; upstream, every handoff into it and those before them at the same stage or earlier.
 * A journey never goes back in time: a "repeat" handoff does not lead on to a "before" one.
 */
export function journeyFrom(map: MapData, actorId: string, direction: Follow): MapData {
	if (!map.actors.some((a) => a.id === actorId)) return { actors: [], handoffs: [] };
	const order = (h: HandoffData) => STAGES.indexOf(h.stage);
	const down = direction === 'down';
	// For each actor reached, the earliest (downstream) or latest (upstream) stage the journey reached it at.
	const reachedAt = new Map([[actorId, down ? 0 : STAGES.length - 1]]);
	const used = new Set<string>();
	for (let changed = true; changed; ) {
		changed = false;
		for (const h of map.handoffs) {
			const [near, far] = down ? [h.fromActorId, h.toActorId] : [h.toActorId, h.fromActorId];
			const at = reachedAt.get(near);
			if (at === undefined || (down ? order(h) < at : order(h) > at)) continue;
			used.add(h.id);
			const before = reachedAt.get(far);
			if (before === undefined || (down ? order(h) < before : order(h) > before)) {
				reachedAt.set(far, order(h));
				changed = true;
			}
		}
	}
	return { actors: map.actors.filter((a) => reachedAt.has(a.id)), handoffs: map.handoffs.filter((h) => used.has(h.id)) };
}

/** The part of a (filtered) map a view shows: the focus first, then the search within it. */
export function applyView(map: MapData, view: Pick<MapView, 'q' | 'focus' | 'hops' | 'follow'>): MapData {
	let shown = map;
	if (view.focus) shown = view.follow ? journeyFrom(shown, view.focus, view.follow) : neighbourhood(shown, view.focus, view.hops);
	if (view.q) shown = searchMap(shown, view.q);
	return shown;
}

/**
 * Everything a map page reads from its address: the filter, the view, the parameters ignored (a focus on an actor not
 * on this map among them) and the part of the map shown. Every map view (network, journey, table) shows the same.
 */
export function readMapQuery(map: MapData, params: URLSearchParams) {
	const filter = filterFromQuery(params);
	const { view, ignored } = parseMapView(params);
	if (view.focus && !map.actors.some((a) => a.id === view.focus)) {
		ignored.push({ name: 'focus', value: view.focus });
		view.focus = null;
	}
	return { filter, view, ignored, shown: applyView(applyFilter(map, filter), view) };
}

/** The model's actors and handoffs, plus the actors at the ends of its handoffs, which are to stay in full colour. */
export function modelHighlight(
	map: MapData,
	links: { byActor: Record<string, { id: string }[]>; byHandoff: Record<string, { id: string }[]> },
	modelId: string
): { actors: string[]; handoffs: string[] } {
	const has = (list: { id: string }[] | undefined) => !!list?.some((m) => m.id === modelId);
	const handoffs = map.handoffs.filter((h) => has(links.byHandoff[h.id]));
	const actors = new Set(map.actors.filter((a) => has(links.byActor[a.id])).map((a) => a.id));
	for (const h of handoffs) actors.add(h.fromActorId).add(h.toActorId);
	return { actors: map.actors.filter((a) => actors.has(a.id)).map((a) => a.id), handoffs: handoffs.map((h) => h.id) };
}

/** Smallest scale of a node: the largest is 1, the size the layout placed labels around, so labels stay clear. */
export const MIN_SCALE = 0.6;

/** Each actor's scale (MIN_SCALE to 1, by the square root so area follows the measure) and the measure in words. */
export function actorSizes(map: MapData, by: SizeBy): Record<string, { scale: number; text: string }> {
	const measures = actorMeasures(map);
	const value = (m: (typeof measures)[number]) => (by === 'degree' ? m.degree : m.betweenness);
	const max = Math.max(0, ...measures.map(value));
	return Object.fromEntries(
		measures.map((m) => {
			const v = value(m);
			const scale = max > 0 ? MIN_SCALE + (1 - MIN_SCALE) * Math.sqrt(v / max) : 1;
			const text = by === 'degree' ? `${v} ${v === 1 ? 'handoff' : 'handoffs'}` : `betweenness ${v.toFixed(2)}`;
			return [m.actorId, { scale: Math.round(scale * 100) / 100, text }];
		})
	);
}

/** Worst first: what the rating colouring shows of an actor. */
const SEVERITY: Rating[] = ['absent', 'broken', 'patchy', 'working'];

/** The worst rating among an actor's handoffs, given or received; null when it has none. */
export function worstRating(map: MapData, actorId: string): Rating | null {
	const own = map.handoffs.filter((h) => h.fromActorId === actorId || h.toActorId === actorId).map((h) => h.rating);
	return SEVERITY.find((r) => own.includes(r)) ?? null;
}

/** The stage where an actor has most handoffs (the earlier stage on a tie); null when it has none. */
export function mainStage(map: MapData, actorId: string): Stage | null {
	const counts = STAGES.map((s) => map.handoffs.filter((h) => h.stage === s && (h.fromActorId === actorId || h.toActorId === actorId)).length);
	const best = Math.max(...counts);
	return best > 0 ? STAGES[counts.indexOf(best)] : null;
}

/** An actor's colour as a legend key (`rating:broken`, `stage:during`, `sector:police`, `none`) and its words. */
export interface ActorColour {
	key: string;
	/** The words of the legend entry, also said in the actor's accessible name: never colour alone. */
	text: string;
}

const NONE: ActorColour = { key: 'none', text: 'no handoffs' };

export function actorColours(map: MapData, by: ColourBy): Record<string, ActorColour> {
	return Object.fromEntries(
		map.actors.map((a): [string, ActorColour] => {
			if (by === 'sector') return [a.id, { key: `sector:${a.sector}`, text: SECTOR_LABELS[a.sector] }];
			if (by === 'rating') {
				const r = worstRating(map, a.id);
				return [a.id, r ? { key: `rating:${r}`, text: `worst handoff ${RATING_SHORT[r].toLowerCase()}` } : NONE];
			}
			const s = mainStage(map, a.id);
			return [a.id, s ? { key: `stage:${s}`, text: `mostly ${STAGE_LABELS[s].toLowerCase()}` } : NONE];
		})
	);
}

/** The legend of a colouring, in order: each key and its words (sector colouring uses the sector legend). */
export function colourLegend(by: ColourBy): ActorColour[] {
	if (by === 'rating') return [...SEVERITY.map((r) => ({ key: `rating:${r}`, text: `Worst handoff ${RATING_SHORT[r].toLowerCase()}` })), { ...NONE, text: 'No handoffs' }];
	if (by === 'stage') return [...STAGES.map((s) => ({ key: `stage:${s}`, text: `Mostly ${STAGE_LABELS[s].toLowerCase()}` })), { ...NONE, text: 'No handoffs' }];
	return [];
}

/** The ids a filter, a search or a focus shows, or null when the view shows the whole map. */
export type ShownIds = { actorIds: string[]; handoffIds: string[] } | null;

export function shownIdsOf(map: MapData, shown: MapData): ShownIds {
	if (shown.actors.length === map.actors.length && shown.handoffs.length === map.handoffs.length) return null;
	return { actorIds: shown.actors.map((a) => a.id), handoffIds: shown.handoffs.map((h) => h.id) };
}

/** What the network view draws of the map's drawing: all of it, or what the view shows. */
export function shownOfDrawing(drawn: DrawnNetwork, shown: ShownIds): DiagramData {
	const all = { actors: drawn.actors, handoffs: unpackHandoffs(drawn.actors, drawn.handoffs) };
	if (!shown) return all;
	const actorIds = new Set(shown.actorIds);
	const handoffIds = new Set(shown.handoffIds);
	return { actors: all.actors.filter((a) => actorIds.has(a.id)), handoffs: all.handoffs.filter((h) => handoffIds.has(h.id)) };
}

/** The network's accessible name. */
export const networkTitle = (shown: DiagramData, areaName: string) =>
	`Network of ${shown.actors.length} actors and ${shown.handoffs.length} handoffs in ${areaName}. Each actor is a link: open it to see its handoffs. The table view lists the same.`;

/** The sectors of the actors shown, in the legend's order. */
export const sectorsOf = (actors: { sector: Sector }[]) => SECTORS.filter((s) => actors.some((a) => a.sector === s));
