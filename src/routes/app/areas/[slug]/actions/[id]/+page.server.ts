import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { ActionConflictError, actionChoices, getAction, postUpdate, updateAction } from '$lib/server/actions';
import { postUpdateSchema, updateActionSchema } from '$lib/validators/actions';
import { londonToday } from '$lib/domain/dates';
import { ragOf, STATUS_LABELS } from '$lib/domain/actions';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { NotFoundError } from '$lib/server/errors';
import { error } from '@sveltejs/kit';

async function detail(context: Parameters<typeof getAction>[0], id: string) {
	try {
		return await getAction(context, id);
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'actions', 'map', 'members', 'models', 'toc');
	const [found, choices] = await Promise.all([detail(context, event.params.id), actionChoices(context)]);
	return { ...found, rag: ragOf(found.action, londonToday()), choices, canEdit: areaRoleAtLeast(context.role, 'editor') };
}

export const actions = {
	edit: async (event) => {
		const context = await requireArea(event, 'editor');
		const raw = await event.request.clone().formData();
		const chosen = raw.getAll('handoffIds').map(String);
		const chosenSteps = raw.getAll('tocNodeIds').map(String);
		const chosenModels = raw.getAll('modelIds').map(String);
		const form = await parseForm(event.request, updateActionSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, chosen, chosenSteps, chosenModels, form: 'edit' as const });
		try {
			await updateAction(context, { ...form.data, id: event.params.id });
			return { message: 'Your changes are saved.', form: 'edit' as const };
		} catch (err) {
			// A stale save: show their version beside the current one, with the form ready to merge and save again.
			if (err instanceof ActionConflictError)
				return fail(409, {
					errors: { _form: err.message },
					values: form.values,
					chosen,
					chosenSteps,
					chosenModels,
					form: 'edit' as const,
					conflict: { current: err.current, mine: form.data }
				});
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, chosen, chosenSteps, chosenModels, form: 'edit' as const });
		}
	},
	update: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, postUpdateSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'update' as const });
		try {
			const { action } = await postUpdate(context, { ...form.data, id: event.params.id });
			const moved = form.data.status && form.data.status === action.status ? ` Status is now ${STATUS_LABELS[action.status]}.` : '';
			return { message: `Update posted.${moved}`, form: 'update' as const };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: 'update' as const });
		}
	}
};
