import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { createAreaSchema } from '$lib/validators/areas';
import { createArea } from '$lib/server/areas';

export function load(event) {
	requireRole(event, 'admin', 'consultant');
}

export const actions = {
	default: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, createAreaSchema);
		if (!form.ok) return form.failure;
		let slug: string;
		try {
			slug = (await createArea(user, form.data)).slug;
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${slug}?created=1`);
	}
};
