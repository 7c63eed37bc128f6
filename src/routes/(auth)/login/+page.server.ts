import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { signInSchema } from '$lib/validators/auth';
import { signIn } from '$lib/server/auth/sign-in';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeNext } from '$lib/domain/navigation';

export function load({ locals, url }) {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: url.searchParams.get('next') ?? '' };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, signInSchema);
		if (!form.ok) return form.failure;
		try {
			const { token, session } = await signIn(form.data.email, form.data.password, event.getClientAddress());
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, safeNext(form.data.next));
	}
};
