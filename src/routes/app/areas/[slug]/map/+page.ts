// The network view's drawing comes apart from the page's data (see network.json): the page's own data stays small,
// and the drawing is text made once per map version. It is fetched again whenever the page's data is re-loaded
// (a map change), so the two never describe different maps for longer than one re-load.
import { error } from '@sveltejs/kit';
import type { DrawnNetwork } from '$lib/diagrams/force';

export async function load({ data, fetch, params }) {
	const response = await fetch(`/app/areas/${params.slug}/map/network.json`);
	if (!response.ok) error(response.status, response.status === 404 ? 'Not found' : 'The map could not be drawn. Please try again.');
	return { ...data, drawn: (await response.json()) as DrawnNetwork };
}
