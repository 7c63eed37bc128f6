import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { availabilitySchema, overrideDeleteSchema, overrideSchema } from '$lib/validators/bookings';
import { addOverride, deleteOverride, getAvailability, listOverrides, saveAvailability } from '$lib/server/bookings/availability';
import { formatIntervals, WEEKDAYS } from '$lib/domain/slots';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const [settings, overrides] = await Promise.all([getAvailability(user), listOverrides(user)]);
	return {
		settings: {
			...settings,
			days: Object.fromEntries(WEEKDAYS.map((d) => [d.key, formatIntervals(settings.weekly[d.key])]))
		},
		overrides
	};
}

export const actions = {
	save: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, availabilitySchema);
		if (!form.ok) return form.failure;
		const { day1, day2, day3, day4, day5, day6, day7, acceptingBookings, joiningKind, joiningDetail, ...rules } = form.data;
		const days = [day1, day2, day3, day4, day5, day6, day7];
		const weekly = Object.fromEntries(WEEKDAYS.map((d, i) => [d.key, days[i]]).filter(([, v]) => v.length));
		try {
			await saveAvailability(user, {
				...rules,
				weekly,
				acceptingBookings: acceptingBookings === 'yes',
				joiningKind: joiningKind || null,
				joiningDetail: joiningKind ? joiningDetail : null
			});
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app/consultations/availability?saved=1');
	},
	addOverride: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, overrideSchema);
		if (!form.ok) return form.failure;
		try {
			await addOverride(user, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app/consultations/availability?added=1#overrides');
	},
	deleteOverride: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, overrideDeleteSchema);
		if (!form.ok) return form.failure;
		try {
			await deleteOverride(user, form.data.id);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app/consultations/availability?removed=1#overrides');
	}
};
