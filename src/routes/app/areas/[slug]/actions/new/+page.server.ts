import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { actionChoices, createAction } from '$lib/server/actions';
import { createActionSchema } from '$lib/validators/actions';

/** Only editors and leads add actions; a viewer gets the same 404 as anything out of reach. */
export async function load(event) {
	const context = await requireArea(event, 'editor');
	followTopics(event, context.area.id, 'map', 'members', 'toc', 'models');
	return { choices: await actionChoices(context), handoff: event.url.searchParams.get('handoff') ?? '', step: event.url.searchParams.get('step') ?? '', model: event.url.searchParams.get('model') ?? '' };
}

export const actions = {
	default: async (event) => {
		const context = await requireArea(event, 'editor');
		// The ticked handoffs come back as a list, so an error keeps every one of them ticked.
		const raw = await event.request.clone().formData();
		const chosen = raw.getAll('handoffIds').map(String);
		const chosenSteps = raw.getAll('tocNodeIds').map(String);
		const chosenModels = raw.getAll('modelIds').map(String);
		const form = await parseForm(event.request, createActionSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, chosen, chosenSteps, chosenModels });
		let id: string;
		try {
			id = (await createAction(context, form.data)).id;
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, chosen, chosenSteps, chosenModels });
		}
		redirect(303, `/app/areas/${context.area.slug}/actions/${id}?created`);
	}
};
