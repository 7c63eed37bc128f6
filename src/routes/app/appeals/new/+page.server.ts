import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { appealSchema } from '$lib/validators/heroes';
import { publishAppeal } from '$lib/server/heroes';

export function load(event) {
	requireRole(event, 'admin', 'consultant');
}

export const actions = {
	default: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, appealSchema);
		if (!form.ok) return form.failure;
		try {
			await publishAppeal(user, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app/appeals?published');
	}
};
