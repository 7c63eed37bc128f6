import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { bookingJoiningSchema, bookingUpdateSchema, consultantCancelSchema, engagementSchema, moveSchema } from '$lib/validators/bookings';
import {
	bookingJoining,
	cancelAsConsultant,
	getBooking,
	moveBooking,
	moveOptions,
	setBookingJoining,
	SlotTakenError,
	startEngagement,
	updateBooking
} from '$lib/server/bookings';
import { NotFoundError } from '$lib/server/errors';
import { slotDays } from '$lib/domain/slot-options';
import { error, fail } from '@sveltejs/kit';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	try {
		const { booking, consultantName, areaSlug, areaName } = await getBooking(user, event.params.id);
		const { tokenHash: _, tokenSealed: __, ...visible } = booking;
		const after = event.url.searchParams.get('after');
		return {
			booking: visible,
			consultantName,
			joining: await bookingJoining(booking),
			area: areaSlug ? { slug: areaSlug, name: areaName } : null,
			moveOptions: slotDays(await moveOptions(user, booking.id), 3, after && /^\d{4}-\d{2}-\d{2}$/.test(after) ? after : undefined),
			hasStarted: booking.startsAt <= new Date()
		};
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
	move: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, moveSchema);
		if (!form.ok) return form.failure;
		try {
			await moveBooking(user, event.params.id, form.data);
		} catch (err) {
			if (err instanceof SlotTakenError) return fail(409, { errors: { slot: err.message }, values: { ...form.values, slot: '' } });
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/consultations/${event.params.id}?moved=1`);
	},
	cancel: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, consultantCancelSchema);
		if (!form.ok) return form.failure;
		const { reason, shareReason, version } = form.data;
		try {
			await cancelAsConsultant(user, event.params.id, { reason, shareReason: shareReason === 'yes', version });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/consultations/${event.params.id}?cancelled=1`);
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
