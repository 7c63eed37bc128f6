import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { dotSchema } from '$lib/validators/workshops';
import { closeVote, getVote, moveMyDot, revealVote } from '$lib/server/workshops';
import { NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { error } from '@sveltejs/kit';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'votes', 'map');
	try {
		return {
			...(await getVote(context, event.params.id)),
			canFacilitate: areaRoleAtLeast(context.role, 'lead'),
			canAddActions: areaRoleAtLeast(context.role, 'editor')
		};
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

export const actions = {
	// Every member of the area votes, viewers included: voting is taking part, not editing the plan.
	dot: async (event) => {
		const context = await requireArea(event);
		const form = await parseForm(event.request, dotSchema);
		if (!form.ok) return form.failure;
		try {
			await moveMyDot(context, { voteId: event.params.id, ...form.data });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	close: async (event) => {
		const context = await requireArea(event, 'lead');
		try {
			await closeVote(context, event.params.id);
		} catch (err) {
			return failureFrom(event, err, {});
		}
	},
	reveal: async (event) => {
		const context = await requireArea(event, 'lead');
		try {
			await revealVote(context, event.params.id);
		} catch (err) {
			return failureFrom(event, err, {});
		}
	}
};
