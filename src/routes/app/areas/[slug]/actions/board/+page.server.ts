import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { listActions, setStatus } from '$lib/server/actions';
import { moveSchema } from '$lib/validators/actions';
import { STATUS_LABELS } from '$lib/domain/actions';
import { areaRoleAtLeast } from '$lib/domain/roles';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'actions');
	const { actions } = await listActions(context, { sort: 'due' });
	return { actions, canEdit: areaRoleAtLeast(context.role, 'editor') };
}

export const actions = {
	move: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, moveSchema);
		if (!form.ok) return form.failure;
		try {
			await setStatus(context, { ids: [form.data.id], status: form.data.status });
			return { message: `Moved to ${STATUS_LABELS[form.data.status]}.`, moved: form.data.id };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
