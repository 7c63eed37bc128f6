// A workshop room's record after the room: who took part, its notes by what they are on, its revealed votes and what it
// added to the map. Plain data (JSON-safe), so the action plan can carry it into an issued version and its PDF.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { roomGuests, rooms } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { roomVotes, voteResult } from '$lib/server/workshops';
import { closedAt, isRoomOpen, notesByTarget, proposalText } from '$lib/domain/rooms';
import { isRevealed } from '$lib/domain/present';
import { formatSpan } from '$lib/domain/dates';
import type { AreaScope } from '$lib/server/areas';
import { roomRecord } from './index';

/** The record of one of the area's rooms (404 for a room of another area). Held and discarded notes never appear. */
export async function workshopRecord(context: AreaScope, roomId: string, now = new Date()) {
	const [room] = await db.select().from(rooms).where(and(eq(rooms.areaId, context.area.id), eq(rooms.id, roomId)));
	if (!room) throw new NotFoundError();
	const open = isRoomOpen(room, now);
	const [people, record, votes] = await Promise.all([
		// A guest the facilitator removed is not listed as having taken part; their notes stay, under their name.
		db
			.select({ name: roomGuests.displayName, organisation: roomGuests.organisation })
			.from(roomGuests)
			.where(and(eq(roomGuests.roomId, room.id), isNull(roomGuests.removedAt)))
			.orderBy(asc(roomGuests.organisation), asc(roomGuests.displayName), asc(roomGuests.id)),
		roomRecord(db, room, { withHeld: false }),
		roomVotes(context.area.id, room.id)
	]);
	const revealed = votes.filter(isRevealed).reverse();
	const results = await Promise.all(revealed.map(voteResult));
	return {
		id: room.id,
		title: room.title,
		when: open ? `${formatSpan(room.startsAt, room.endsAt)} (still open)` : formatSpan(room.startsAt, closedAt(room)),
		people,
		notes: notesByTarget(record.notes),
		noteCount: record.notes.length,
		votes: revealed.map((vote, i) => ({
			question: vote.question,
			voters: results[i].voters,
			items: results[i].dotted.map(({ label, detail, dots }) => ({ label, detail, dots })),
			undotted: results[i].undotted
		})),
		accepted: record.proposals.filter((p) => p.status === 'accepted').map((p) => ({ text: proposalText(p), by: `${p.authorName}, ${p.authorOrganisation}` }))
	};
}
export type WorkshopRecord = Awaited<ReturnType<typeof workshopRecord>>;
