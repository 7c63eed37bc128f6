// What every guest of a room sees alike (its shown notes, its proposals, its votes with their ballots and dots), read
// once per change to the room rather than once per screen (see sharedReads): a note makes each of a room's 80 phones
// re-load. A read also expires for what changes beside the room (a ballot's actor renamed on the map). Each guest's
// own part (their dots, their pending proposals, whether they may still act) is worked out from it per request.
import { db } from '$lib/server/db';
import type { Room } from '$lib/server/db/schema';
import { followRoom } from '$lib/server/realtime';
import { sharedReads } from '$lib/server/realtime/shared-read';
import { readVote, roomVotes } from '$lib/server/workshops';
import { workshopRoom } from '$lib/domain/live';
import { roomRecord } from './index';

async function readShared(room: Room) {
	const [record, votes] = await Promise.all([roomRecord(db, room, { withHeld: false }), roomVotes(room.areaId, room.id)]);
	return { ...record, votes: await Promise.all(votes.map(readVote)) };
}

/** The room's shared read, from the last change to it on (callers must not change what it holds). */
export const sharedRoomRead = sharedReads(readShared, {
	key: (room) => room.id,
	follow: (roomId, drop) => followRoom(workshopRoom(roomId), drop)
});
