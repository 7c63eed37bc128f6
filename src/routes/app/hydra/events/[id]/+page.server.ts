import { error, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { deleteEventSchema, updateEventSchema } from '$lib/validators/hydra';
import { areaChoices, deleteEvent, getEvent, updateEvent } from '$lib/server/hydra/events';
import { NotFoundError } from '$lib/server/errors';
import { londonDate, londonTime } from '$lib/domain/slots';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	try {
		const found = await getEvent(user, event.params.id);
		return {
			event: found,
			// The form's values as the person typed them: London date and wall-clock times.
			values: {
				title: found.title,
				date: londonDate(found.startsAt),
				startTime: londonTime(found.startsAt),
				endTime: londonTime(found.endsAt),
				place: found.place,
				capacity: String(found.capacity),
				areaId: found.areaId ?? '',
				listed: found.listed ? 'on' : ''
			},
			areas: await areaChoices(user)
		};
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

export const actions = {
	update: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, updateEventSchema);
		if (!form.ok) return form.failure;
		try {
			await updateEvent(user, event.params.id, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { saved: true };
	},
	delete: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, deleteEventSchema);
		if (!form.ok) return form.failure;
		try {
			await deleteEvent(user, event.params.id, form.data.version);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app/hydra/events?done=deleted');
	}
};
