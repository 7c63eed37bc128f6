import { requireArea } from '$lib/server/auth/guard';
import { loadResults } from '../results.server';

/** The results for a projector: reloaded every few seconds while the tab is visible (see the page). */
export async function load(event) {
	event.depends('homeward:survey-results');
	const context = await requireArea(event);
	return loadResults(context, event);
}
