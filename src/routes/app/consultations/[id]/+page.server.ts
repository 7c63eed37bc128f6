import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { bookingJoiningSchema, bookingUpdateSchema, engagementSchema } from '$lib/validators/bookings';
import { bookingJoining, getBooking, setBookingJoining, startEngagement, updateBooking } from '$lib/server/bookings';
import { NotFoundError } from '$lib/server/errors';
import { error } from '@sveltejs/kit';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	try {
		const { booking, consultantName, areaSlug, areaName } = await getBooking(user, event.params.id);
		const { tokenHash: _, ...visible } = booking;
		return { booking: visible, consultantName, joining: await bookingJoining(booking), area: areaSlug ? { slug: areaSlug, name: areaName } : null };
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

export const actions = {
	update: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, bookingUpdateSchema);
		if (!form.ok) return form.failure;
		try {
			await updateBooking(user, event.params.id, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/consultations/${event.params.id}?saved=1`);
	},
	joining: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, bookingJoiningSchema);
		if (!form.ok) return form.failure;
		const { joiningKind, joiningDetail, version } = form.data;
		try {
			await setBookingJoining(user, event.params.id, { joiningKind: joiningKind || null, joiningDetail: joiningKind ? joiningDetail : null, version });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/consultations/${event.params.id}?joining=1`);
	},
	engage: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, engagementSchema);
		if (!form.ok) return form.failure;
		let slug: string;
		try {
			slug = (await startEngagement(user, event.params.id, form.data.version)).slug;
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${slug}?created=1`);
	}
};
