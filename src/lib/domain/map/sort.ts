// Sorting the table view's actors and handoffs by any column.
import { RATINGS, SECTORS, STAGES, AUDIENCES, KINDS } from './enums';
import type { ActorMeasures } from './analysis';
import type { ActorData, HandoffData } from './types';

export const ACTOR_SORTS = ['name', 'sector', 'kind', 'audience', 'connections', 'betweenness'] as const;
export const HANDOFF_SORTS = ['label', 'from', 'to', 'stage', 'rating', 'audience', 'gap'] as const;
export type ActorSort = { key: (typeof ACTOR_SORTS)[number]; descending: boolean };
export type HandoffSort = { key: (typeof HANDOFF_SORTS)[number]; descending: boolean };

const byText = (a: string, b: string) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' });

export function sortActors(actors: ActorData[], measures: ActorMeasures[], sort: ActorSort): ActorData[] {
	const m = new Map(measures.map((x) => [x.actorId, x]));
	const compare: Record<ActorSort['key'], (a: ActorData, b: ActorData) => number> = {
		name: (a, b) => byText(a.name, b.name),
		sector: (a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector),
		kind: (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind),
		audience: (a, b) => AUDIENCES.indexOf(a.audience) - AUDIENCES.indexOf(b.audience),
		connections: (a, b) => (m.get(a.id)?.degree ?? 0) - (m.get(b.id)?.degree ?? 0),
		betweenness: (a, b) => (m.get(a.id)?.betweenness ?? 0) - (m.get(b.id)?.betweenness ?? 0)
	};
	const sign = sort.descending ? -1 : 1;
	return [...actors].sort((a, b) => sign * compare[sort.key](a, b) || byText(a.name, b.name));
}

export function sortHandoffs(handoffs: HandoffData[], actors: ActorData[], sort: HandoffSort): HandoffData[] {
	const name = new Map(actors.map((a) => [a.id, a.name]));
	const compare: Record<HandoffSort['key'], (a: HandoffData, b: HandoffData) => number> = {
		label: (a, b) => byText(a.label, b.label),
		from: (a, b) => byText(name.get(a.fromActorId) ?? '', name.get(b.fromActorId) ?? ''),
		to: (a, b) => byText(name.get(a.toActorId) ?? '', name.get(b.toActorId) ?? ''),
		stage: (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
		rating: (a, b) => RATINGS.indexOf(a.rating) - RATINGS.indexOf(b.rating),
		audience: (a, b) => AUDIENCES.indexOf(a.audience) - AUDIENCES.indexOf(b.audience),
		gap: (a, b) => Number(a.isGap) - Number(b.isGap)
	};
	const sign = sort.descending ? -1 : 1;
	return [...handoffs].sort((a, b) => sign * compare[sort.key](a, b) || byText(a.label, b.label));
}
