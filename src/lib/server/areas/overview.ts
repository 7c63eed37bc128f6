// The area overview's reads (how far the actions cover the map, the models and the theory of change; the plan's
// versions), shared by every screen on the overview until the area next changes (see sharedReads). A workshop's
// laptops re-load it together after each change, and a 300-action area takes a dozen queries to read.
import type { AreaContext } from './index';
import { actionCoverage } from '$lib/server/actions';
import { planVersionsOf } from '$lib/server/plan/versions';
import { onAreaChange, sharedReads } from '$lib/server/realtime/shared-read';

async function readOverview(context: AreaContext) {
	const [coverage, versions] = await Promise.all([actionCoverage(context), planVersionsOf(context)]);
	return { coverage, versions };
}

/** Coverage and plan versions of the context's area, as of its last change (callers must not change what it holds). */
export const areaOverview = sharedReads(readOverview, {
	key: (context) => context.area.id,
	follow: onAreaChange
});
