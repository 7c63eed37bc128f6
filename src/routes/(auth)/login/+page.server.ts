import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { signInSchema } from '$lib/validators/auth';
import { signIn } from '$lib/server/auth/sign-in';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeNext } from '$lib/domain/navigation';
import { twoFactorStep, type TwoFactorStep } from '$lib/domain/two-factor';
import { config } from '$lib/server/config';

export function load({ locals, url }) {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	// `url` is built from ORIGIN, whatever address the browser used: the page compares the two (see +page.svelte).
	return { next: url.searchParams.get('next') ?? '', origin: url.origin };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, signInSchema);
		if (!form.ok) return form.failure;
		let step: TwoFactorStep;
		try {
			const { token, session, user } = await signIn(form.data.email, form.data.password, event.getClientAddress());
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
			step = twoFactorStep({
				role: user.role,
				enrolled: user.totpKey !== null,
				verified: session.twoFactorVerified,
				requireSetting: config.requireTwoFactor
			});
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		const next = safeNext(form.data.next);
		if (step === 'done') redirect(303, next);
		redirect(303, `/login/two-factor${step === 'setup' ? '/setup' : ''}?next=${encodeURIComponent(next)}`);
	}
};
