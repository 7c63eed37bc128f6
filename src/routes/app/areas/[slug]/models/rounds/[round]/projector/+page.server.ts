import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { loadResults } from '../results.server';

/** The results for a projector: re-loaded as each answer arrives, through the area's change events. */
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'surveys', 'models');
	return loadResults(context, event);
}
