import { fail } from '@sveltejs/kit';
import { parseForm } from '$lib/server/forms';
import { preferencesSchema } from '$lib/validators/heroes';
import { findByManageToken, unsubscribe, updatePreferences } from '$lib/server/heroes';

export async function load({ params }) {
	return { subscriber: await findByManageToken(params.token) };
}

export const actions = {
	save: async ({ params, request }) => {
		const form = await parseForm(request, preferencesSchema);
		if (!form.ok) return form.failure;
		if (!(await updatePreferences(params.token, form.data))) return fail(404, { errors: { _form: 'This link cannot be used.' }, values: form.values });
		return { saved: true };
	},
	unsubscribe: async ({ params }) => {
		if (!(await unsubscribe(params.token))) return fail(404, { errors: { _form: 'This link cannot be used.' }, values: {} });
		return { unsubscribed: true };
	}
};
