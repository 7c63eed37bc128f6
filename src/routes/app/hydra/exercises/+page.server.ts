import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { createExerciseSchema } from '$lib/validators/hydra-live';
import { createExercise, exerciseChoices, listExercises } from '$lib/server/hydra/exercises';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { exercises: await listExercises(user), choices: await exerciseChoices(user) };
}

export const actions = {
	create: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, createExerciseSchema);
		if (!form.ok) return form.failure;
		let id: string;
		try {
			id = (await createExercise(user, form.data)).id;
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/hydra/exercises/${id}`);
	}
};
