import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { removeAppealSchema } from '$lib/validators/heroes';
import { listAppeals, removeAppeal } from '$lib/server/heroes';

export async function load(event) {
	requireRole(event, 'admin', 'consultant');
	return { appeals: await listAppeals(), published: event.url.searchParams.get('published') };
}

export const actions = {
	remove: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, removeAppealSchema);
		if (!form.ok) return form.failure;
		try {
			await removeAppeal(user, form.data.appealId);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { removed: true };
	}
};
