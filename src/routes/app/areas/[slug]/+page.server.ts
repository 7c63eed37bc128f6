import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { updateAreaSchema } from '$lib/validators/areas';
import { updateArea } from '$lib/server/areas';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { actionCoverage } from '$lib/server/actions';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'actions', 'map', 'models', 'toc');
	const { area, role } = context;
	return {
		details: area,
		canEdit: areaRoleAtLeast(role, 'lead'),
		canAddActions: areaRoleAtLeast(role, 'editor'),
		coverage: await actionCoverage(context)
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
