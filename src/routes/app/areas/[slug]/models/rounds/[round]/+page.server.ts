import type { RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { setRoundStatus } from '$lib/server/models/surveys';
import { roundStatusSchema } from '$lib/validators/models';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { loadResults } from './results.server';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'surveys', 'models');
	return { ...(await loadResults(context, event)), canEdit: areaRoleAtLeast(context.role, 'editor') };
}

/** Opening and closing a round is the facilitator's: an editor or lead of the area. */
async function change(event: RequestEvent<{ slug: string; round: string }>, status: 'open' | 'closed') {
	const context = await requireArea(event, 'editor');
	const form = await parseForm(event.request, roundStatusSchema);
	if (!form.ok) return form.failure;
	try {
		await setRoundStatus(context, { id: event.params.round, version: form.data.version, status });
		return { message: status === 'closed' ? 'The round is closed: it takes no more answers.' : 'The round is open again: the link takes answers.' };
	} catch (err) {
		return failureFrom(event, err, form.values);
	}
}

export const actions = {
	close: async (event) => change(event, 'closed'),
	reopen: async (event) => change(event, 'open')
};
