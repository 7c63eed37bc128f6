import { z } from 'zod';
import { MAX_DOTS, VOTE_SCOPES } from '$lib/domain/live';
import { choice, requiredText, safeString } from './common';

const id = safeString().min(1).max(64);

export const openVoteSchema = z
	.object({
		question: requiredText('the question the room is voting on', 200),
		scope: choice(VOTE_SCOPES, 'Choose which handoffs are on the vote.'),
		dots: z.coerce
			.number({ message: `Give each person between 1 and ${MAX_DOTS} dots.` })
			.int({ message: `Give each person between 1 and ${MAX_DOTS} dots.` })
			.min(1, { message: `Give each person between 1 and ${MAX_DOTS} dots.` })
			.max(MAX_DOTS, { message: `Give each person between 1 and ${MAX_DOTS} dots.` })
	})
	.strict();

export const dotSchema = z
	.object({ handoffId: id, change: z.enum(['1', '-1']).transform((v) => (v === '1' ? 1 : -1) as 1 | -1) })
	.strict();
