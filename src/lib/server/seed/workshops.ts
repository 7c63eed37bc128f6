// Demo content for facilitation: a finished dot vote in Northbrook, so its results and "make this an action" show, and
// a workshop room that met a fortnight ago, so a room's record shows.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import { mapActors, mapHandoffs, roomGuests, roomNotes, rooms, voteDots, votes } from '$lib/server/db/schema';
import { hashToken, newId, newJoinCode, newToken } from '$lib/server/ids';

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
			{ areaId, voteId: id, voter: userId, userId, itemId: ballot[0].id, count: 2 },
			{ areaId, voteId: id, voter: userId, userId, itemId: ballot[(i + 1) % ballot.length].id, count: 1 }
		])
	);
}

/** A closed room with two guests and their notes (fictional names). Its guests' tokens were never handed out. */
export async function seedRoom(tx: Transaction, areaId: string, openedBy: string) {
	const [actor] = await tx.select({ id: mapActors.id, name: mapActors.name }).from(mapActors).where(eq(mapActors.areaId, areaId)).orderBy(asc(mapActors.name)).limit(1);
	if (!actor) return;
	const startsAt = new Date(Date.now() - 14 * 86_400_000);
	const [room] = await tx
		.insert(rooms)
		.values({ id: newId(), areaId, title: 'Northbrook, workshop 2', code: newJoinCode(), startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), openedBy })
		.returning();
	const guests = [
		{ displayName: 'Priya', organisation: 'Northbrook Police' },
		{ displayName: 'Tom', organisation: 'Northbrook Children’s Services' }
	].map((g) => ({ id: newId(), areaId, roomId: room.id, ...g, tokenHash: hashToken(newToken()), joinedAt: startsAt, lastSeenAt: startsAt }));
	await tx.insert(roomGuests).values(guests);
	await tx.insert(roomNotes).values([
		{ id: newId(), areaId, roomId: room.id, guestId: guests[0].id, authorName: guests[0].displayName, authorOrganisation: guests[0].organisation, kind: 'breaks', targetKind: 'stage', targetId: 'return', targetLabel: 'Return', text: 'Return interviews are offered after 72 hours more often than within them.', status: 'shown', createdAt: startsAt },
		{ id: newId(), areaId, roomId: room.id, guestId: guests[1].id, authorName: guests[1].displayName, authorOrganisation: guests[1].organisation, kind: 'works', targetKind: 'actor', targetId: actor.id, targetLabel: actor.name, text: 'A named contact who answers the same day.', status: 'shown', createdAt: startsAt }
	]);
}
