import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { signUpSchema } from '$lib/validators/heroes';
import { signUp } from '$lib/server/heroes';

export function load({ url }) {
	return { sent: url.searchParams.has('sent') };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, signUpSchema);
		if (!form.ok) return form.failure;
		try {
			await signUp(form.data, event.getClientAddress());
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/search-heroes?sent=1');
	}
};
