import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { mapOfRequest } from '$lib/server/map/request';
import { isFiltered } from '$lib/domain/map/filter';
import { readMapQuery } from '$lib/domain/map/view';
import { sharedModelTitles } from '$lib/server/models';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { historyOf } from '$lib/server/map/history';
import { packActorNames } from '$lib/domain/map/types';

// What every map view shares: the filter and view read from the address (bad parameters ignored and named), the
// counts, and the choices of the view form. Each page loads the part of the map it draws (the map itself is read once
// per request, see mapOfRequest); each page and action below guards itself again.
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const canEdit = areaRoleAtLeast(context.role, 'editor');
	const [{ map }, models, history] = await Promise.all([mapOfRequest(event, context), sharedModelTitles(context), canEdit ? historyOf(context) : null]);
	const { filter, view, ignored, shown } = readMapQuery(map, event.url.searchParams);
	if (view.model && !models.some((m) => m.id === view.model)) {
		ignored.push({ name: 'model', value: view.model });
		view.model = null;
	}
	return {
		filter,
		view,
		ignored,
		filtered: isFiltered(filter) || !!view.q || !!view.focus,
		counts: { actors: map.actors.length, handoffs: map.handoffs.length, shownActors: shown.actors.length, shownHandoffs: shown.handoffs.length },
		canEdit,
		// What this person's Undo and Redo would do now (their own edits in this area only).
		history,
		choices: {
			actors: packActorNames(map.actors.toSorted((a, b) => a.name.localeCompare(b.name))),
			models
		}
	};
}
