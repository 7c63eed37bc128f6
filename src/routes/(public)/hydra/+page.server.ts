import { redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { hydraRequestSchema } from '$lib/validators/hydra';
import { submitHydraRequest } from '$lib/server/hydra/requests';
import { upcomingListedEvents } from '$lib/server/hydra/events';

export async function load({ url }) {
	const events = await upcomingListedEvents();
	const asked = url.searchParams.get('event');
	return {
		events,
		sent: url.searchParams.get('sent'),
		// "Ask for a place" on a session links here with it chosen.
		chosen: events.some((e) => e.id === asked && e.placesLeft > 0) ? asked : null
	};
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, hydraRequestSchema);
		if (!form.ok) return form.failure;
		try {
			await submitHydraRequest(form.data, event.getClientAddress());
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/hydra?sent=${form.data.kind}#request`);
	}
};
