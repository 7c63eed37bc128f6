import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { enquiryStatusSchema } from '$lib/validators/enquiries';
import { listEnquiries, setEnquiryStatus } from '$lib/server/enquiries';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { enquiries: await listEnquiries(user) };
}

export const actions = {
	status: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, enquiryStatusSchema);
		if (!form.ok) return form.failure;
		try {
			await setEnquiryStatus(user, form.data.enquiryId, form.data.status, form.data.version);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { saved: true };
	}
};
