import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { createEventSchema } from '$lib/validators/hydra';
import { areaChoices, createEvent, listEvents } from '$lib/server/hydra/events';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const [events, areas] = await Promise.all([listEvents(user), areaChoices(user)]);
	const now = Date.now();
	return {
		upcoming: events.filter((e) => e.event.endsAt.getTime() > now),
		past: events.filter((e) => e.event.endsAt.getTime() <= now).reverse(),
		areas,
		notice: event.url.searchParams.get('done')
	};
}

export const actions = {
	create: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, createEventSchema);
		if (!form.ok) return form.failure;
		try {
			await createEvent(user, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, '/app/hydra/events?done=created');
	}
};
