import { parseForm, failureFrom } from '$lib/server/forms';
import { resetRequestSchema } from '$lib/validators/auth';
import { requestPasswordReset } from '$lib/server/auth/passwords';

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, resetRequestSchema);
		if (!form.ok) return form.failure;
		try {
			await requestPasswordReset(form.data.email, event.getClientAddress());
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { sent: true, email: form.data.email };
	}
};
