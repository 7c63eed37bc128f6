import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { mapOfRequest } from '$lib/server/map/request';
import { historyActions } from '$lib/server/map/history-actions';
import { readMapQuery } from '$lib/domain/map/view';
import { journeyLayoutOf } from '$lib/server/map/layout';
import { adultGapStages, childGapStages, pathways, policeOnlyStages } from '$lib/domain/map/analysis';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const { map } = await mapOfRequest(event, context);
	const { shown } = readMapQuery(map, event.url.searchParams);
	return {
		map,
		shown,
		layout: journeyLayoutOf(shown),
		// The findings read the whole map, so a filter never hides a gap.
		findings: { pathways: pathways(map), adultGaps: adultGapStages(map), childGaps: childGapStages(map), policeOnly: policeOnlyStages(map) }
	};
}

export const actions = { ...historyActions };
