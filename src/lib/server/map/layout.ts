// Layouts and analysis of an area's map, cached by the data they depend on: an unchanged map costs a hash, not a
// simulation or a betweenness computation.
// The cache is an optimisation only (each instance fills its own); nothing is lost when it is empty.
import { createHash } from 'node:crypto';
import { labelNetwork, networkDrawingOf, positionNetwork, type DrawnNetwork, type NetworkLayout } from '$lib/diagrams/force';
import { layoutJourney, type JourneyLayout } from '$lib/diagrams/journey';
import { diagramActor, packHandoffs, type MapData } from '$lib/domain/map/types';
import { actorColours, actorSizes } from '$lib/domain/map/view';
import type { MapView } from '$lib/validators/map-view';
import type { MapRead } from './cache';
import {
	actorMeasures,
	adultGapStages,
	bottlenecks,
	gaps,
	pathways,
	policeOnlyStages,
	stageSectorCounts
} from '$lib/domain/map/analysis';

const LIMIT = 64;
const cache = new Map<string, unknown>();

/** The value cached under `key`, made on a miss; the least recently used entry goes when the cache is full. */
export function remember<T>(key: string, make: () => T): T {
	const hit = cache.get(key);
	if (hit) {
		// Refresh its place so the least recently used entry goes first.
		cache.delete(key);
		cache.set(key, hit);
		return hit as T;
	}
	const value = make();
	cache.set(key, value);
	if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
	return value;
}

export const digest = (parts: unknown) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

// A map's digest, once per map object: a page asks for several things cached by the same map.
const mapDigests = new WeakMap<MapData, string>();
function digestOfMap(map: MapData) {
	let found = mapDigests.get(map);
	if (!found) mapDigests.set(map, (found = digest(map)));
	return found;
}

export type Pins = { actorId: string; x: number; y: number }[];

/**
 * The network layout: the positions depend on the actors' ids and sectors, the handoffs' ends and the pinned positions;
 * the labels on the names as well. A rename (the commonest edit in a workshop) places the labels again, nothing more.
 */
export function networkLayoutOf(map: MapData, pins: Pins): NetworkLayout {
	// The same map and pins objects (a map reused until it changes, see cache.ts) are hashed once, not per request.
	let keys = networkKeys.get(map);
	if (keys?.pins !== pins) {
		const nodes = map.actors.map((a) => [a.id, a.sector]);
		const links = map.handoffs.map((h) => [h.fromActorId, h.toActorId]);
		const positions = `positions:${digest([nodes, links, sortedPins(pins)])}`;
		keys = { pins, positions, network: `network:${digest([positions, map.actors.map((a) => a.name)])}` };
		networkKeys.set(map, keys);
	}
	const { positions } = keys;
	return remember(keys.network, () => {
		const placed = remember(positions, () =>
			positionNetwork({
				nodes: map.actors.map((a) => ({ id: a.id, sector: a.sector })),
				links: map.handoffs.map((h) => ({ id: h.id, source: h.fromActorId, target: h.toActorId })),
				pinned: new Map(sortedPins(pins).map((p) => [p.actorId, { x: p.x, y: p.y }]))
			})
		);
		return labelNetwork(placed, new Map(map.actors.map((a) => [a.id, a.name])));
	});
}

const networkKeys = new WeakMap<MapData, { pins: Pins; positions: string; network: string }>();
const sortedPins = (pins: Pins) => [...pins].sort((a, b) => (a.actorId < b.actorId ? -1 : 1));

export function journeyLayoutOf(map: MapData): JourneyLayout {
	return remember(`journey:${digestOfMap(map)}`, () => layoutJourney(map));
}

export function cacheSize() {
	return cache.size;
}

/**
 * The analysis as the map page shows it: bottlenecks and gaps with the names they need, so the page need not send
 * the whole map to the browser to look them up.
 */
export function analysisViewOf(map: MapData) {
	return remember(`analysis-view:${digestOfMap(map)}`, () => {
		const { measures: _measures, ...analysis } = analysisOf(map);
		const nameOf = new Map(map.actors.map((a) => [a.id, a.name]));
		const handoffOf = new Map(map.handoffs.map((h) => [h.id, h]));
		return {
			...analysis,
			bottlenecks: analysis.bottlenecks.map((b) => ({ ...b, name: nameOf.get(b.actorId) ?? '' })),
			gaps: analysis.gaps.map((id) => {
				const h = handoffOf.get(id)!;
				return { id, label: h.label, from: nameOf.get(h.fromActorId) ?? '', to: nameOf.get(h.toActorId) ?? '', stage: h.stage, rating: h.rating, isGap: h.isGap };
			})
		};
	});
}
export type AnalysisView = ReturnType<typeof analysisViewOf>;

/**
 * How a view sizes and colours the actors. Read from the whole map, so that a focus or a search changes no actor's
 * size or colour; once per map version and choice, since betweenness on a 300-actor map takes about 16 ms and every
 * screen following the map asks for it again after each change.
 */
export function actorDecorOf(map: MapData, view: Pick<MapView, 'size' | 'colour'>) {
	return remember(`decor:${digestOfMap(map)}:${view.size}:${view.colour}`, () => ({
		sizes: view.size ? actorSizes(map, view.size) : null,
		colours: view.colour && view.colour !== 'sector' ? actorColours(map, view.colour) : null
	}));
}

/** The analysis panel's figures: bottlenecks (betweenness), stage by sector, pathways and gaps. */
export function analysisOf(map: MapData) {
	return remember(`analysis:${digestOfMap(map)}`, () => {
		const measures = actorMeasures(map);
		return {
			measures,
			bottlenecks: bottlenecks(map, measures).map((b) => ({ actorId: b.actorId, betweenness: b.betweenness, degree: b.degree })),
			stageSector: stageSectorCounts(map),
			pathways: pathways(map),
			adultGaps: adultGapStages(map),
			policeOnly: policeOnlyStages(map),
			gaps: gaps(map).map((h) => h.id)
		};
	});
}

/**
 * What the network view draws of a map read (see DrawnNetwork), as the JSON text network.json sends, made once per
 * read, with its entity tag, so that a screen re-loading an unchanged map is answered "not modified".
 */
export function drawnNetworkOf({ rows, map, pins }: MapRead): DrawnText {
	let found = drawnTexts.get(map);
	if (!found) {
		const actors = map.actors.map(diagramActor);
		const drawn: DrawnNetwork = {
			drawing: networkDrawingOf(networkLayoutOf(map, pins)),
			actors,
			handoffs: packHandoffs(actors, map.handoffs),
			actorVersions: Object.fromEntries(rows.actors.map((a) => [a.id, a.version]))
		};
		const json = JSON.stringify(drawn);
		found = { drawn, json, etag: `"${createHash('sha256').update(json).digest('base64url')}"`, pages: new Map() };
		drawnTexts.set(map, found);
	}
	return found;
}

export interface DrawnText {
	drawn: DrawnNetwork;
	json: string;
	etag: string;
	/** The drawing as the server renders it into a page, by view (see drawing.ts). */
	pages: Map<string, Uint8Array>;
}

// Per map read (cached until the map changes, see cache.ts): the text goes when the read does.
const drawnTexts = new WeakMap<MapData, DrawnText>();
