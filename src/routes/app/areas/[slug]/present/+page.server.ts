import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { presentStepSchema } from '$lib/validators/workshops';
import { presentationStep, setPresentationStep, stageHandoffs } from '$lib/server/workshops';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { PRESENT_STEPS } from '$lib/domain/live';

/** Participants follow the facilitator's step unless they choose to look around (`?follow=0&step=n`). */
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'present', 'map');
	const facilitatorStep = await presentationStep(context);
	const canFacilitate = areaRoleAtLeast(context.role, 'lead');
	const following = canFacilitate || event.url.searchParams.get('follow') !== '0';
	const asked = Number(event.url.searchParams.get('step'));
	const step = !following && Number.isInteger(asked) && asked >= 0 && asked < PRESENT_STEPS.length ? asked : facilitatorStep;
	return { step, facilitatorStep, following, canFacilitate, handoffs: await stageHandoffs(context, step) };
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
