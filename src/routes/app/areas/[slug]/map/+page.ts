// The network view's drawing comes apart from the page's data (see network.json): the page's own data stays small,
// and the drawing is text made once per map version. The browser fetches it whenever the page's data is loaded (a map
// change re-loads it), so the two never describe different maps for longer than one re-load; an unchanged map is
// answered "not modified". The server never sends it as data. For a browser that has not run Homeward's scripts it
// draws it into the page instead, once per map version and view (see $lib/server/map/drawing); any other browser gets
// the page without it and draws it itself, and gets the lists of every actor (Focus on the view form, From and To of
// "Add a handoff") without their names as well, which come with the drawing: `lean` says so (see the map's
// +layout.server.ts).
import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import type { DrawnNetwork } from '$lib/diagrams/force';
import { packActorNames } from '$lib/domain/map/types';
import { leanRender } from '$lib/components/live/scripts-cookie';

export async function load({ data, fetch, params, parent }) {
	if (!browser) return { ...data, drawn: null, lean: leanRender(data) };
	const response = await fetch(`/app/areas/${params.slug}/map/network.json`);
	if (!response.ok) error(response.status, response.status === 404 ? 'Not found' : 'The map could not be drawn. Please try again.');
	const drawn = (await response.json()) as DrawnNetwork;
	const { choices } = await parent();
	// In the layout's shape, which the layout and the page read whichever load filled it.
	return { ...data, drawn, lean: false, choices: { ...choices, actors: packActorNames(drawn.actors) } };
}
