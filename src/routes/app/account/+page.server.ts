import { requireUser } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { changePasswordSchema } from '$lib/validators/auth';
import { totpSchema } from '$lib/validators/two-factor';
import { changePassword } from '$lib/server/auth/passwords';
import { removeTotp, unusedRecoveryCodes } from '$lib/server/auth/two-factor';
import { setSessionCookie } from '$lib/server/auth/session';
import { twoFactorRequired } from '$lib/domain/two-factor';
import { config } from '$lib/server/config';
import { error } from '@sveltejs/kit';

export async function load(event) {
	const user = requireUser(event);
	return {
		twoFactor: {
			enabled: user.twoFactorEnabled,
			required: twoFactorRequired(user.role, config.requireTwoFactor),
			recoveryCodesLeft: user.twoFactorEnabled ? await unusedRecoveryCodes(user.id) : 0
		}
	};
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
	},
	removeTwoFactor: async (event) => {
		const user = requireUser(event);
		if (twoFactorRequired(user.role, config.requireTwoFactor)) error(403, 'Staff accounts must keep an authenticator.');
		const form = await parseForm(event.request, totpSchema);
		if (!form.ok) return form.failure;
		try {
			await removeTotp(user.id, form.data.code);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { removed: true };
	}
};
