import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { updateAreaSchema } from '$lib/validators/areas';
import { updateArea } from '$lib/server/areas';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { firstOf, SUMMARY_LIMIT } from '$lib/domain/lists';
import { areaOverview } from '$lib/server/areas/overview';
import { scriptsRunIn } from '$lib/components/live/scripts-cookie';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'actions', 'map', 'models', 'toc');
	const { area, role } = context;
	// A large area has hundreds of gaps: the page shows the first few of each list, and one whole list when asked.
	const all = event.url.searchParams.get('all');
	const {
		coverage: { unaddressed, outcomesUnaddressed, modelsUnaddressed, ...coverage },
		versions: { current, draftSince }
	} = await areaOverview(context);
	return {
		scriptsRun: scriptsRunIn(event.cookies),
		details: area,
		plan: { current: current && { number: current.number, signed: current.signoffs.map((s) => s.organisation), unsigned: current.unsigned }, draftSince },
		canEdit: areaRoleAtLeast(role, 'lead'),
		canAddActions: areaRoleAtLeast(role, 'editor'),
		coverage: {
			...coverage,
			unaddressed: firstOf(unaddressed, SUMMARY_LIMIT, all === 'handoffs'),
			outcomesUnaddressed: firstOf(outcomesUnaddressed, SUMMARY_LIMIT, all === 'outcomes'),
			modelsUnaddressed: firstOf(modelsUnaddressed, SUMMARY_LIMIT, all === 'models')
		}
	};
}

export const actions = {
	update: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, updateAreaSchema);
		if (!form.ok) return form.failure;
		try {
			await updateArea(context, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { saved: true };
	}
};
