import { redirect } from '@sveltejs/kit';
import { pendingTwoFactor, requirePasswordStep } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { totpSchema } from '$lib/validators/two-factor';
import { verifyTotp } from '$lib/server/auth/two-factor';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeNext } from '$lib/domain/navigation';

export function load(event) {
	requirePasswordStep(event);
	const step = pendingTwoFactor(event.locals);
	const next = event.url.searchParams.get('next') ?? '';
	if (step === 'done') redirect(303, safeNext(next));
	if (step === 'setup') redirect(303, `/login/two-factor/setup?next=${encodeURIComponent(next)}`);
	return { next };
}

export const actions = {
	default: async (event) => {
		const { user, session } = requirePasswordStep(event);
		const form = await parseForm(event.request, totpSchema);
		if (!form.ok) return form.failure;
		try {
			const fresh = await verifyTotp(user.id, session.id, form.data.code);
			setSessionCookie(event.cookies, event.url, fresh.token, fresh.session.expiresAt);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, safeNext(form.data.next));
	}
};
