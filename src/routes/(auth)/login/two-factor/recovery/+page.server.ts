import { redirect } from '@sveltejs/kit';
import { requirePasswordStep } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { recoverySchema } from '$lib/validators/two-factor';
import { useRecoveryCode } from '$lib/server/auth/two-factor';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeNext } from '$lib/domain/navigation';

export function load(event) {
	const { user } = requirePasswordStep(event);
	if (!user.twoFactorEnabled) redirect(303, '/login/two-factor');
	return { next: event.url.searchParams.get('next') ?? '' };
}

export const actions = {
	default: async (event) => {
		const { user, session } = requirePasswordStep(event);
		const form = await parseForm(event.request, recoverySchema);
		if (!form.ok) return form.failure;
		let left: number;
		try {
			const fresh = await useRecoveryCode(user.id, session.id, form.data.code);
			setSessionCookie(event.cookies, event.url, fresh.token, fresh.session.expiresAt);
			left = fresh.left;
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		// Few codes left: send them to the account page, where new ones can be made.
		redirect(303, left <= 2 ? `/app/account?recoveryLeft=${left}` : safeNext(form.data.next));
	}
};
