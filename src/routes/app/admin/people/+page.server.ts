import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { eraseSchema, subjectSchema } from '$lib/validators/admin';
import { eraseSubject, findSubject, liftSuppression } from '$lib/server/privacy';

export function load(event) {
	requireRole(event, 'admin');
}

// Searches are posted, not put in the URL, so that the address stays out of logs and browser history.
export const actions = {
	search: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, subjectSchema);
		if (!form.ok) return form.failure;
		return { found: await findSubject(admin, form.data.email), values: form.values };
	},
	erase: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, eraseSchema);
		if (!form.ok) {
			// Unconfirmed: show what was found again beside the error, so the admin can look before ticking.
			const { errors, values } = form.failure.data;
			const subject = subjectSchema.safeParse({ email: values.email ?? '' });
			return fail(400, { errors, values, found: subject.success ? await findSubject(admin, subject.data.email) : undefined });
		}
		try {
			const counts = await eraseSubject(admin, form.data.email);
			const total = Object.values(counts).reduce((a, b) => a + b, 0);
			return {
				erased: { email: form.data.email, total },
				found: await findSubject(admin, form.data.email),
				values: { email: form.data.email }
			};
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	lift: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, subjectSchema);
		if (!form.ok) return form.failure;
		try {
			await liftSuppression(admin, form.data.email);
			return { lifted: form.data.email, found: await findSubject(admin, form.data.email), values: form.values };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
