// Workshop rooms, the guests' side: join by code without an account, then leave sticky notes and propose additions to
// the map. A guest is reached only through their browser's token (its hash is stored), is bound to one room, and
// every verb here checks again that the room is open and the guest not removed. What guests write passes the
// identifier check first: anything it flags is held for the facilitator.
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { areas, mapActors, roomGuests, roomNotes, roomProposals, rooms, votes, type Room, type RoomGuest } from '$lib/server/db/schema';
import { currentMap, type MapRead } from '$lib/server/map/cache';
import { placeDot, voteSeenBy, type DotMove } from '$lib/server/workshops';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { ROOM_JOIN_PER_ADDRESS } from '$lib/domain/rate-limit';
import { guestRefusal, isRoomOpen, ROOM_CLOSED_MESSAGE, type NoteKind, type NoteTarget } from '$lib/domain/rooms';
import { flaggedKinds } from '$lib/domain/hydra/identifiers';
import { STAGE_LABELS, STAGES, type Passes, type Rating, type Sector, type Stage } from '$lib/domain/map/enums';
import { handoffsOf, outcomesOf } from './index';
import { sharedRoomRead } from './shared';

/** A guest's words are refused with this, shown where they tried to act. */
export class GuestRefused extends Error {}

export interface GuestSession {
	guest: RoomGuest;
	room: Room;
}

/** The room with this join code, or null. */
export async function roomByCode(code: string) {
	const [room] = await db.select().from(rooms).where(eq(rooms.code, code));
	return room ?? null;
}

/** The guest a browser's token belongs to, with their room; null for an unknown token. */
export async function guestByToken(tokenHash: string): Promise<GuestSession | null> {
	const [row] = await db.select({ guest: roomGuests, room: rooms }).from(roomGuests).innerJoin(rooms, eq(rooms.id, roomGuests.roomId)).where(eq(roomGuests.tokenHash, tokenHash));
	return row ?? null;
}

// "Last seen" is written at most this often per guest: a room of 80 reloading together should not queue 80 writes.
const SEEN_EVERY_MS = 30_000;

/** Marks the guest as seen now (for the facilitator's list of who is in). */
export async function markGuestSeen(guest: RoomGuest, now = new Date()) {
	if (now.getTime() - guest.lastSeenAt.getTime() < SEEN_EVERY_MS) return;
	await db
		.update(roomGuests)
		.set({ lastSeenAt: now })
		.where(and(eq(roomGuests.id, guest.id), lt(roomGuests.lastSeenAt, new Date(now.getTime() - SEEN_EVERY_MS))));
}

export interface JoinInput {
	displayName: string;
	organisation: string;
}

/** Joins the open room with this code as a new guest holding `tokenHash`. Rate limited per client address. */
export async function joinRoom(code: string, input: JoinInput, tokenHash: string, clientAddress: string) {
	await takeFromWindow('room-join', clientAddress, ROOM_JOIN_PER_ADDRESS);
	return db.transaction(async (tx) => {
		const [room] = await tx.select().from(rooms).where(eq(rooms.code, code)).for('share');
		if (!room) throw new NotFoundError();
		if (!isRoomOpen(room, new Date())) throw new GuestRefused(ROOM_CLOSED_MESSAGE);
		const [guest] = await tx
			.insert(roomGuests)
			.values({ id: newId(), areaId: room.areaId, roomId: room.id, displayName: input.displayName, organisation: input.organisation, tokenHash })
			.returning();
		await audit(tx, {
			actorId: null,
			areaId: room.areaId,
			entity: 'room_guest',
			entityId: guest.id,
			action: 'join',
			after: { by: 'guest', displayName: guest.displayName, organisation: guest.organisation, roomId: room.id },
			roomId: room.id
		});
		return { guest, room };
	});
}

/**
 * Re-reads the guest and their room under a share lock inside the verb's transaction (so a close or a removal is
 * ordered with this), and refuses with the reason when they may do nothing more.
 */
async function assertGuestMayAct(tx: Executor, session: GuestSession) {
	const [row] = await tx
		.select({ guest: roomGuests, room: rooms })
		.from(roomGuests)
		.innerJoin(rooms, eq(rooms.id, roomGuests.roomId))
		.where(eq(roomGuests.id, session.guest.id))
		.for('share');
	if (!row) throw new NotFoundError();
	const refusal = guestRefusal(row.room, row.guest, new Date());
	if (refusal) throw new GuestRefused(refusal);
	return row;
}

/** The things in the area a note can be on, with the label the record keeps. */
async function targetLabel(tx: Executor, areaId: string, kind: NoteTarget, id: string): Promise<string | null> {
	switch (kind) {
		case 'stage':
			return (STAGES as readonly string[]).includes(id) ? STAGE_LABELS[id as Stage] : null;
		case 'actor': {
			const [actor] = await tx.select({ name: mapActors.name }).from(mapActors).where(and(eq(mapActors.areaId, areaId), eq(mapActors.id, id)));
			return actor?.name ?? null;
		}
		case 'handoff': {
			const [handoff] = await handoffsOf(tx, areaId, id);
			return handoff ? `${handoff.from} → ${handoff.to}: ${handoff.label}` : null;
		}
		case 'outcome':
			return (await outcomesOf(tx, areaId)).find((o) => o.id === id)?.title ?? null;
	}
}

export interface NoteInput {
	kind: NoteKind;
	targetKind: NoteTarget;
	targetId: string;
	text: string;
}

const authorOf = (guest: RoomGuest) => ({ guestId: guest.id, authorName: guest.displayName, authorOrganisation: guest.organisation });

/** Leaves a sticky note; one the identifier check flags is held for the facilitator, seen by nobody else. */
export async function addNote(session: GuestSession, input: NoteInput) {
	const flagged = flaggedKinds(input.text);
	return db.transaction(async (tx) => {
		const { guest, room } = await assertGuestMayAct(tx, session);
		const label = await targetLabel(tx, room.areaId, input.targetKind, input.targetId);
		if (!label) throw new InputError({ targetId: 'Choose something on this area’s map, journey or theory of change.' });
		const [note] = await tx
			.insert(roomNotes)
			.values({ id: newId(), areaId: room.areaId, roomId: room.id, ...authorOf(guest), ...input, targetLabel: label, status: flagged ? 'held' : 'shown', flagged })
			.returning();
		await audit(tx, { actorId: null, areaId: room.areaId, entity: 'room_note', entityId: note.id, action: 'create', after: { by: 'guest', ...note }, roomId: room.id });
		return note;
	});
}

export interface ProposalInput {
	name: string;
	sector: Sector;
}

export interface HandoffProposalInput {
	fromActorId: string;
	toActorId: string;
	label: string;
	stage: Stage;
	passes: Passes;
	rating: Rating;
	description: string;
}

/** Proposes a new actor for the map; the facilitator accepts or declines it. */
export async function proposeActor(session: GuestSession, input: ProposalInput) {
	return db.transaction(async (tx) => {
		const { guest, room } = await assertGuestMayAct(tx, session);
		const [proposal] = await tx
			.insert(roomProposals)
			.values({ id: newId(), areaId: room.areaId, roomId: room.id, ...authorOf(guest), kind: 'actor', name: input.name, sector: input.sector })
			.returning();
		await audit(tx, { actorId: null, areaId: room.areaId, entity: 'room_proposal', entityId: proposal.id, action: 'create', after: { by: 'guest', ...proposal }, roomId: room.id });
		return proposal;
	});
}

/** Proposes a new handoff between two actors of the room's area; the facilitator accepts or declines it. */
export async function proposeHandoff(session: GuestSession, input: HandoffProposalInput) {
	return db.transaction(async (tx) => {
		const { guest, room } = await assertGuestMayAct(tx, session);
		const ends = await tx
			.select({ id: mapActors.id })
			.from(mapActors)
			.where(and(eq(mapActors.areaId, room.areaId), inArray(mapActors.id, [input.fromActorId, input.toActorId])));
		const found = new Set(ends.map((e) => e.id));
		const errors: Record<string, string> = {};
		if (!found.has(input.fromActorId)) errors.fromActorId = 'Choose an actor on this area’s map.';
		if (!found.has(input.toActorId)) errors.toActorId = 'Choose an actor on this area’s map.';
		if (Object.keys(errors).length) throw new InputError(errors);
		const { label, ...rest } = input;
		const [proposal] = await tx
			.insert(roomProposals)
			.values({ id: newId(), areaId: room.areaId, roomId: room.id, ...authorOf(guest), kind: 'handoff', name: label, ...rest })
			.returning();
		await audit(tx, { actorId: null, areaId: room.areaId, entity: 'room_proposal', entityId: proposal.id, action: 'create', after: { by: 'guest', ...proposal }, roomId: room.id });
		return proposal;
	});
}

/**
 * What a guest's screen shows: the room, the shown notes, the proposals made so far, and the room's votes as this
 * guest sees them (tallies hidden until the facilitator reveals them). Re-loaded with each change to the room, from
 * the room's shared read.
 */
export async function guestView(session: GuestSession, now = new Date()) {
	const { guest, room } = session;
	const shared = await sharedRoomRead(room, now.getTime());
	return {
		room: { title: room.title, startsAt: room.startsAt, endsAt: room.endsAt },
		me: { displayName: guest.displayName, organisation: guest.organisation },
		refusal: guestRefusal(room, guest, now),
		notes: shared.notes.map(({ flagged: _flagged, status: _status, ...note }) => note),
		// Other guests' proposals show once decided; a guest sees their own while pending too.
		proposals: shared.proposals
			.filter((p) => p.status !== 'pending' || p.guestId === guest.id)
			.map(({ guestId, flagged: _flagged, ...p }) => ({ ...p, mine: guestId === guest.id })),
		votes: shared.votes.map((vote) => voteSeenBy(vote, guest.id, now))
	};
}

/**
 * What a guest's notes can be on: the area's actors, handoffs and outcomes. Loaded apart from the notes (a room of 80
 * re-loads those with every note), from the map read reused until the map changes (its version is one indexed lookup).
 */
export async function noteTargetsFor(session: GuestSession) {
	const { room } = session;
	const [[area], outcomes] = await Promise.all([
		db.select({ id: areas.id, mapVersion: areas.mapVersion }).from(areas).where(eq(areas.id, room.areaId)),
		outcomesOf(db, room.areaId)
	]);
	return { ...noteTargetsOf(await currentMap({ area })), outcomes };
}

const noteTargets = new WeakMap<MapRead, { actors: { id: string; name: string; sector: Sector }[]; handoffs: { id: string; label: string; from: string; to: string }[] }>();

/**
 * What a note can be on, once per map read: the actors by name (the order the map is read in), and the handoffs with
 * the names at each end, by the giving actor's name and then the label.
 */
function noteTargetsOf(read: MapRead) {
	let found = noteTargets.get(read);
	if (!found) {
		const actors = read.rows.actors.map((a) => ({ id: a.id, name: a.name, sector: a.sector }));
		const place = new Map(actors.map((a, i) => [a.id, i]));
		const handoffs = read.rows.handoffs
			.filter((h) => place.has(h.fromActorId) && place.has(h.toActorId))
			.sort((a, b) => place.get(a.fromActorId)! - place.get(b.fromActorId)! || a.label.localeCompare(b.label))
			.map((h) => ({ id: h.id, label: h.label, from: actors[place.get(h.fromActorId)!].name, to: actors[place.get(h.toActorId)!].name }));
		noteTargets.set(read, (found = { actors, handoffs }));
	}
	return found;
}

/** The area's actors' names, for a guest choosing their organisation. */
export function organisationsOf(room: Room) {
	return db.select({ name: mapActors.name }).from(mapActors).where(eq(mapActors.areaId, room.areaId)).orderBy(asc(mapActors.name));
}

/** Places or takes back one of the guest's dots on a vote of their own room, while they may still act. */
export async function moveGuestDot(session: GuestSession, input: DotMove) {
	return db.transaction(async (tx) => {
		const { guest, room } = await assertGuestMayAct(tx, session);
		return placeDot(tx, eq(votes.roomId, room.id), { guestId: guest.id }, input, { actorId: null, by: { by: 'guest', displayName: guest.displayName, organisation: guest.organisation } });
	});
}
