// Demo content for facilitation: a finished dot vote in Northbrook, so its results and "make this an action" show.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import { mapHandoffs, voteDots, votes } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';

export async function seedWorkshops(tx: Transaction, areaId: string, openedBy: string, voters: string[]) {
	const ballot = await tx
		.select({ id: mapHandoffs.id })
		.from(mapHandoffs)
		.where(and(eq(mapHandoffs.areaId, areaId), inArray(mapHandoffs.rating, ['broken', 'absent'])))
		.orderBy(asc(mapHandoffs.label));
	if (ballot.length === 0) return;
	const id = newId();
	const openedAt = new Date(Date.now() - 14 * 86_400_000);
	await tx.insert(votes).values({
		id,
		areaId,
		question: 'Which handoffs should we fix first?',
		scope: 'gaps',
		dots: 3,
		openedBy,
		openedAt,
		closedAt: new Date(openedAt.getTime() + 20 * 60_000)
	});
	// Each voter spends their three dots: two on the first gap, one on a different one each.
	await tx.insert(voteDots).values(
		voters.flatMap((userId, i) => [
			{ areaId, voteId: id, userId, handoffId: ballot[0].id, count: 2 },
			{ areaId, voteId: id, userId, handoffId: ballot[(i + 1) % ballot.length].id, count: 1 }
		])
	);
}
