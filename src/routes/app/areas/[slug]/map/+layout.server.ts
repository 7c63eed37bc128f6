import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { mapOfRequest } from '$lib/server/map/request';
import { applyFilter, filterFromQuery, isFiltered } from '$lib/domain/map/filter';
import { areaRoleAtLeast } from '$lib/domain/roles';

// What every map view shares: the filter and the counts. Each page loads the part of the map it draws (the map
// itself is read once per request, see mapOfRequest); each page and action below guards itself again.
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const { map } = await mapOfRequest(event, context);
	const filter = filterFromQuery(event.url.searchParams);
	const shown = applyFilter(map, filter);
	return {
		filter,
		filtered: isFiltered(filter),
		counts: { actors: map.actors.length, handoffs: map.handoffs.length, shownActors: shown.actors.length, shownHandoffs: shown.handoffs.length },
		canEdit: areaRoleAtLeast(context.role, 'editor')
	};
}
