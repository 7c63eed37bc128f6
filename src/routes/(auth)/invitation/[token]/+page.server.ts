import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { acceptInvitationSchema } from '$lib/validators/auth';
import { acceptInvitation, findInvitation } from '$lib/server/auth/invitations';
import { setSessionCookie } from '$lib/server/auth/session';

export async function load({ params }) {
	const found = await findInvitation(params.token);
	if (!found) return { invitation: null };
	return { invitation: { email: found.invitation.email, areaName: found.areaName, areaRole: found.invitation.areaRole } };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, acceptInvitationSchema);
		if (!form.ok) return form.failure;
		try {
			const { token, session } = await acceptInvitation(event.params.token, form.data);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app?welcome=1');
	}
};
