import { z } from 'zod';
import { MAX_DOTS, MAX_VOTE_MINUTES, VOTE_SCOPES } from '$lib/domain/live';
import { choice, requiredText, safeString } from './common';

const id = safeString().min(1).max(64);

export const openVoteSchema = z
	.object({
		question: requiredText('the question the room is voting on', 200),
		scope: choice(VOTE_SCOPES, 'Choose what is on the vote.'),
		dots: z.coerce
			.number({ message: `Give each person between 1 and ${MAX_DOTS} dots.` })
			.int({ message: `Give each person between 1 and ${MAX_DOTS} dots.` })
			.min(1, { message: `Give each person between 1 and ${MAX_DOTS} dots.` })
			.max(MAX_DOTS, { message: `Give each person between 1 and ${MAX_DOTS} dots.` })
	})
	.strict();

const dotFields = { itemId: id, change: z.enum(['1', '-1']).transform((v) => (v === '1' ? 1 : -1) as 1 | -1) };
export const dotSchema = z.object(dotFields).strict();
/** A guest's dot names its vote: the room's page holds every vote of the room. */
export const guestDotSchema = z.object({ ...dotFields, voteId: id }).strict();

/** A vote opened in a workshop room may run against a countdown. */
export const openRoomVoteSchema = openVoteSchema.extend({
	minutes: z.coerce
		.number({ message: `Give the vote between 1 and ${MAX_VOTE_MINUTES} minutes.` })
		.int({ message: `Give the vote between 1 and ${MAX_VOTE_MINUTES} minutes.` })
		.min(1, { message: `Give the vote between 1 and ${MAX_VOTE_MINUTES} minutes.` })
		.max(MAX_VOTE_MINUTES, { message: `Give the vote between 1 and ${MAX_VOTE_MINUTES} minutes.` })
}).strict();
