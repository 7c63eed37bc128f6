import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { presentStepSchema } from '$lib/validators/workshops';
import { presentView, setPresentationStep } from '$lib/server/workshops';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'present', 'map');
	return presentView(context, event.url.searchParams);
}

export const actions = {
	step: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, presentStepSchema);
		if (!form.ok) return form.failure;
		try {
			await setPresentationStep(context, form.data.step);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
