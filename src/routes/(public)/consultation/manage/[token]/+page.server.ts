import { error, fail, redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { cancelSchema, rescheduleSchema } from '$lib/validators/bookings';
import { cancelByToken, findByToken, leadCalendar, rescheduleByToken, rescheduleOptions, SlotTakenError } from '$lib/server/bookings';
import { slotDays } from '$lib/domain/slot-options';
import { timeRange } from '$lib/domain/slots';
import { formatDate } from '$lib/domain/dates';
import { joiningText, ORGANISATION_TYPE_LABELS } from '$lib/domain/bookings';

export async function load({ params, url }) {
	const found = await findByToken(params.token);
	if (!found) error(404, 'This link has expired or is not valid. Reply to your confirmation email and we will help.');
	const { booking, consultantName, consultantEmail, canChange, joining } = found;
	const calendar = booking.status === 'confirmed' ? leadCalendar(booking, { name: consultantName, email: consultantEmail }, joining, params.token) : null;
	const after = url.searchParams.get('after');
	return {
		booking: {
			status: booking.status,
			when: `${formatDate(booking.startsAt)}, ${timeRange(booking.startsAt, booking.endsAt)}`,
			consultantName,
			joining: booking.status === 'confirmed' ? joiningText(joining) : null,
			leadName: booking.leadName,
			organisation: `${booking.organisation} (${ORGANISATION_TYPE_LABELS[booking.organisationType]})`,
			localArea: booking.localArea,
			email: booking.email,
			cancelReason: booking.status === 'cancelled' && booking.cancelReasonShared ? booking.cancelReason : null
		},
		calendar: calendar && { ics: `/consultation/manage/${params.token}/invite.ics`, google: calendar.google, outlook: calendar.outlook },
		canChange,
		options: canChange
			? slotDays(await rescheduleOptions(booking), 5, after && /^\d{4}-\d{2}-\d{2}$/.test(after) ? after : undefined)
			: { days: [], more: null }
	};
}

export const actions = {
	reschedule: async (event) => {
		const form = await parseForm(event.request, rescheduleSchema);
		if (!form.ok) return form.failure;
		try {
			await rescheduleByToken(event.params.token, form.data.slot);
		} catch (err) {
			if (err instanceof SlotTakenError) return fail(409, { errors: { slot: err.message }, values: { slot: '' } });
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/consultation/manage/${event.params.token}?moved=1`);
	},
	cancel: async (event) => {
		const form = await parseForm(event.request, cancelSchema);
		if (!form.ok) return form.failure;
		try {
			await cancelByToken(event.params.token);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/consultation/manage/${event.params.token}?cancelled=1`);
	}
};
