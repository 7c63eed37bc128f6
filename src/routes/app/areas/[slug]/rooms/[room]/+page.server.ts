// A workshop room, for the area: the facilitator's page while it is open (join code, who is in, held notes,
// proposals), and its record afterwards.
import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { decideProposalSchema, guestSchema, moderateNoteSchema } from '$lib/validators/rooms';
import { closeRoom, decideProposal, facilitatorView, moderateNote, removeGuest } from '$lib/server/rooms';
import { openVote, roomVoteSummaries } from '$lib/server/workshops';
import { openRoomVoteSchema } from '$lib/validators/workshops';
import type { AreaContext } from '$lib/server/areas';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'rooms', 'votes');
	const view = await facilitatorView(context, event.params.room);
	return { ...view, votes: await roomVoteSummaries(context.area.id, view.room.id) };
}

/** A facilitator's action: a lead of the area, a valid form, one verb; its outcome is named by `done`. */
function facilitate<S extends z.ZodType>(schema: S | null, done: string, verb: (context: AreaContext, roomId: string, input: z.output<S>) => Promise<unknown>) {
	return async (event: RequestEvent<{ slug: string; room: string }>) => {
		const context = await requireArea(event, 'lead');
		let input = {} as z.output<S>;
		let values = {};
		if (schema) {
			const form = await parseForm(event.request, schema);
			if (!form.ok) return form.failure;
			({ data: input, values } = form);
		}
		try {
			await verb(context, event.params.room, input);
		} catch (err) {
			return failureFrom(event, err, values);
		}
		return { done };
	};
}

export const actions = {
	close: facilitate(null, 'closed', (context, roomId) => closeRoom(context, roomId)),
	remove: facilitate(guestSchema, 'removed', (context, roomId, input) => removeGuest(context, roomId, input.guestId)),
	moderate: facilitate(moderateNoteSchema, 'moderated', moderateNote),
	decide: facilitate(decideProposalSchema, 'decided', decideProposal),
	/** Opens a dot vote in the room (guests vote too, tallies hidden until revealed) and goes to it. */
	vote: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, openRoomVoteSchema);
		if (!form.ok) return form.failure;
		let id: string;
		try {
			({ id } = await openVote(context, { ...form.data, roomId: event.params.room }));
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${context.area.slug}/votes/${id}`);
	}
};
