import { error, redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { sightingSchema } from '$lib/validators/heroes';
import { getAppeal, reportSighting } from '$lib/server/heroes';
import { link } from '$lib/server/mail';

export async function load({ params, url }) {
	const appeal = await getAppeal(params.id);
	// A removed appeal is gone, not "found": a 404, shown by ./+error.svelte as an ended appeal with no details.
	if (!appeal) error(404, 'Not found');
	return { appeal, shareUrl: link(`/appeals/${appeal.id}`), reported: url.searchParams.has('reported') };
}

export const actions = {
	default: async (event) => {
		const form = await parseForm(event.request, sightingSchema);
		if (!form.ok) return form.failure;
		try {
			await reportSighting(event.params.id, form.data, event.getClientAddress());
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/appeals/${event.params.id}?reported=1#sighting`);
	}
};
