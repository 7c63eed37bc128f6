import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { mapOfRequest } from '$lib/server/map/request';
import { historyActions } from '$lib/server/map/history-actions';
import { readMapQuery } from '$lib/domain/map/view';
import { actorMeasures } from '$lib/domain/map/analysis';
import { sortActors, sortHandoffs, ACTOR_SORTS, HANDOFF_SORTS } from '$lib/domain/map/sort';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const { map } = await mapOfRequest(event, context);
	const { shown } = readMapQuery(map, event.url.searchParams);
	const params = event.url.searchParams;
	const pick = <T extends string>(values: readonly T[], raw: string | null, fallback: T) =>
		(values as readonly string[]).includes(raw ?? '') ? (raw as T) : fallback;
	const actorSort = { key: pick(ACTOR_SORTS, params.get('asort'), 'name'), descending: params.get('adir') === 'desc' };
	const handoffSort = { key: pick(HANDOFF_SORTS, params.get('hsort'), 'stage'), descending: params.get('hdir') === 'desc' };
	// Measures come from the whole map, so a filter does not change an actor's betweenness.
	const measures = actorMeasures(map);
	return {
		map,
		actorSort,
		handoffSort,
		actors: sortActors(shown.actors, measures, actorSort),
		handoffs: sortHandoffs(shown.handoffs, map.actors, handoffSort),
		measures: Object.fromEntries(measures.map((m) => [m.actorId, m]))
	};
}

export const actions = { ...historyActions };
