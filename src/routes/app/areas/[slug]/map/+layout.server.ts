import type { Cookies } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { mapOfRequest } from '$lib/server/map/request';
import { isFiltered } from '$lib/domain/map/filter';
import { readMapQuery } from '$lib/domain/map/view';
import { sharedModelTitles } from '$lib/server/models';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { historyOf } from '$lib/server/map/history';
import { packActorNames } from '$lib/domain/map/types';
import { scriptsRunIn } from '$lib/components/live/scripts-cookie';

// What every map view shares: the filter and view read from the address (bad parameters ignored and named), the
// counts, and the choices of the view form. Each page loads the part of the map it draws (the map itself is read once
// per request, see mapOfRequest); each page and action below guards itself again.
// The list of every actor (Focus, From, To) is most of this data on a large map. The network view of a browser that
// runs the scripts gets every name with the drawing (network.json, see its +page.ts), so there the list holds only the
// actor in focus, which the server's lean render shows; with an actor open, its panel names the others, so the list is
// whole.
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
	// readMapQuery has dropped a focus on an actor not on the map, so no focus means no actor to look for.
	const focused = view.focus ? map.actors.filter((a) => a.id === view.focus) : [];
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
			actors: packActorNames(namesFromDrawing(event) ? focused : map.actors),
			models
		}
	};
}

/** Whether the page asked for is the network view in a browser that fetches the drawing with every actor's name. */
const namesFromDrawing = (event: { route: { id: string | null }; cookies: Cookies; url: URL; request: Request }) =>
	event.route.id === '/app/areas/[slug]/map' && event.request.method === 'GET' && scriptsRunIn(event.cookies) && !event.url.searchParams.has('actor');
