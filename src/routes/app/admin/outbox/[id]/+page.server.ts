import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { resendMail, viewOutboxMessage } from '$lib/server/mail';
import { failureFrom, parseForm } from '$lib/server/forms';
import { emptySchema } from '$lib/validators/admin';

export async function load(event) {
	requireRole(event, 'admin');
	const message = await viewOutboxMessage(event.params.id);
	if (!message) error(404, 'Not found');
	return { message };
}

export const actions = {
	resend: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, emptySchema);
		if (!form.ok) return form.failure;
		try {
			await resendMail(admin, event.params.id);
			return { message: 'The mail is queued and will be sent at the next attempt.' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
