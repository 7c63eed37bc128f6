// What every guest of a room sees alike (its shown notes, its proposals, its votes with their ballots and dots), read
// once per change to the room rather than once per screen. A note makes each of a room's 80 phones re-load; without
// this each re-load read the same rows again. The read is dropped when the room's next change reaches this instance,
// by the same event that makes the phones re-load, so a re-load after a change never gets the read from before it;
// a read also lasts at most FRESH_MS, for what changes beside the room (a ballot's actor renamed on the map) and in
// case an event is lost. Each guest's own part (their dots, their pending proposals, whether they may still act) is
// worked out from it per request.
import { db } from '$lib/server/db';
import type { Room } from '$lib/server/db/schema';
import { followRoom, hearsChanges } from '$lib/server/realtime';
import { readVote, roomVotes } from '$lib/server/workshops';
import { workshopRoom } from '$lib/domain/live';
import { roomRecord } from './index';

const FRESH_MS = 10_000;
const ROOMS = 32;

async function readShared(room: Room) {
	const [record, votes] = await Promise.all([roomRecord(db, room, { withHeld: false }), roomVotes(room.areaId, room.id)]);
	return { ...record, votes: await Promise.all(votes.map(readVote)) };
}

export type SharedRoomRead = Awaited<ReturnType<typeof readShared>>;

interface Entry {
	read: Promise<SharedRoomRead>;
	at: number;
	stop: () => void;
}

// Per database (tests open several in one process), per room.
const caches = new WeakMap<object, Map<string, Entry>>();

/** The room's shared read, from the last change to it on (callers must not change what it holds). */
export function sharedRoomRead(room: Room, now = Date.now()): Promise<SharedRoomRead> {
	// Without the events nothing would say when a read is out of date.
	if (!hearsChanges()) return readShared(room);
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const found = cache.get(room.id);
	if (found && now - found.at < FRESH_MS) return found.read;
	found?.stop();
	const entry: Entry = { read: readShared(room), at: now, stop: () => {} };
	// Followed in the same turn as the read starts: a change whose event arrives later is dropped with its read, and
	// one whose event came earlier had committed before the read began.
	const entries = cache;
	const drop = () => {
		if (entries.get(room.id) !== entry) return;
		entries.delete(room.id);
		entry.stop();
	};
	entry.stop = followRoom(workshopRoom(room.id), drop);
	entry.read.catch(drop);
	cache.delete(room.id);
	cache.set(room.id, entry);
	if (cache.size > ROOMS) {
		const [oldest, dropped] = cache.entries().next().value!;
		cache.delete(oldest);
		dropped.stop();
	}
	return entry.read;
}
