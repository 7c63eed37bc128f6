import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { resetPasswordSchema } from '$lib/validators/auth';
import { findReset, resetPassword } from '$lib/server/auth/passwords';
import { setSessionCookie } from '$lib/server/auth/session';

export async function load({ params }) {
	return { valid: (await findReset(params.token)) !== null };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, resetPasswordSchema);
		if (!form.ok) return form.failure;
		try {
			const { token, session } = await resetPassword(event.params.token, form.data.password);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app?passwordReset=1');
	}
};
