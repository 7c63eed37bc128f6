// Whether a syndicate chosen in a staff form belongs to the exercise at hand: a forged id from another exercise
// changes nothing.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '$lib/server/db';
import { hydraSyndicates } from '$lib/server/db/schema';

export async function isSyndicateOf(executor: Executor, exerciseId: string, syndicateId: string) {
	const [row] = await executor
		.select({ id: hydraSyndicates.id })
		.from(hydraSyndicates)
		.where(and(eq(hydraSyndicates.exerciseId, exerciseId), eq(hydraSyndicates.id, syndicateId)));
	return row !== undefined;
}
