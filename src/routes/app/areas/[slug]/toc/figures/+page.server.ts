import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { listFigures, saveFigures } from '$lib/server/toc/figures';
import { runForm } from '$lib/server/toc/route';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { londonToday } from '$lib/domain/dates';
import { recentQuarters } from '$lib/domain/toc';
import { saveFiguresSchema } from '$lib/validators/toc';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'toc');
	return {
		figures: await listFigures(context),
		canEdit: areaRoleAtLeast(context.role, 'editor'),
		quarters: recentQuarters(londonToday(), 12)
	};
}

export const actions = {
	default: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'figures', saveFiguresSchema, async (data) => {
			const row = await saveFigures(context, data);
			return { saved: row.quarter };
		});
	}
};
