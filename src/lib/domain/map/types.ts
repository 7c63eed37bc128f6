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
