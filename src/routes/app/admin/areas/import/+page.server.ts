import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { importArea } from '$lib/server/backup';
import { restoreAreaSchema } from '$lib/validators/admin';

export function load(event) {
	requireRole(event, 'admin');
}

export const actions = {
	default: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, restoreAreaSchema);
		if (!form.ok) return form.failure;
		let slug: string;
		try {
			const area = await importArea(admin, await form.data.file.text(), form.data.slug);
			slug = area.slug;
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${slug}?restored=1`);
	}
};
