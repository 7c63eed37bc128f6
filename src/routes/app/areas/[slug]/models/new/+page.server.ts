import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { createModel, modelChoices } from '$lib/server/models';
import { createModelSchema } from '$lib/validators/models';

/** Only editors and leads add models; a viewer gets the same 404 as anything out of reach. */
export async function load(event) {
	const context = await requireArea(event, 'editor');
	return { choices: await modelChoices(context) };
}

export const actions = {
	default: async (event) => {
		const context = await requireArea(event, 'editor');
		// The ticked links come back as lists, so an error keeps every one of them ticked.
		const raw = await event.request.clone().formData();
		const chosen = { actorIds: raw.getAll('actorIds').map(String), handoffIds: raw.getAll('handoffIds').map(String) };
		const form = await parseForm(event.request, createModelSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, chosen });
		let id: string;
		try {
			id = (await createModel(context, form.data)).id;
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, chosen });
		}
		redirect(303, `/app/areas/${context.area.slug}/models/${id}?created`);
	}
};
