import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { openVoteSchema } from '$lib/validators/workshops';
import { listVotes, openVote } from '$lib/server/workshops';
import { areaRoleAtLeast } from '$lib/domain/roles';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'votes');
	return { votes: await listVotes(context), canFacilitate: areaRoleAtLeast(context.role, 'lead') };
}

export const actions = {
	open: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, openVoteSchema);
		if (!form.ok) return form.failure;
		let id: string;
		try {
			({ id } = await openVote(context, form.data));
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${context.area.slug}/votes/${id}`);
	}
};
