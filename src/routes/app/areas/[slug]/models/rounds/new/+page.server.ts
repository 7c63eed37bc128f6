import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { listModels } from '$lib/server/models';
import { listRounds, openRound } from '$lib/server/models/surveys';
import { openRoundSchema } from '$lib/validators/models';
import { suggestRoundLabel } from '$lib/domain/surveys';

/** Facilitating is an editor's job (area editors and leads, which includes the consultants who lead an area). */
export async function load(event) {
	const context = await requireArea(event, 'editor');
	const [models, rounds] = await Promise.all([listModels(context), listRounds(context)]);
	return { models, suggested: suggestRoundLabel(rounds.map((r) => r.label)) };
}

export const actions = {
	default: async (event) => {
		const context = await requireArea(event, 'editor');
		const chosen = (await event.request.clone().formData()).getAll('statementIds').map(String);
		const form = await parseForm(event.request, openRoundSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, chosen });
		let id: string;
		try {
			id = (await openRound(context, form.data)).id;
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, chosen });
		}
		redirect(303, `/app/areas/${context.area.slug}/models/rounds/${id}?opened`);
	}
};
