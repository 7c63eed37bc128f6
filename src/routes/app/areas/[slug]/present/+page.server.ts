import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { drawingSchema, slideSchema, timerSchema } from '$lib/validators/present';
import { drawMapFrom, moveTo, presentPage, runTimer } from '$lib/server/present';
import { followsNotes } from '$lib/domain/present';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'present', 'map', 'votes', 'surveys', 'toc');
	const page = await presentPage(context, event.url.searchParams);
	if (followsNotes(page)) followTopics(event, context.area.id, 'rooms');
	return page;
}

export const actions = {
	step: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, slideSchema);
		if (!form.ok) return form.failure;
		try {
			await moveTo(context, form.data.slide);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	timer: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, timerSchema);
		if (!form.ok) return form.failure;
		try {
			await runTimer(context, form.data.action, form.data.minutes);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	draw: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, drawingSchema);
		if (!form.ok) return form.failure;
		try {
			await drawMapFrom(context, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
