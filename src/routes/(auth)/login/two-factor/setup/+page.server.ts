import { requirePasswordStep } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { enrolSchema } from '$lib/validators/two-factor';
import { enrolTotp, enrolmentPicture, newTotpKey } from '$lib/server/auth/two-factor';
import { setSessionCookie } from '$lib/server/auth/session';
import { twoFactorRequired } from '$lib/domain/two-factor';
import { config } from '$lib/server/config';
import { redirect } from '@sveltejs/kit';
import { pendingTwoFactor } from '$lib/server/auth/guard';

export async function load(event) {
	const { user } = requirePasswordStep(event);
	// Someone who owes a code must give it before changing their authenticator.
	if (pendingTwoFactor(event.locals) === 'verify') redirect(303, '/login/two-factor');
	const key = newTotpKey();
	return {
		key,
		picture: await enrolmentPicture(user.email, key),
		required: twoFactorRequired(user.role, config.requireTwoFactor),
		replacing: user.twoFactorEnabled,
		next: event.url.searchParams.get('next') ?? ''
	};
}

export const actions = {
	default: async (event) => {
		const { user } = requirePasswordStep(event);
		if (pendingTwoFactor(event.locals) === 'verify') redirect(303, '/login/two-factor');
		const form = await parseForm(event.request, enrolSchema);
		if (!form.ok) return form.failure;
		try {
			const enrolled = await enrolTotp(user.id, form.data.key, form.data.code);
			setSessionCookie(event.cookies, event.url, enrolled.token, enrolled.session.expiresAt);
			return { recoveryCodes: enrolled.codes, next: form.data.next ?? '' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
