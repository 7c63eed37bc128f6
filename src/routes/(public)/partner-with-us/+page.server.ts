import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { enquirySchema } from '$lib/validators/enquiries';
import { submitEnquiry } from '$lib/server/enquiries';
import { ENQUIRY_TOPICS, type EnquiryTopic } from '$lib/domain/enquiries';

export function load({ url }) {
	const asked = url.searchParams.get('topic') as EnquiryTopic;
	return { sent: url.searchParams.has('sent'), topic: ENQUIRY_TOPICS.includes(asked) ? asked : 'partnership' };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, enquirySchema);
		if (!form.ok) return form.failure;
		try {
			await submitEnquiry(form.data, event.getClientAddress());
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/partner-with-us?sent=1');
	}
};
