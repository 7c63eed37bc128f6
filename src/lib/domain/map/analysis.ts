// What the map says: connections and betweenness per actor, handoffs per stage and sector, children's pathway against
// adults', and the gaps.
import { SECTORS, STAGES, serves, type Sector, type Stage } from './enums';
import type { ActorData, HandoffData, MapData } from './types';

export interface ActorMeasures {
	actorId: string;
	/** Handoffs into and out of the actor. */
	inDegree: number;
	outDegree: number;
	degree: number;
	/** Other actors it hands to or receives from. */
	neighbours: number;
	/** Brandes betweenness on the undirected actor graph, normalised to 0..1 (1 = on every shortest path). */
	betweenness: number;
}

/**
 * Betweenness centrality by Brandes' algorithm (2001) on the undirected simple graph of actors: an actor that lies on
 * many shortest paths between others is a bottleneck. Normalised by (n-1)(n-2)/2, the number of pairs it could sit
 * between.
 */
export function betweenness(nodeIds: string[], edges: [string, string][]): Map<string, number> {
	const index = new Map(nodeIds.map((id, i) => [id, i]));
	const n = nodeIds.length;
	const adjacency: Set<number>[] = nodeIds.map(() => new Set());
	for (const [a, b] of edges) {
		const i = index.get(a);
		const j = index.get(b);
		if (i === undefined || j === undefined || i === j) continue;
		adjacency[i].add(j);
		adjacency[j].add(i);
	}
	const neighbours = adjacency.map((s) => [...s]);
	const centrality = new Float64Array(n);
	const sigma = new Float64Array(n);
	const distance = new Int32Array(n);
	const delta = new Float64Array(n);
	const queue = new Int32Array(n);
	const stack: number[] = [];
	const predecessors: number[][] = nodeIds.map(() => []);
	for (let s = 0; s < n; s++) {
		stack.length = 0;
		for (let i = 0; i < n; i++) {
			predecessors[i].length = 0;
			sigma[i] = 0;
			distance[i] = -1;
			delta[i] = 0;
		}
		sigma[s] = 1;
		distance[s] = 0;
		let head = 0;
		let tail = 0;
		queue[tail++] = s;
		while (head < tail) {
			const v = queue[head++];
			stack.push(v);
			for (const w of neighbours[v]) {
				if (distance[w] < 0) {
					distance[w] = distance[v] + 1;
					queue[tail++] = w;
				}
				if (distance[w] === distance[v] + 1) {
					sigma[w] += sigma[v];
					predecessors[w].push(v);
				}
			}
		}
		while (stack.length) {
			const w = stack.pop()!;
			for (const v of predecessors[w]) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
			if (w !== s) centrality[w] += delta[w];
		}
	}
	// Each unordered pair was counted from both ends.
	const pairs = ((n - 1) * (n - 2)) / 2;
	return new Map(nodeIds.map((id, i) => [id, pairs > 0 ? centrality[i] / 2 / pairs : 0]));
}

export function actorMeasures(map: MapData): ActorMeasures[] {
	const ids = map.actors.map((a) => a.id);
	// A handoff rated absent does not happen, so no route runs through it: betweenness counts only the handoffs that
	// exist. Connections still count every handoff drawn, absent ones included (they are the map's gaps).
	const between = betweenness(
		ids,
		map.handoffs.filter((h) => h.rating !== 'absent').map((h) => [h.fromActorId, h.toActorId])
	);
	return map.actors.map((actor) => {
		const outgoing = map.handoffs.filter((h) => h.fromActorId === actor.id);
		const incoming = map.handoffs.filter((h) => h.toActorId === actor.id);
		const others = new Set([...outgoing.map((h) => h.toActorId), ...incoming.map((h) => h.fromActorId)]);
		others.delete(actor.id);
		return {
			actorId: actor.id,
			inDegree: incoming.length,
			outDegree: outgoing.length,
			degree: incoming.length + outgoing.length,
			neighbours: others.size,
			betweenness: between.get(actor.id) ?? 0
		};
	});
}

/**
 * Handoffs per stage per sector: a handoff counts once for each distinct sector it touches (its giver's and its
 * receiver's), so the table shows which sectors take part in each stage.
 */
export function stageSectorCounts(map: MapData): Record<Stage, Record<Sector, number>> {
	const sectorOf = new Map(map.actors.map((a) => [a.id, a.sector]));
	const counts = Object.fromEntries(
		STAGES.map((stage) => [stage, Object.fromEntries(SECTORS.map((s) => [s, 0]))])
	) as Record<Stage, Record<Sector, number>>;
	for (const h of map.handoffs) {
		const touched = new Set([sectorOf.get(h.fromActorId), sectorOf.get(h.toActorId)]);
		for (const sector of touched) if (sector) counts[h.stage][sector] += 1;
	}
	return counts;
}

export interface StagePathway {
	stage: Stage;
	/** Handoffs that exist for the group in this stage (rated anything but absent). */
	children: number;
	adults: number;
}

/** A handoff rated absent should exist but does not, so it is no pathway at all. */
const exists = (h: HandoffData) => h.rating !== 'absent';

/** Children's pathway against adults': per stage, the handoffs that exist for each group. */
export function pathways(map: MapData): StagePathway[] {
	return STAGES.map((stage) => {
		const inStage = map.handoffs.filter((h) => h.stage === stage && exists(h));
		return {
			stage,
			children: inStage.filter((h) => serves(h.audience, 'children')).length,
			adults: inStage.filter((h) => serves(h.audience, 'adults')).length
		};
	});
}

/** The stages where adults have no handoff at all (the "adults don't need follow-up" model made visible). */
export function adultGapStages(map: MapData): Stage[] {
	return pathways(map)
		.filter((p) => p.adults === 0)
		.map((p) => p.stage);
}

export function childGapStages(map: MapData): Stage[] {
	return pathways(map)
		.filter((p) => p.children === 0)
		.map((p) => p.stage);
}

/** Handoffs marked as a gap or rated absent, worst first then by stage. */
export function gaps(map: MapData): HandoffData[] {
	return map.handoffs
		.filter((h) => h.isGap || h.rating === 'absent')
		.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.label.localeCompare(b.label));
}

/**
 * Stages held by police alone: every existing handoff in the stage has a police actor at one end and no other
 * agency (only the person or their family) at the other ("it's the police's job" made visible).
 */
export function policeOnlyStages(map: MapData): Stage[] {
	const sectorOf = new Map(map.actors.map((a) => [a.id, a.sector]));
	const agencyFree = new Set<Sector | undefined>(['police', 'person', 'family_community']);
	return STAGES.filter((stage) => {
		const inStage = map.handoffs.filter((h) => h.stage === stage && exists(h));
		if (inStage.length === 0) return false;
		return inStage.every((h) => {
			const a = sectorOf.get(h.fromActorId);
			const b = sectorOf.get(h.toActorId);
			return (a === 'police' || b === 'police') && agencyFree.has(a) && agencyFree.has(b);
		});
	});
}

/** Actors ranked as bottlenecks: highest betweenness first, ties by connections then name. */
export function bottlenecks(map: MapData, measures = actorMeasures(map), limit = 5): (ActorMeasures & { actor: ActorData })[] {
	const byId = new Map(map.actors.map((a) => [a.id, a]));
	return measures
		.filter((m) => m.betweenness > 0)
		.map((m) => ({ ...m, actor: byId.get(m.actorId)! }))
		.sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || a.actor.name.localeCompare(b.actor.name))
		.slice(0, limit);
}
