// Live workshops: what a change event says, and which part of an area's pages it touches. Pages depend on a topic's
// key; an event invalidates only the pages that show that topic.

export const LIVE_TOPICS = ['area', 'members', 'map', 'actions', 'models', 'surveys', 'toc'] as const;
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
	action: 'actions'
};

/** The topic an audited entity belongs to; anything not listed touches the area as a whole. */
export function topicOf(entity: string): LiveTopic {
	return TOPIC_OF_ENTITY[entity] ?? 'area';
}

/** The key a page's load depends on to follow a topic of one area. */
export const liveKey = (areaId: string, topic: LiveTopic) => `live:${areaId}:${topic}`;

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
