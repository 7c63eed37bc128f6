import { fail, redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { intakeSchema } from '$lib/validators/bookings';
import { bookConsultation, listOpenSlots, SlotTakenError } from '$lib/server/bookings';
import { slotDays } from '$lib/domain/slot-options';
import { findOffer } from '$lib/server/enquiries';
import { BOOKING_TYPE_OF } from '$lib/domain/enquiries';

export async function load({ url }) {
	const after = url.searchParams.get('after');
	const offer = await offerPrefill(url.searchParams.get('offer') ?? '');
	return { ...slotDays(await listOpenSlots(), 6, after && /^\d{4}-\d{2}-\d{2}$/.test(after) ? after : undefined), offer };
}

/** A consultation offer's link fills in what the enquiry already told us; a stale link is just the ordinary page. */
async function offerPrefill(token: string) {
	const enquiry = await findOffer(token);
	if (!enquiry) return null;
	return {
		token,
		values: {
			name: enquiry.name,
			organisation: enquiry.organisation,
			organisationType: BOOKING_TYPE_OF[enquiry.organisationType],
			localArea: enquiry.place,
			email: enquiry.email,
			phone: enquiry.phone
		}
	};
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, intakeSchema);
		if (!form.ok) return form.failure;
		if (form.data.website) {
			// The hidden field only a bot fills in: nothing is stored, and the message says only what a person needs.
			return fail(400, {
				errors: { _form: 'Your request could not be sent. Please try again, or email us instead.' },
				values: form.values
			});
		}
		const { website: _, ...input } = form.data;
		let token: string;
		try {
			token = (await bookConsultation(input, event.getClientAddress())).token;
		} catch (err) {
			if (err instanceof SlotTakenError) {
				return fail(409, { errors: { slot: err.message }, values: { ...form.values, slot: '' } });
			}
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/consultation/manage/${token}?booked=1`);
	}
};
