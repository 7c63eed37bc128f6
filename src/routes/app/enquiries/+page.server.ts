import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { enquiryStatusSchema, offerConsultationSchema, prospectAreaSchema } from '$lib/validators/enquiries';
import { listEnquiries, setEnquiryStatus } from '$lib/server/enquiries';
import { listOwners, offerConsultation, startProspectArea } from '$lib/server/pipeline';
import { ownerAction } from '$lib/server/pipeline/owner-action';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const [enquiries, owners] = await Promise.all([listEnquiries(user), listOwners()]);
	return { enquiries, owners };
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
	},
	offer: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, offerConsultationSchema);
		if (!form.ok) return form.failure;
		try {
			await offerConsultation(user, form.data.enquiryId, form.data.version);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { offered: form.data.enquiryId };
	},
	area: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, prospectAreaSchema);
		if (!form.ok) return form.failure;
		const { enquiryId, version, ...input } = form.data;
		let slug: string;
		try {
			slug = (await startProspectArea(user, enquiryId, input, version)).slug;
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${slug}?created=1`);
	},
	owner: ownerAction
};
