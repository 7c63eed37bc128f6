// Live workshops: what a change event says, and which part of an area's pages it touches (pages depend on a topic's
// key; an event invalidates only the pages that show that topic); the rules of dot voting.
import type { Rating } from './map/enums';

export const LIVE_TOPICS = ['area', 'members', 'map', 'actions', 'models', 'surveys', 'toc', 'present', 'votes', 'rooms'] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/** A change to an area's data, as every instance streams it: no content, only what changed and where. */
export interface AreaChange {
	/** The audit row's id: ordered across instances, so a reconnecting browser can ask for what it missed. */
	id: number;
	areaId: string;
	topic: LiveTopic;
	entity: string;
	entityId: string;
	action: string;
	version: number | null;
	/** Who made the change, by name (null for the system or a former member): forms say whose change they show. */
	by: string | null;
}

const TOPIC_OF_ENTITY: Record<string, LiveTopic> = {
	area: 'area',
	membership: 'members',
	invitation: 'members',
	map: 'map',
	map_actor: 'map',
	map_handoff: 'map',
	map_position: 'map',
	map_snapshot: 'map',
	map_view: 'map',
	action: 'actions',
	mental_model: 'models',
	model_statement: 'models',
	model_link: 'models',
	survey_round: 'surveys',
	survey_response: 'surveys',
	toc: 'toc',
	toc_node: 'toc',
	toc_link: 'toc',
	toc_indicator: 'toc',
	toc_reading: 'toc',
	missing_figures: 'toc',
	presentation: 'present',
	vote: 'votes',
	vote_dot: 'votes',
	room: 'rooms',
	room_guest: 'rooms',
	room_note: 'rooms',
	room_proposal: 'rooms'
};

/** The topic an audited entity belongs to; anything not listed touches the area as a whole. */
export function topicOf(entity: string): LiveTopic {
	return TOPIC_OF_ENTITY[entity] ?? 'area';
}

/** The key a page's load depends on to follow a topic of one area. */
export const liveKey = (areaId: string, topic: LiveTopic) => `live:${areaId}:${topic}`;

/**
 * Rooms beyond areas: a Hydra exercise's control, plenary and syndicate screens follow the exercise's own room, since
 * syndicates have no account and no area. A room's key never collides with an area id (ids have no colon).
 */
export const exerciseRoom = (exerciseId: string) => `exercise:${exerciseId}`;

export const EXERCISE_TOPICS = ['exercise', 'decisions', 'notes', 'board', 'learning', 'messages', 'screens'] as const;
export type ExerciseTopic = (typeof EXERCISE_TOPICS)[number];

const TOPIC_OF_EXERCISE_ENTITY: Record<string, ExerciseTopic> = {
	hydra_exercise: 'exercise',
	hydra_release: 'exercise',
	hydra_syndicate: 'exercise',
	hydra_decision: 'decisions',
	hydra_observer_note: 'notes',
	hydra_board_post: 'board',
	hydra_learning_point: 'learning',
	hydra_message: 'messages',
	hydra_screen: 'screens'
};

/** The topic of an exercise an audited entity belongs to; anything not listed touches the exercise as a whole. */
export function exerciseTopicOf(entity: string): ExerciseTopic {
	return TOPIC_OF_EXERCISE_ENTITY[entity] ?? 'exercise';
}

/**
 * A workshop room's own stream: its guests have no account and may not open the area's stream, so the room's changes
 * (and accepted proposals, which change the map) are published to the room as well as to the area.
 */
export const workshopRoom = (roomId: string) => `room:${roomId}`;

export const WORKSHOP_TOPICS = ['room', 'notes', 'proposals', 'present'] as const;
export type WorkshopTopic = (typeof WORKSHOP_TOPICS)[number];

// The presentation is the area's, published to each of its open rooms: guests follow the facilitator's slide there.
const TOPIC_OF_ROOM_ENTITY: Record<string, WorkshopTopic> = { room_note: 'notes', room_proposal: 'proposals', presentation: 'present' };

/** The topic of a workshop room an audited entity belongs to; anything not listed touches the room as a whole. */
export function workshopTopicOf(entity: string): WorkshopTopic {
	return TOPIC_OF_ROOM_ENTITY[entity] ?? 'room';
}

/** A change in a room, as every instance streams it: like an area's change, no content. */
export interface RoomChange {
	id: number;
	room: string;
	topic: string;
	entity: string;
	entityId: string;
	action: string;
	version: number | null;
}

/** The key a page's load depends on to follow a topic of one room. */
export const roomKey = (room: string, topic: string) => `live:${room}:${topic}`;

/** How long someone stays "on this page" after their last sign of life. */
export const PRESENCE_SECONDS = 60;
/** How often an open stream says it is still there (and keeps the connection open through proxies). */
export const HEARTBEAT_SECONDS = 20;

export interface PresentPerson {
	userId: string;
	name: string;
	organisation: string;
	view: string;
}

export const VOTE_SCOPES = ['gaps', 'all', 'actors', 'outcomes', 'models', 'actions'] as const;
export type VoteScope = (typeof VOTE_SCOPES)[number];
export const VOTE_SCOPE_LABELS: Record<VoteScope, string> = {
	gaps: 'Broken, absent and gap handoffs',
	all: 'Every handoff',
	actors: 'Actors on the map',
	outcomes: 'Outcomes in the theory of change',
	models: 'Mental models',
	actions: 'Actions'
};
/** Scopes whose ballot is the map's handoffs (their top items can become actions addressing them). */
export const isHandoffScope = (scope: VoteScope) => scope === 'gaps' || scope === 'all';
export const MAX_DOTS = 10;

/** Whether a handoff is on the ballot of a vote with this scope. */
export function onBallot(scope: VoteScope, handoff: { rating: Rating; isGap: boolean }): boolean {
	return scope === 'all' || handoff.isGap || handoff.rating === 'broken' || handoff.rating === 'absent';
}

/**
 * Moving a participant's dots on one item by `change` (+1 or -1): the new count there, or why not. A participant never
 * spends more than the vote's dots, and never goes below none on an item.
 */
export function moveDot(dots: number, spent: number, onItem: number, change: 1 | -1): { ok: true; count: number } | { ok: false; message: string } {
	if (change === 1 && spent >= dots) return { ok: false, message: `You have placed all ${dots} of your dots. Take one back to move it.` };
	if (change === -1 && onItem === 0) return { ok: false, message: 'There is no dot of yours on this to take back.' };
	return { ok: true, count: onItem + change };
}

/** Results: every ballot item with its dots, most first (ties by label), and who has voted (members and guests). */
export function tally<H extends { id: string; label: string }>(ballot: H[], dots: { itemId: string; voter: string; count: number }[]) {
	const totals = new Map<string, number>();
	for (const d of dots) totals.set(d.itemId, (totals.get(d.itemId) ?? 0) + d.count);
	return {
		items: ballot.map((h) => ({ ...h, dots: totals.get(h.id) ?? 0 })).sort((a, b) => b.dots - a.dots || a.label.localeCompare(b.label, 'en-GB')),
		voters: new Set(dots.map((d) => d.voter)).size
	};
}

/** Dots are placed until the facilitator closes the vote or its countdown runs out. */
export function voteIsOpen(vote: { closedAt: Date | null; endsAt: Date | null }, now: Date): boolean {
	return vote.closedAt === null && (vote.endsAt === null || now.getTime() < vote.endsAt.getTime());
}

/** Why a dot cannot move on this vote now, or null. */
export function voteClosedMessage(vote: { closedAt: Date | null; endsAt: Date | null }, now: Date): string | null {
	if (vote.closedAt) return 'This vote has closed: the results below are final.';
	if (vote.endsAt && now.getTime() >= vote.endsAt.getTime()) return 'Time is up on this vote: no more dots can be placed.';
	return null;
}

/** Minutes on a room vote's countdown. */
export const MAX_VOTE_MINUTES = 30;
