import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { followRoomTopics } from '$lib/server/realtime';
import { boardPromptSchema } from '$lib/validators/hydra-live';
import { getDebrief, setBoardPrompt } from '$lib/server/hydra/exercises';
import { exerciseRoom } from '$lib/domain/live';
import { notFoundAs404 } from '../guard.server';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	followRoomTopics(event, exerciseRoom(event.params.id), 'exercise', 'decisions', 'board', 'notes');
	return notFoundAs404(getDebrief(user, event.params.id));
}

export const actions = {
	board: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, boardPromptSchema);
		if (!form.ok) return form.failure;
		try {
			await setBoardPrompt(user, { id: event.params.id, ...form.data });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'board' };
	}
};
