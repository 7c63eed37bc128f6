// Workshop rooms, the facilitator's side: open a room for an area, see who is in, remove a guest, close the room,
// release or discard held notes, accept or decline proposals. Facilitating is for the area's leads (consultants
// running the workshop, and admins), as for present mode and votes. Every change is audited, which also tells the
// area's pages and the room's guests (see $lib/server/realtime).
import QRCode from 'qrcode';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type Executor } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { mapActors, mapHandoffs, roomGuests, roomNotes, roomProposals, rooms, tocNodes, type Room, type RoomProposal } from '$lib/server/db/schema';
import { newId, newJoinCode } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { link } from '$lib/server/mail';
import { addActor, addHandoff, assertEditor } from '$lib/server/map';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { isRoomOpen, roomTimesProblem } from '$lib/domain/rooms';
import { flaggedKinds } from '$lib/domain/hydra/identifiers';
import { OUTCOME_KINDS } from '$lib/domain/toc';
import type { AreaContext } from '$lib/server/areas';

function assertFacilitator(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'lead')) throw new NotFoundError();
}

export interface RoomInput {
	title: string;
	startsAt: Date;
	endsAt: Date;
}

/** Opens a room for the area with a fresh join code (drawn again on the rare clash with another room's). */
export async function openRoom(context: AreaContext, input: RoomInput, now = new Date()) {
	assertFacilitator(context);
	const problem = roomTimesProblem(input.startsAt, input.endsAt, now);
	if (Object.keys(problem).length) throw new InputError(problem);
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.transaction(async (tx) => {
				const [room] = await tx
					.insert(rooms)
					.values({ id: newId(), areaId: context.area.id, title: input.title, code: newJoinCode(), startsAt: input.startsAt, endsAt: input.endsAt, openedBy: context.user.id })
					.returning();
				await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'room', entityId: room.id, action: 'open', after: room, roomId: room.id });
				return room;
			});
		} catch (err) {
			if (pgCode(err) === PG.uniqueViolation && attempt < 5) continue;
			throw err;
		}
	}
}

/** The area's rooms, newest first, with how many guests joined and whether each is open now. */
export async function listRooms(context: AreaContext, now = new Date()) {
	const rows = await db
		.select({
			room: rooms,
			guests: sql<number>`(select count(*) from room_guests g where g.room_id = rooms.id)`.mapWith(Number),
			notes: sql<number>`(select count(*) from room_notes n where n.room_id = rooms.id and n.status = 'shown')`.mapWith(Number)
		})
		.from(rooms)
		.where(eq(rooms.areaId, context.area.id))
		.orderBy(desc(rooms.startsAt), desc(rooms.id));
	return rows.map((r) => ({ ...r.room, guests: r.guests, notes: r.notes, open: isRoomOpen(r.room, now) }));
}

async function roomOf(executor: Executor, context: AreaContext, roomId: string, lock = false) {
	const query = executor.select().from(rooms).where(and(eq(rooms.areaId, context.area.id), eq(rooms.id, roomId)));
	const [room] = lock ? await query.for('update') : await query;
	if (!room) throw new NotFoundError();
	return room;
}

/** The join link (always on ORIGIN, so phones in the room reach the address Homeward was set up for) and its QR code. */
export async function joinLinkOf(room: Pick<Room, 'code'>) {
	const url = link(`/w/${room.code}`);
	// Dark on white with a quiet zone: scans from the back of a room off a washed-out projector.
	const qr = await QRCode.toDataURL(url, { margin: 2, width: 640, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
	return { url, qr };
}

/** What the room holds: notes (the facilitator sees held ones too), proposals, and the ends of proposed handoffs. */
export async function roomRecord(executor: Executor, room: Room, opts: { withHeld: boolean }) {
	const from = alias(mapActors, 'from_actor');
	const to = alias(mapActors, 'to_actor');
	const [notes, proposals] = await Promise.all([
		executor
			.select({
				id: roomNotes.id,
				kind: roomNotes.kind,
				targetKind: roomNotes.targetKind,
				targetId: roomNotes.targetId,
				targetLabel: roomNotes.targetLabel,
				text: roomNotes.text,
				status: roomNotes.status,
				flagged: roomNotes.flagged,
				authorName: roomNotes.authorName,
				authorOrganisation: roomNotes.authorOrganisation,
				createdAt: roomNotes.createdAt
			})
			.from(roomNotes)
			.where(and(eq(roomNotes.roomId, room.id), opts.withHeld ? sql`${roomNotes.status} <> 'discarded'` : eq(roomNotes.status, 'shown')))
			.orderBy(asc(roomNotes.createdAt), asc(roomNotes.id)),
		executor
			.select({
				id: roomProposals.id,
				kind: roomProposals.kind,
				name: roomProposals.name,
				sector: roomProposals.sector,
				stage: roomProposals.stage,
				passes: roomProposals.passes,
				rating: roomProposals.rating,
				description: roomProposals.description,
				status: roomProposals.status,
				from: from.name,
				to: to.name,
				authorName: roomProposals.authorName,
				authorOrganisation: roomProposals.authorOrganisation,
				guestId: roomProposals.guestId,
				createdAt: roomProposals.createdAt
			})
			.from(roomProposals)
			.leftJoin(from, and(eq(from.areaId, roomProposals.areaId), eq(from.id, roomProposals.fromActorId)))
			.leftJoin(to, and(eq(to.areaId, roomProposals.areaId), eq(to.id, roomProposals.toActorId)))
			.where(eq(roomProposals.roomId, room.id))
			.orderBy(asc(roomProposals.createdAt), asc(roomProposals.id))
	]);
	// A note's flags are for the facilitator's eyes: they say what kind of identifier a note seemed to hold. A proposal
	// is seen by nobody else until the facilitator accepts it, so its words are checked for them to read before deciding.
	return {
		notes: opts.withHeld ? notes : notes.map((n) => ({ ...n, flagged: '' })),
		proposals: proposals.map((p) => ({ ...p, flagged: opts.withHeld ? flaggedKinds(`${p.name}\n${p.description}`) : '' }))
	};
}

/** The facilitator's page: the room, who is in (and when last seen), its join link and QR code, and its record. */
export async function facilitatorView(context: AreaContext, roomId: string, now = new Date()) {
	const room = await roomOf(db, context, roomId);
	const canFacilitate = areaRoleAtLeast(context.role, 'lead');
	const open = isRoomOpen(room, now);
	const guests = await db
		.select({ id: roomGuests.id, displayName: roomGuests.displayName, organisation: roomGuests.organisation, joinedAt: roomGuests.joinedAt, lastSeenAt: roomGuests.lastSeenAt, removedAt: roomGuests.removedAt })
		.from(roomGuests)
		.where(eq(roomGuests.roomId, room.id))
		.orderBy(asc(roomGuests.joinedAt), asc(roomGuests.id));
	const record = await roomRecord(db, room, { withHeld: canFacilitate });
	return { room: { ...room, code: open ? room.code : null }, open, canFacilitate, guests, ...record, join: open ? await joinLinkOf(room) : null };
}

/** Closes the room for good: guests' next requests are refused. A room already closed (or past its end) stays as it is. */
export async function closeRoom(context: AreaContext, roomId: string) {
	assertFacilitator(context);
	await db.transaction(async (tx) => {
		const room = await roomOf(tx, context, roomId, true);
		if (!isRoomOpen(room, new Date())) return;
		const [closed] = await tx.update(rooms).set({ closedAt: new Date() }).where(eq(rooms.id, room.id)).returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'room', entityId: room.id, action: 'close', before: room, after: closed, roomId: room.id });
	});
}

/** Removes a guest from the room: their next action is refused. Their notes and proposals stay in the record. */
export async function removeGuest(context: AreaContext, roomId: string, guestId: string) {
	assertFacilitator(context);
	await db.transaction(async (tx) => {
		const room = await roomOf(tx, context, roomId);
		const [guest] = await tx
			.update(roomGuests)
			.set({ removedAt: new Date() })
			.where(and(eq(roomGuests.roomId, room.id), eq(roomGuests.id, guestId), isNull(roomGuests.removedAt)))
			.returning();
		if (!guest) return;
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'room_guest',
			entityId: guest.id,
			action: 'remove',
			after: { displayName: guest.displayName, organisation: guest.organisation, removedAt: guest.removedAt },
			roomId: room.id
		});
	});
}

/** Releases a held note to every screen, or discards it (a shown note may be discarded too). */
export async function moderateNote(context: AreaContext, roomId: string, input: { noteId: string; decision: 'release' | 'discard' }) {
	assertFacilitator(context);
	await db.transaction(async (tx) => {
		const room = await roomOf(tx, context, roomId);
		const [note] = await tx.select().from(roomNotes).where(and(eq(roomNotes.roomId, room.id), eq(roomNotes.id, input.noteId))).for('update');
		if (!note) throw new NotFoundError();
		const status = input.decision === 'release' ? 'shown' : 'discarded';
		if (input.decision === 'release' && note.status !== 'held') return;
		if (note.status === status) return;
		const [changed] = await tx.update(roomNotes).set({ status, moderatedBy: context.user.id, moderatedAt: new Date() }).where(eq(roomNotes.id, note.id)).returning();
		// The trail keeps what was decided, not a discarded note's words again.
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'room_note',
			entityId: note.id,
			action: input.decision,
			before: { status: note.status },
			after: { status: changed.status },
			roomId: room.id
		});
	});
}

export const PROPOSAL_END_REMOVED = {
	from: 'The actor who hands over has been removed from the map since this was proposed, so nothing was added. Decline it, or put the actor back first.',
	to: 'The actor who receives has been removed from the map since this was proposed, so nothing was added. Decline it, or put the actor back first.'
} as const;

/** A proposal the map refuses (a name already taken, an end removed): said beside the proposal, nothing added. */
const notAdded = (message: string) => new InputError({ proposal: message });

/**
 * Puts an accepted proposal on the map through the map's own path (audited and recorded for Undo like any form's
 * edit), inside the caller's transaction. A handoff's ends are read under a share lock, so an actor removed meanwhile
 * is found here (and one being removed waits for this to commit).
 */
async function acceptInto(tx: Executor, context: AreaContext, room: Room, proposal: RoomProposal) {
	const provenance = `Proposed by ${proposal.authorName} (${proposal.authorOrganisation}) in “${room.title}”.`;
	if (proposal.kind === 'actor') {
		const [taken] = await tx
			.select({ id: mapActors.id })
			.from(mapActors)
			.where(and(eq(mapActors.areaId, context.area.id), eq(sql`lower(${mapActors.name})`, proposal.name.toLowerCase())));
		if (taken) throw notAdded(`“${proposal.name}” is already on the map, so nothing was added. Decline this proposal.`);
		return addActor(tx, context, { name: proposal.name, sector: proposal.sector!, kind: 'organisation', audience: 'both', description: provenance });
	}
	const ends = await tx
		.select({ id: mapActors.id })
		.from(mapActors)
		.where(and(eq(mapActors.areaId, context.area.id), inArray(mapActors.id, [proposal.fromActorId!, proposal.toActorId!])))
		.for('share');
	const found = new Set(ends.map((e) => e.id));
	if (!found.has(proposal.fromActorId!)) throw notAdded(PROPOSAL_END_REMOVED.from);
	if (!found.has(proposal.toActorId!)) throw notAdded(PROPOSAL_END_REMOVED.to);
	const [same] = await tx
		.select({ id: mapHandoffs.id })
		.from(mapHandoffs)
		.where(and(eq(mapHandoffs.areaId, context.area.id), eq(mapHandoffs.fromActorId, proposal.fromActorId!), eq(mapHandoffs.toActorId, proposal.toActorId!), eq(sql`lower(${mapHandoffs.label})`, proposal.name.toLowerCase())));
	if (same) throw notAdded(`These two actors already have a handoff called “${proposal.name}”, so nothing was added. Decline this proposal.`);
	return addHandoff(tx, context, {
		fromActorId: proposal.fromActorId!,
		toActorId: proposal.toActorId!,
		label: proposal.name,
		stage: proposal.stage!,
		passes: proposal.passes!,
		rating: proposal.rating!,
		audience: 'both',
		trigger: '',
		standard: '',
		evidence: '',
		notes: proposal.description ? `${proposal.description}\n\n${provenance}` : provenance,
		isGap: false
	});
}

/**
 * Accepts a pending proposal into the map as an ordinary edit (the map module's own path, versioned and audited like
 * any form's), or declines it: one transaction, so the map and the proposal's status never disagree. Deciding needs
 * the room open: after it closes, proposals stay as they were.
 */
export async function decideProposal(context: AreaContext, roomId: string, input: { proposalId: string; decision: 'accept' | 'decline' }) {
	assertFacilitator(context);
	if (input.decision === 'accept') assertEditor(context);
	try {
		return await db.transaction(async (tx) => {
			const room = await roomOf(tx, context, roomId);
			const [proposal] = await tx
				.select()
				.from(roomProposals)
				.where(and(eq(roomProposals.roomId, room.id), eq(roomProposals.id, input.proposalId)))
				.for('update');
			if (!proposal) throw new NotFoundError();
			if (proposal.status !== 'pending') throw new ConflictError(`This proposal has already been ${proposal.status}.`);
			if (!isRoomOpen(room, new Date())) throw new ConflictError('This room has closed, so its proposals stay as they were.');
			const result = input.decision === 'accept' ? await acceptInto(tx, context, room, proposal) : null;
			const [decided] = await tx
				.update(roomProposals)
				.set({ status: input.decision === 'accept' ? 'accepted' : 'declined', decidedBy: context.user.id, decidedAt: new Date(), resultId: result?.id ?? null })
				.where(and(eq(roomProposals.id, proposal.id), eq(roomProposals.status, 'pending')))
				.returning();
			if (!decided) throw new ConflictError('This proposal has already been decided.');
			await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'room_proposal', entityId: proposal.id, action: input.decision, before: { status: 'pending' }, after: decided, roomId: room.id });
			return decided;
		});
	} catch (err) {
		// A race the checks above did not see: the name taken, or an end removed, in the same instant.
		if (pgCode(err) === PG.uniqueViolation) throw notAdded('The same thing reached the map a moment ago, so nothing was added. Decline this proposal.');
		if (pgCode(err) === PG.foreignKeyViolation) throw notAdded('An actor of this handoff was removed from the map a moment ago, so nothing was added.');
		throw err;
	}
}

/** The outcomes of the area's theory of change, for notes on an outcome. */
export function outcomesOf(executor: Executor, areaId: string) {
	return executor
		.select({ id: tocNodes.id, title: tocNodes.title })
		.from(tocNodes)
		.where(and(eq(tocNodes.areaId, areaId), sql`${tocNodes.kind} in (${sql.join(OUTCOME_KINDS.map((k) => sql`${k}`), sql`, `)})`))
		.orderBy(asc(tocNodes.title));
}

/** The handoffs of an area (or the one with `id`) with the names at each end, for notes on a handoff. */
export function handoffsOf(executor: Executor, areaId: string, id?: string) {
	const from = alias(mapActors, 'from_actor');
	const to = alias(mapActors, 'to_actor');
	return executor
		.select({ id: mapHandoffs.id, label: mapHandoffs.label, from: from.name, to: to.name })
		.from(mapHandoffs)
		.innerJoin(from, and(eq(from.areaId, mapHandoffs.areaId), eq(from.id, mapHandoffs.fromActorId)))
		.innerJoin(to, and(eq(to.areaId, mapHandoffs.areaId), eq(to.id, mapHandoffs.toActorId)))
		.where(id === undefined ? eq(mapHandoffs.areaId, areaId) : and(eq(mapHandoffs.areaId, areaId), eq(mapHandoffs.id, id)))
		.orderBy(asc(from.name), asc(mapHandoffs.label));
}
