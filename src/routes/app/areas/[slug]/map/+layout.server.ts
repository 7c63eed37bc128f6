import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { loadMap, mapDataOf } from '$lib/server/map';
import { applyFilter, filterFromQuery, isFiltered } from '$lib/domain/map/filter';
import { areaRoleAtLeast } from '$lib/domain/roles';

// The map's data for every view; each page and action below guards itself again.
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const rows = await loadMap(context);
	const map = mapDataOf(rows);
	const filter = filterFromQuery(event.url.searchParams);
	return {
		map,
		shown: applyFilter(map, filter),
		filter,
		filtered: isFiltered(filter),
		versions: {
			actors: Object.fromEntries(rows.actors.map((a) => [a.id, a.version])),
			handoffs: Object.fromEntries(rows.handoffs.map((h) => [h.id, h.version]))
		},
		pins: rows.positions,
		canEdit: areaRoleAtLeast(context.role, 'editor')
	};
}
