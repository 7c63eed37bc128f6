import { requireUser } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { changePasswordSchema } from '$lib/validators/auth';
import { changePassword } from '$lib/server/auth/passwords';
import { setSessionCookie } from '$lib/server/auth/session';

export function load(event) {
	requireUser(event);
}

export const actions = {
	password: async (event) => {
		const user = requireUser(event);
		const form = await parseForm(event.request, changePasswordSchema);
		if (!form.ok) return form.failure;
		try {
			const { token, session } = await changePassword(user.id, form.data.currentPassword, form.data.password);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { changed: true };
	}
};
