import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { addStatement, deleteModel, editStatement, getModel, modelChoices, removeStatement, updateModel } from '$lib/server/models';
import { addStatementSchema, deleteModelSchema, editStatementSchema, removeStatementSchema, updateModelSchema } from '$lib/validators/models';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { NotFoundError } from '$lib/server/errors';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'models', 'map', 'surveys');
	try {
		const [detail, choices] = await Promise.all([getModel(context, event.params.id), modelChoices(context)]);
		return { ...detail, choices, canEdit: areaRoleAtLeast(context.role, 'editor') };
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

export const actions = {
	edit: async (event) => {
		const context = await requireArea(event, 'editor');
		const raw = await event.request.clone().formData();
		const chosen = { actorIds: raw.getAll('actorIds').map(String), handoffIds: raw.getAll('handoffIds').map(String) };
		const form = await parseForm(event.request, updateModelSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, chosen, form: 'edit' });
		try {
			await updateModel(context, { ...form.data, id: event.params.id });
			return { message: 'Your changes to the model are saved.', form: 'edit' };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			// A stale edit: show the current version to change again, not what this person typed over it.
			return fail(failure.status, { ...failure.data, chosen, form: 'edit' });
		}
	},
	delete: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, deleteModelSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'delete' });
		try {
			await deleteModel(context, { ...form.data, id: event.params.id });
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: 'delete' });
		}
		redirect(303, `/app/areas/${context.area.slug}/models?deleted`);
	},
	addStatement: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, addStatementSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'add-statement' });
		try {
			await addStatement(context, { modelId: event.params.id, text: form.data.text });
			return { message: 'Statement added.', form: 'add-statement' };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: 'add-statement' });
		}
	},
	editStatement: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, editStatementSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: `statement-${form.failure.data.values.id ?? ''}` });
		try {
			await editStatement(context, form.data);
			return { message: 'Statement saved.', form: `statement-${form.data.id}` };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: `statement-${form.data.id}` });
		}
	},
	removeStatement: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, removeStatementSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'remove-statement' });
		try {
			await removeStatement(context, form.data);
			return { message: 'Statement removed.', form: 'remove-statement' };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: `statement-${form.data.id}` });
		}
	}
};
