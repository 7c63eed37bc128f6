// The network view's drawing comes apart from the page's data for a browser that runs scripts (see SCRIPTS_COOKIE and
// network.json): the page's own data stays small, the drawing is text made once per map version, and the server
// draws nothing it would also send as data. It is fetched here, in the browser, whenever the page's data is loaded
// (a map change re-loads it), so the two never describe different maps for longer than one re-load; an unchanged
// map is answered "not modified". A browser that has not run the scripts gets the drawing with the page.
import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import type { DrawnNetwork } from '$lib/diagrams/force';

export async function load({ data, fetch, params }) {
	if (data.drawn || !browser) return data;
	const response = await fetch(`/app/areas/${params.slug}/map/network.json`);
	if (!response.ok) error(response.status, response.status === 404 ? 'Not found' : 'The map could not be drawn. Please try again.');
	return { ...data, drawn: (await response.json()) as DrawnNetwork };
}
