import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, mapActors, mapHandoffs, mapHistory, roomNotes, roomProposals } from '$lib/server/db/schema';
import { hashToken, newToken } from '$lib/server/ids';
import { InputError, NotFoundError } from '$lib/server/errors';
import { createActor, deleteActor } from '$lib/server/map';
import { undoOrRedo } from '$lib/server/map/history';
import { closeRoom, decideProposal, facilitatorView, listRooms, moderateNote, openRoom, PROPOSAL_END_REMOVED, removeGuest } from '$lib/server/rooms';
import { addNote, guestByToken, guestView, GuestRefused, joinRoom, moveGuestDot, noteTargetsFor, proposeActor, proposeHandoff } from '$lib/server/rooms/guests';
import { sharedRoomRead } from '$lib/server/rooms/shared';
import { getVote, moveMyDot, openVote, revealVote } from '$lib/server/workshops';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { follow, followRoom, startRealtime } from '$lib/server/realtime';
import { workshopRoom, type AreaChange, type RoomChange } from '$lib/domain/live';
import { GUEST_REMOVED_MESSAGE, ROOM_CLOSED_MESSAGE } from '$lib/domain/rooms';
import { ROOM_JOIN_PER_ADDRESS } from '$lib/domain/rate-limit';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

let address = 0;
const nextAddress = () => `10.8.${Math.floor(++address / 250)}.${address % 250}`;

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser(role === 'lead' ? 'consultant' : 'partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

const hours = (n: number) => new Date(Date.now() + n * 3_600_000);

async function openedRoom() {
	const lead = await contextFor('lead');
	const room = await openRoom(lead, { title: 'Northbrook, workshop 3', startsAt: hours(-1), endsAt: hours(1) });
	return { lead, room };
}

async function guestIn(code: string, displayName = 'Sam', organisation = 'Testshire Police', from = nextAddress()) {
	const token = newToken();
	await joinRoom(code, { displayName, organisation }, hashToken(token), from);
	return (await guestByToken(hashToken(token)))!;
}

describe('opening a room', () => {
	it('is for the area’s leads: a six-character code, listed as open', async () => {
		const { lead, room } = await openedRoom();
		expect(room.code).toMatch(/^[A-Z0-9]{6}$/);
		const [listed] = await listRooms(lead);
		expect(listed).toMatchObject({ id: room.id, open: true, guests: 0 });
		const editor = await contextFor('editor', lead.area);
		await expect(openRoom(editor, { title: 'x', startsAt: hours(-1), endsAt: hours(1) })).rejects.toBeInstanceOf(NotFoundError);
		await expect(openRoom(lead, { title: 'x', startsAt: hours(-3), endsAt: hours(-2) })).rejects.toBeInstanceOf(InputError);
	});

	it('shows the join link on ORIGIN, with a QR code, while the room is open', async () => {
		const { lead, room } = await openedRoom();
		const view = await facilitatorView(lead, room.id);
		expect(view.join?.url).toMatch(new RegExp(`/w/${room.code}$`));
		expect(view.join?.qr).toMatch(/^data:image\/png;base64,/);
		await closeRoom(lead, room.id);
		expect((await facilitatorView(lead, room.id)).join).toBeNull();
	});

	it('is out of reach from another area', async () => {
		const { room } = await openedRoom();
		const other = await contextFor('lead');
		await expect(facilitatorView(other, room.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(closeRoom(other, room.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('guests', () => {
	it('join an open room by its code and are audited as guests with their name and organisation', async () => {
		const { lead, room } = await openedRoom();
		const session = await guestIn(room.code, 'Priya', 'Testshire Police');
		expect(session.room.id).toBe(room.id);
		const [trail] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'room_guest'), eq(auditLog.entityId, session.guest.id)));
		expect(trail).toMatchObject({ actorId: null, areaId: lead.area.id, action: 'join', after: { by: 'guest', displayName: 'Priya', organisation: 'Testshire Police' } });
		expect((await facilitatorView(lead, room.id)).guests.map((g) => g.displayName)).toEqual(['Priya']);
	});

	it('cannot join a closed room, and a code that opens nothing is not found', async () => {
		const { lead, room } = await openedRoom();
		await closeRoom(lead, room.id);
		await expect(guestIn(room.code)).rejects.toThrow(ROOM_CLOSED_MESSAGE);
		await expect(joinRoom('ACDACD', { displayName: 'x', organisation: 'y' }, hashToken(newToken()), nextAddress())).rejects.toBeInstanceOf(NotFoundError);
	});

	it('from one venue address: a room of 80 joins, a flood does not', async () => {
		const { room } = await openedRoom();
		const venue = '10.7.0.1';
		for (let i = 0; i < 80; i++) await guestIn(room.code, `Guest ${i}`, 'Venue', venue);
		// Room for mistyped codes and re-joins past the 80, then the limit holds.
		let more = 0;
		for (; more < ROOM_JOIN_PER_ADDRESS.max; more++) {
			const refused = await guestIn(room.code, `More ${more}`, 'Venue', venue).then(() => false, (err) => err instanceof RateLimitedError);
			if (refused) break;
		}
		expect(80 + more).toBe(ROOM_JOIN_PER_ADDRESS.max);
	}, 120_000);

	it('leave notes; one the identifier check flags is held for the facilitator, who releases or discards it', async () => {
		const { lead, room } = await openedRoom();
		const session = await guestIn(room.code);
		const shown = await addNote(session, { kind: 'breaks', targetKind: 'stage', targetId: 'return', text: 'Return interviews come too late.' });
		expect(shown.status).toBe('shown');
		const held = await addNote(session, { kind: 'idea', targetKind: 'stage', targetId: 'before', text: 'Ring her mum on 07700 900123 first.' });
		expect(held).toMatchObject({ status: 'held', flagged: 'Phone number' });
		// Guests see only what is shown; the facilitator sees the held note and what was found.
		expect((await guestView(session)).notes.map((n) => n.text)).toEqual(['Return interviews come too late.']);
		const view = await facilitatorView(lead, room.id);
		expect(view.notes.find((n) => n.id === held.id)).toMatchObject({ status: 'held', flagged: 'Phone number' });
		await moderateNote(lead, room.id, { noteId: held.id, decision: 'discard' });
		expect((await facilitatorView(lead, room.id)).notes.map((n) => n.id)).toEqual([shown.id]);
		const [stored] = await db.select().from(roomNotes).where(eq(roomNotes.id, held.id));
		expect(stored.status).toBe('discarded');
	});

	it('write notes only on things of their own area', async () => {
		const { room } = await openedRoom();
		const session = await guestIn(room.code);
		const elsewhere = await contextFor('editor');
		const foreign = await createActor(elsewhere, { name: 'Other police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		await expect(addNote(session, { kind: 'idea', targetKind: 'actor', targetId: foreign.id, text: 'x' })).rejects.toBeInstanceOf(InputError);
		await expect(addNote(session, { kind: 'idea', targetKind: 'stage', targetId: 'nowhere', text: 'x' })).rejects.toBeInstanceOf(InputError);
	});

	it('are refused once removed, and everyone once the room closes', async () => {
		const { lead, room } = await openedRoom();
		const sam = await guestIn(room.code, 'Sam');
		const jo = await guestIn(room.code, 'Jo');
		await removeGuest(lead, room.id, sam.guest.id);
		await expect(addNote(sam, { kind: 'idea', targetKind: 'stage', targetId: 'before', text: 'x' })).rejects.toThrow(GUEST_REMOVED_MESSAGE);
		await addNote(jo, { kind: 'idea', targetKind: 'stage', targetId: 'before', text: 'Still here' });
		await closeRoom(lead, room.id);
		await expect(addNote(jo, { kind: 'idea', targetKind: 'stage', targetId: 'before', text: 'x' })).rejects.toBeInstanceOf(GuestRefused);
		await expect(proposeActor(jo, { name: 'Youth club', sector: 'voluntary' })).rejects.toThrow(ROOM_CLOSED_MESSAGE);
	});

	it('propose actors that the facilitator accepts into the map as an ordinary audited edit', async () => {
		const { lead, room } = await openedRoom();
		const session = await guestIn(room.code, 'Priya', 'Testshire Police');
		const proposal = await proposeActor(session, { name: 'Youth club', sector: 'voluntary' });
		await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' });
		const [actor] = await db.select().from(mapActors).where(and(eq(mapActors.areaId, lead.area.id), eq(mapActors.name, 'Youth club')));
		expect(actor).toMatchObject({ sector: 'voluntary', version: 1 });
		const [created] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'map_actor'), eq(auditLog.entityId, actor.id)));
		expect(created.actorId).toBe(lead.user.id);
		expect((await noteTargetsFor(session)).actors.map((a) => a.name)).toContain('Youth club');
		await expect(decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'decline' })).rejects.toThrow(/already/);
	});
});

describe('handoff proposals', () => {
	async function twoActors(lead: AreaContext) {
		const editor = await contextFor('editor', lead.area);
		const police = await createActor(editor, { name: 'Northbrook Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		const school = await createActor(editor, { name: 'Ashdale Academy', sector: 'education', kind: 'organisation', audience: 'both', description: '' });
		return { editor, police, school };
	}
	const short = (from: string, to: string, label = 'Missing notification to school') => ({
		fromActorId: from,
		toActorId: to,
		label,
		stage: 'during' as const,
		passes: 'information' as const,
		rating: 'absent' as const,
		description: 'Schools hear days later, if at all.'
	});
	const handoffsNamed = (areaId: string, label: string) => db.select().from(mapHandoffs).where(and(eq(mapHandoffs.areaId, areaId), eq(mapHandoffs.label, label)));
	const historyOf = (areaId: string) => db.select().from(mapHistory).where(eq(mapHistory.areaId, areaId));

	it('go on the map, once accepted, as the same versioned, audited and undoable edit as a member’s', async () => {
		const { lead, room } = await openedRoom();
		const { police, school } = await twoActors(lead);
		const priya = await guestIn(room.code, 'Priya', 'Ashdale Academy');
		const proposal = await proposeHandoff(priya, short(police.id, school.id));
		expect(proposal).toMatchObject({ kind: 'handoff', name: 'Missing notification to school', status: 'pending', authorName: 'Priya' });
		const [proposed] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'room_proposal'), eq(auditLog.entityId, proposal.id)));
		expect(proposed).toMatchObject({ actorId: null, action: 'create', after: { by: 'guest', authorName: 'Priya', authorOrganisation: 'Ashdale Academy' } });
		// Nothing on the map until the facilitator decides.
		expect(await handoffsNamed(lead.area.id, 'Missing notification to school')).toEqual([]);
		const pending = (await facilitatorView(lead, room.id)).proposals[0];
		expect(pending).toMatchObject({ from: 'Northbrook Police', to: 'Ashdale Academy', stage: 'during', passes: 'information', rating: 'absent', flagged: '' });

		const decided = await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' });
		const [handoff] = await handoffsNamed(lead.area.id, 'Missing notification to school');
		expect(handoff).toMatchObject({ fromActorId: police.id, toActorId: school.id, stage: 'during', passes: 'information', rating: 'absent', version: 1 });
		expect(handoff.notes).toContain('Schools hear days later, if at all.');
		expect(handoff.notes).toContain('Proposed by Priya (Ashdale Academy) in “Northbrook, workshop 3”.');
		expect(decided).toMatchObject({ status: 'accepted', resultId: handoff.id });
		const [created] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'map_handoff'), eq(auditLog.entityId, handoff.id)));
		expect(created).toMatchObject({ actorId: lead.user.id, action: 'create' });
		// The facilitator's Undo takes it off the map again, like any edit of theirs.
		const [entry] = (await historyOf(lead.area.id)).filter((h) => h.userId === lead.user.id);
		await undoOrRedo(lead, entry.id, 'undo');
		expect(await handoffsNamed(lead.area.id, 'Missing notification to school')).toEqual([]);
		// Every guest sees it decided.
		const ben = await guestIn(room.code, 'Ben');
		expect((await guestView(ben)).proposals).toMatchObject([{ name: 'Missing notification to school', status: 'accepted', from: 'Northbrook Police', to: 'Ashdale Academy' }]);
	});

	it('are refused with the reason when an actor was removed meanwhile, and nothing changes', async () => {
		const { lead, room } = await openedRoom();
		const { editor, police, school } = await twoActors(lead);
		const sam = await guestIn(room.code);
		const proposal = await proposeHandoff(sam, short(police.id, school.id));
		await deleteActor(editor, { id: school.id, version: school.version });
		const before = { history: (await historyOf(lead.area.id)).length, audit: (await db.select().from(auditLog).where(eq(auditLog.areaId, lead.area.id))).length };

		const refused = await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' }).catch((err) => err);
		expect(refused).toBeInstanceOf(InputError);
		expect((refused as InputError).errors).toEqual({ proposal: PROPOSAL_END_REMOVED.to });
		expect(await handoffsNamed(lead.area.id, 'Missing notification to school')).toEqual([]);
		const [still] = await db.select().from(roomProposals).where(eq(roomProposals.id, proposal.id));
		expect(still).toMatchObject({ status: 'pending', resultId: null, decidedAt: null });
		expect((await historyOf(lead.area.id)).length).toBe(before.history);
		expect((await db.select().from(auditLog).where(eq(auditLog.areaId, lead.area.id))).length).toBe(before.audit);
		// The record names the end that is gone; the facilitator can still decline it.
		expect((await facilitatorView(lead, room.id)).proposals[0]).toMatchObject({ from: 'Northbrook Police', to: null });
		await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'decline' });
		expect((await db.select().from(roomProposals).where(eq(roomProposals.id, proposal.id)))[0].status).toBe('declined');
	});

	it('are accepted in one transaction: when recording the decision fails, the map is as it was', async () => {
		const { lead, room } = await openedRoom();
		const { police, school } = await twoActors(lead);
		const sam = await guestIn(room.code);
		const handoff = await proposeHandoff(sam, short(police.id, school.id, 'Atomic handoff'));
		const actor = await proposeActor(sam, { name: 'Atomic youth club', sector: 'voluntary' });
		const before = (await historyOf(lead.area.id)).length;
		// The decision's own write fails after the map's: a trigger stands in for a crash between the two.
		await db.execute(sql`create function refuse_decision() returns trigger language plpgsql as $$ begin raise exception 'decision refused by the test'; end $$`);
		await db.execute(sql`create trigger refuse_decision before update on room_proposals for each row when (new.status = 'accepted') execute function refuse_decision()`);
		try {
			for (const proposal of [handoff, actor])
				await expect(decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' })).rejects.toThrow(/update "room_proposals"/);
		} finally {
			await db.execute(sql`drop trigger refuse_decision on room_proposals`);
			await db.execute(sql`drop function refuse_decision()`);
		}
		expect(await handoffsNamed(lead.area.id, 'Atomic handoff')).toEqual([]);
		expect(await db.select().from(mapActors).where(and(eq(mapActors.areaId, lead.area.id), eq(mapActors.name, 'Atomic youth club')))).toEqual([]);
		expect((await historyOf(lead.area.id)).length).toBe(before);
		const rows = await db.select().from(roomProposals).where(eq(roomProposals.roomId, room.id));
		expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
		// And with nothing in the way, both go on.
		for (const proposal of [handoff, actor]) await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' });
		expect(await handoffsNamed(lead.area.id, 'Atomic handoff')).toHaveLength(1);
	});

	it('two facilitators accepting at once put it on the map once', async () => {
		const { lead, room } = await openedRoom();
		const { police, school } = await twoActors(lead);
		const other = await contextFor('lead', lead.area);
		const sam = await guestIn(room.code);
		const proposal = await proposeHandoff(sam, short(police.id, school.id, 'Raced handoff'));
		const results = await Promise.allSettled([lead, other].map((c) => decideProposal(c, room.id, { proposalId: proposal.id, decision: 'accept' })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await handoffsNamed(lead.area.id, 'Raced handoff')).toHaveLength(1);
	});

	it('name actors of the room’s own area only, and stop when the room closes', async () => {
		const { lead, room } = await openedRoom();
		const { police, school } = await twoActors(lead);
		const elsewhere = await contextFor('editor');
		const foreign = await createActor(elsewhere, { name: 'Other police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		const sam = await guestIn(room.code);
		const refused = await proposeHandoff(sam, short(foreign.id, school.id)).catch((err) => err);
		expect(refused).toBeInstanceOf(InputError);
		expect(Object.keys((refused as InputError).errors)).toEqual(['fromActorId']);
		const pending = await proposeHandoff(sam, short(police.id, school.id));
		await closeRoom(lead, room.id);
		await expect(proposeHandoff(sam, short(police.id, school.id, 'Late'))).rejects.toThrow(ROOM_CLOSED_MESSAGE);
		// After the room, its proposals stay as they were.
		await expect(decideProposal(lead, room.id, { proposalId: pending.id, decision: 'accept' })).rejects.toThrow(/closed/);
		expect(await db.select().from(roomProposals).where(eq(roomProposals.roomId, room.id))).toMatchObject([{ status: 'pending' }]);
	});

	it('reach the area’s map pages and the room’s screens as soon as accepted', async () => {
		const stop = await startRealtime();
		try {
			const { lead, room } = await openedRoom();
			const { police, school } = await twoActors(lead);
			const sam = await guestIn(room.code);
			const proposal = await proposeHandoff(sam, short(police.id, school.id, 'Live handoff'));
			const area: AreaChange[] = [];
			const inRoom: RoomChange[] = [];
			const unfollow = follow(lead.area.id, { change: (c) => area.push(c), presence: () => {} });
			const unfollowRoom = followRoom(workshopRoom(room.id), (c) => inRoom.push(c));
			await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' });
			const end = Date.now() + 2000;
			const accepted = (c: RoomChange) => c.entity === 'room_proposal' && c.action === 'accept';
			while ((!area.some((c) => c.entity === 'map_handoff') || !inRoom.some(accepted)) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			expect(area.map((c) => [c.topic, c.entity, c.action])).toContainEqual(['map', 'map_handoff', 'create']);
			// The proposal's own earlier event may still be on its way on PostgreSQL: what matters is the decision's.
			expect(inRoom.filter((c) => c.entityId === proposal.id).map((c) => [c.topic, c.entity, c.action])).toContainEqual(['proposals', 'room_proposal', 'accept']);
			// Guests' screens hear of the room's change only: the map's own event goes to the area's members.
			expect(inRoom.some((c) => c.entity === 'map_handoff')).toBe(false);
			unfollow();
			unfollowRoom();
		} finally {
			await stop();
		}
	});
});

describe('live updates', () => {
	it('give every guest one read of the room until its next change, then the change as soon as its event arrives', async () => {
		const stop = await startRealtime();
		try {
			const { room } = await openedRoom();
			const heard: RoomChange[] = [];
			const unfollow = followRoom(workshopRoom(room.id), (c) => heard.push(c));
			const until = async (seen: (c: RoomChange) => boolean) => {
				const end = Date.now() + 2000;
				while (!heard.some(seen) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			};
			const sam = await guestIn(room.code, 'Sam');
			const ann = await guestIn(room.code, 'Ann');
			await until((c) => c.entityId === ann.guest.id);
			const first = await sharedRoomRead(room);
			expect(await sharedRoomRead(room)).toBe(first);
			expect((await guestView(sam)).notes).toEqual([]);

			const note = await addNote(ann, { kind: 'idea', targetKind: 'stage', targetId: 'before', text: 'Share the return interview.' });
			await until((c) => c.entityId === note.id);
			expect(await sharedRoomRead(room)).not.toBe(first);
			expect((await guestView(sam)).notes.map((n) => [n.text, n.authorName])).toEqual([['Share the return interview.', 'Ann']]);
			unfollow();
		} finally {
			await stop();
		}
	});

	it('reach the room’s own stream, never another room’s', async () => {
		const stop = await startRealtime();
		try {
			const { lead, room } = await openedRoom();
			const other = await openedRoom();
			const heard: RoomChange[] = [];
			const elsewhere: RoomChange[] = [];
			const setUp = (c: RoomChange) => c.entity === 'room' && c.action === 'open';
			const unfollow = followRoom(workshopRoom(room.id), (c) => setUp(c) || heard.push(c));
			const unfollowOther = followRoom(workshopRoom(other.room.id), (c) => setUp(c) || elsewhere.push(c));
			const session = await guestIn(room.code);
			await addNote(session, { kind: 'works', targetKind: 'stage', targetId: 'during', text: 'Daily call works.' });
			const proposal = await proposeActor(session, { name: 'Youth club', sector: 'voluntary' });
			await decideProposal(lead, room.id, { proposalId: proposal.id, decision: 'accept' });
			const end = Date.now() + 2000;
			while (heard.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			expect(heard.map((c) => [c.topic, c.entity, c.action])).toEqual([
				['room', 'room_guest', 'join'],
				['notes', 'room_note', 'create'],
				['proposals', 'room_proposal', 'create'],
				['proposals', 'room_proposal', 'accept']
			]);
			expect(elsewhere).toEqual([]);
			unfollow();
			unfollowOther();
		} finally {
			await stop();
		}
	});
});

describe('dot votes in a room', () => {
	it('let guests and members spend their dots; tallies stay hidden from everyone until the facilitator reveals them', async () => {
		const { lead, room } = await openedRoom();
		const editor = await contextFor('editor', lead.area);
		const police = await createActor(editor, { name: 'Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		const school = await createActor(editor, { name: 'School', sector: 'education', kind: 'organisation', audience: 'both', description: '' });
		const vote = await openVote(lead, { question: 'Who matters most?', scope: 'actors', dots: 2, roomId: room.id, minutes: 5 });
		expect(vote.hidden).toBe(true);
		expect(vote.endsAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
		const sam = await guestIn(room.code, 'Sam');
		await moveGuestDot(sam, { voteId: vote.id, itemId: police.id, change: 1 });
		await moveGuestDot(sam, { voteId: vote.id, itemId: police.id, change: 1 });
		await expect(moveGuestDot(sam, { voteId: vote.id, itemId: school.id, change: 1 })).rejects.toThrow('You have placed all 2 of your dots');
		await moveMyDot(lead, { voteId: vote.id, itemId: school.id, change: 1 });

		const [hidden] = (await guestView(sam)).votes;
		expect(hidden.items.map((i) => i.dots)).toEqual([null, null]);
		expect(hidden).toMatchObject({ voters: 2, spent: 2, mine: { [police.id]: 2 } });
		expect((await getVote(lead, vote.id)).items.every((i) => i.dots === null)).toBe(true);

		await revealVote(lead, vote.id);
		const [shown] = (await guestView(sam)).votes;
		expect(shown.items.map((i) => [i.label, i.dots])).toEqual([['Police', 2], ['School', 1]]);
	});

	it('refuse a guest’s dot on another room’s vote, and every dot once the room closes', async () => {
		const { lead, room } = await openedRoom();
		await createActor(await contextFor('editor', lead.area), { name: 'Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		const vote = await openVote(lead, { question: 'Q', scope: 'actors', dots: 2, roomId: room.id, minutes: 5 });
		const [item] = (await getVote(lead, vote.id)).items;
		const other = await openedRoom();
		const stranger = await guestIn(other.room.code);
		await expect(moveGuestDot(stranger, { voteId: vote.id, itemId: item.id, change: 1 })).rejects.toBeInstanceOf(NotFoundError);
		const sam = await guestIn(room.code);
		await closeRoom(lead, room.id);
		await expect(moveGuestDot(sam, { voteId: vote.id, itemId: item.id, change: 1 })).rejects.toThrow(ROOM_CLOSED_MESSAGE);
		await expect(openVote(lead, { question: 'Q', scope: 'actors', dots: 2, roomId: room.id, minutes: 5 })).rejects.toBeInstanceOf(InputError);
	});
});
