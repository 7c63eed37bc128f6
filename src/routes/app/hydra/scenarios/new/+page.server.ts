import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { createScenarioSchema } from '$lib/validators/hydra';
import { createScenario } from '$lib/server/hydra/scenarios';
import { keepLists } from '$lib/server/hydra/form-lists';

export function load(event) {
	requireRole(event, 'admin', 'consultant');
	return {};
}

export const actions = {
	default: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const keep = await keepLists(event.request, ['targetModels']);
		const form = await parseForm(event.request, createScenarioSchema);
		if (!form.ok) {
			keep(form.failure.data.values);
			return form.failure;
		}
		let id: string;
		try {
			id = (await createScenario(user, form.data)).scenario.id;
		} catch (err) {
			return failureFrom(event, err, keep(form.values));
		}
		redirect(303, `/app/hydra/scenarios/${id}?saved=created`);
	}
};
