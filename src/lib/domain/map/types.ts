// Plain shapes of the map's data, shared by the server, the diagrams and the pages.
import type { Audience, Kind, Passes, Rating, Sector, Stage } from './enums';

export type ActorData = {
	id: string;
	name: string;
	sector: Sector;
	kind: Kind;
	description: string;
	audience: Audience;
};

export type HandoffData = {
	id: string;
	fromActorId: string;
	toActorId: string;
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
};

export type MapData = {
	actors: ActorData[];
	handoffs: HandoffData[];
};

/** What a network diagram needs of an actor and a handoff: the page sends only these to the browser. */
export type DiagramActor = Pick<ActorData, 'id' | 'name' | 'sector'>;
export type DiagramHandoff = Pick<HandoffData, 'id' | 'fromActorId' | 'toActorId' | 'label' | 'stage' | 'rating'>;
export type DiagramData = { actors: DiagramActor[]; handoffs: DiagramHandoff[] };

export const diagramActor = (a: DiagramActor): DiagramActor => ({ id: a.id, name: a.name, sector: a.sector });

/**
 * A handoff as a large map's page sends it: its ends as positions in the page's list of actors rather than ids, and
 * a list rather than an object, which halves the page's data for hundreds of handoffs.
 */
export type PackedHandoff = [id: string, from: number, to: number, label: string, stage: Stage, rating: Rating];

export function packHandoffs(actors: { id: string }[], handoffs: DiagramHandoff[]): PackedHandoff[] {
	const at = new Map(actors.map((a, i) => [a.id, i]));
	return handoffs.map((h) => [h.id, at.get(h.fromActorId)!, at.get(h.toActorId)!, h.label, h.stage, h.rating]);
}

export function unpackHandoffs(actors: { id: string }[], packed: PackedHandoff[]): DiagramHandoff[] {
	return packed.map(([id, from, to, label, stage, rating]) => ({ id, fromActorId: actors[from].id, toActorId: actors[to].id, label, stage, rating }));
}

/**
 * Every actor's id and name, for the lists of the map's forms (Focus, From, To), as two columns: a page carries them in
 * its data, and serialising 300 names this way costs a quarter of what one object an actor does.
 */
export interface ActorNames {
	ids: string[];
	names: string[];
}

/** Packs the list in the order the forms list it: by name, the same on the server and in any browser. */
export function packActorNames(actors: { id: string; name: string }[]): ActorNames {
	const sorted = [...actors].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
	return { ids: sorted.map((a) => a.id), names: sorted.map((a) => a.name) };
}

export function unpackActorNames({ ids, names }: ActorNames): { id: string; name: string }[] {
	return ids.map((id, i) => ({ id, name: names[i] }));
}

export const ACTOR_FIELDS = ['name', 'sector', 'kind', 'description', 'audience'] as const;
export const HANDOFF_FIELDS = [
	'fromActorId',
	'toActorId',
	'label',
	'stage',
	'passes',
	'trigger',
	'standard',
	'audience',
	'rating',
	'evidence',
	'notes',
	'isGap'
] as const;
