import { requireArea } from '$lib/server/auth/guard';
import { journeyLayoutOf } from '$lib/server/map/layout';
import { adultGapStages, childGapStages, pathways, policeOnlyStages } from '$lib/domain/map/analysis';

export async function load(event) {
	await requireArea(event);
	const { map, shown } = await event.parent();
	return {
		layout: journeyLayoutOf(shown),
		// The findings read the whole map, so a filter never hides a gap.
		findings: { pathways: pathways(map), adultGaps: adultGapStages(map), childGaps: childGapStages(map), policeOnly: policeOnlyStages(map) }
	};
}
