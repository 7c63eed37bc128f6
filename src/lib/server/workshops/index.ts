// Facilitating a workshop: dot votes on the area's handoffs (present mode's place is in $lib/server/present). Every
// change is audited, which also tells every open page of the area (see $lib/server/realtime).
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type Executor } from '$lib/server/db';
import { actions, mapActors, mapHandoffs, mentalModels, rooms, voteDots, votes } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { isHandoffScope, moveDot, onBallot, tally, voteClosedMessage, voteIsOpen, type VoteScope } from '$lib/domain/live';
import { isRoomOpen } from '$lib/domain/rooms';
import { isRevealed } from '$lib/domain/present';
import { RATING_SHORT, SECTOR_LABELS, STAGE_LABELS } from '$lib/domain/map/enums';
import { outcomesOf } from '$lib/server/rooms';
import type { AreaContext, AreaScope } from '$lib/server/areas';

/** Facilitation is for the area's leads: the consultants running the workshop (and admins). */
function assertFacilitator(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'lead')) throw new NotFoundError();
}

/** An area's handoffs with the names at each end, worst first. */
function handoffsWithEnds(areaId: string, executor: Executor = db) {
	const from = alias(mapActors, 'from_actor');
	const to = alias(mapActors, 'to_actor');
	return executor
		.select({ id: mapHandoffs.id, label: mapHandoffs.label, rating: mapHandoffs.rating, isGap: mapHandoffs.isGap, audience: mapHandoffs.audience, stage: mapHandoffs.stage, from: from.name, to: to.name })
		.from(mapHandoffs)
		.innerJoin(from, and(eq(from.areaId, mapHandoffs.areaId), eq(from.id, mapHandoffs.fromActorId)))
		.innerJoin(to, and(eq(to.areaId, mapHandoffs.areaId), eq(to.id, mapHandoffs.toActorId)))
		.where(eq(mapHandoffs.areaId, areaId))
		.orderBy(sql`case ${mapHandoffs.rating} when 'absent' then 0 when 'broken' then 1 when 'patchy' then 2 else 3 end`, asc(mapHandoffs.label));
}

export interface VoteInput {
	question: string;
	scope: VoteScope;
	dots: number;
	/** A vote in a workshop room: its guests vote too, tallies stay hidden until revealed, and it may run on a timer. */
	roomId?: string | null;
	minutes?: number | null;
}

export async function openVote(context: AreaContext, input: VoteInput) {
	assertFacilitator(context);
	const { roomId = null, minutes = null, ...fields } = input;
	return db.transaction(async (tx) => {
		if (roomId) {
			const [room] = await tx.select().from(rooms).where(and(eq(rooms.areaId, context.area.id), eq(rooms.id, roomId))).for('share');
			if (!room) throw new NotFoundError();
			if (!isRoomOpen(room, new Date())) throw new InputError({ _form: 'This room has closed: open a vote in a room that is still open.' });
		}
		const [vote] = await tx
			.insert(votes)
			.values({
				id: newId(),
				areaId: context.area.id,
				...fields,
				roomId,
				hidden: roomId !== null,
				endsAt: minutes ? new Date(Date.now() + minutes * 60_000) : null,
				openedBy: context.user.id
			})
			.returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'vote', entityId: vote.id, action: 'open', after: vote, roomId });
		return vote;
	});
}

/** Closes a vote for good; closing it again changes nothing. */
export async function closeVote(context: AreaContext, voteId: string) {
	assertFacilitator(context);
	await db.transaction(async (tx) => {
		const [found] = await tx.select({ closedAt: votes.closedAt }).from(votes).where(and(eq(votes.areaId, context.area.id), eq(votes.id, voteId)));
		if (!found) throw new NotFoundError();
		if (found.closedAt) return;
		const [vote] = await tx
			.update(votes)
			.set({ closedAt: new Date() })
			.where(and(eq(votes.id, voteId), isNull(votes.closedAt)))
			.returning();
		if (!vote) return;
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'vote', entityId: vote.id, action: 'close', after: vote, roomId: vote.roomId });
	});
}

/** Shows a room vote's tallies on every screen; revealing them again changes nothing. */
export async function revealVote(context: AreaContext, voteId: string) {
	assertFacilitator(context);
	await db.transaction(async (tx) => {
		const [vote] = await tx
			.update(votes)
			.set({ hidden: false })
			.where(and(eq(votes.areaId, context.area.id), eq(votes.id, voteId), eq(votes.hidden, true)))
			.returning();
		if (!vote) {
			const [found] = await tx.select({ id: votes.id }).from(votes).where(and(eq(votes.areaId, context.area.id), eq(votes.id, voteId)));
			if (!found) throw new NotFoundError();
			return;
		}
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'vote', entityId: vote.id, action: 'reveal', after: vote, roomId: vote.roomId });
	});
}

export function listVotes(context: AreaScope) {
	return db.select().from(votes).where(eq(votes.areaId, context.area.id)).orderBy(desc(votes.openedAt));
}

/** The votes run in a room, newest first. */
export function roomVotes(areaId: string, roomId: string) {
	return db.select().from(votes).where(and(eq(votes.areaId, areaId), eq(votes.roomId, roomId))).orderBy(desc(votes.openedAt));
}

/** A revealed vote's result: how many voted, the items that got dots (most first), and how many got none. */
export async function voteResult(vote: Vote) {
	const { items, voters } = await voteView(vote, null);
	const dotted = items.filter((item) => (item.dots ?? 0) > 0).map((item) => ({ id: item.id, label: item.label, detail: item.detail, dots: item.dots ?? 0 }));
	return { voters, dotted, undotted: items.length - dotted.length };
}

/** The votes run in a room, newest first; each revealed one with its three most-dotted items (hidden ones, none). */
export async function roomVoteSummaries(areaId: string, roomId: string) {
	return Promise.all(
		(await roomVotes(areaId, roomId)).map(async (vote) => {
			if (!isRevealed(vote)) return { ...vote, voters: null, top: null };
			const { voters, dotted } = await voteResult(vote);
			return { ...vote, voters, top: dotted.slice(0, 3) };
		})
	);
}

export interface BallotItem {
	id: string;
	label: string;
	/** A line that tells items apart (a handoff's ends, stage and rating; an outcome's kind...). */
	detail: string;
}

/** What a vote of this scope is on, from the area's map, theory of change, mental models or actions. */
async function ballotOf(areaId: string, scope: VoteScope, executor: Executor = db): Promise<BallotItem[]> {
	if (isHandoffScope(scope))
		return (await handoffsWithEnds(areaId, executor))
			.filter((h) => onBallot(scope, h))
			.map((h) => ({ id: h.id, label: h.label, detail: `${h.from} → ${h.to} · ${STAGE_LABELS[h.stage]} · ${RATING_SHORT[h.rating]}` }));
	if (scope === 'actors')
		return (await executor.select({ id: mapActors.id, label: mapActors.name, sector: mapActors.sector }).from(mapActors).where(eq(mapActors.areaId, areaId)).orderBy(asc(mapActors.name))).map(
			(a) => ({ id: a.id, label: a.label, detail: SECTOR_LABELS[a.sector] })
		);
	if (scope === 'outcomes')
		return (await outcomesOf(executor, areaId)).map((o) => ({ id: o.id, label: o.title, detail: 'Outcome' }));
	if (scope === 'models')
		return (await executor.select({ id: mentalModels.id, label: mentalModels.title }).from(mentalModels).where(eq(mentalModels.areaId, areaId)).orderBy(asc(mentalModels.title))).map((m) => ({ ...m, detail: 'Mental model' }));
	return (await executor.select({ id: actions.id, label: actions.title }).from(actions).where(eq(actions.areaId, areaId)).orderBy(asc(actions.title))).map((a) => ({ ...a, detail: 'Action' }));
}

type Vote = typeof votes.$inferSelect;

/**
 * A vote as one voter sees it: the ballot, the results (none while hidden: only how many have voted), the voter's own
 * dots, and whether dots can still move.
 */
export async function voteView(vote: Vote, voter: string | null) {
	return voteSeenBy(await readVote(vote), voter);
}

/** A vote with what its view is drawn from: its ballot and every dot placed on it. */
export async function readVote(vote: Vote) {
	const [ballot, dots] = await Promise.all([
		ballotOf(vote.areaId, vote.scope),
		db.select({ itemId: voteDots.itemId, voter: voteDots.voter, count: voteDots.count }).from(voteDots).where(eq(voteDots.voteId, vote.id))
	]);
	return { vote, ballot, dots };
}

export type VoteRead = Awaited<ReturnType<typeof readVote>>;

/** A vote read, as one voter sees it (see voteView). */
export function voteSeenBy({ vote, ballot, dots }: VoteRead, voter: string | null, now = new Date()) {
	const mine = Object.fromEntries(dots.filter((d) => d.voter === voter).map((d) => [d.itemId, d.count]));
	const spent = Object.values(mine).reduce((sum, n) => sum + n, 0);
	const results = tally(ballot, dots);
	// Hidden tallies leave the server as nothing at all, and in the ballot's own order: no ranking to read them from.
	const items = vote.hidden ? ballot.map((item) => ({ ...item, dots: null })) : results.items;
	return { vote, items, voters: results.voters, mine, spent, open: voteIsOpen(vote, now) };
}

/** A vote with its ballot, the results so far and the dots the current user has placed. */
export async function getVote(context: AreaContext, voteId: string) {
	const [vote] = await db.select().from(votes).where(and(eq(votes.areaId, context.area.id), eq(votes.id, voteId)));
	if (!vote) throw new NotFoundError();
	return voteView(vote, context.user.id);
}

export interface DotMove {
	voteId: string;
	itemId: string;
	change: 1 | -1;
}

/**
 * Places (+1) or takes back (-1) one dot of a voter (a member or a guest); dots on one vote move one at a time (the
 * vote's row is locked). `voteIn` narrows which votes this voter may reach: their area's, or their room's.
 */
export async function placeDot(tx: Executor, voteIn: SQL, who: { userId: string } | { guestId: string }, input: DotMove, trail: { actorId: string | null; by?: object }) {
	const [vote] = await tx
		.select()
		.from(votes)
		.where(and(voteIn, eq(votes.id, input.voteId)))
		.for('update');
	if (!vote) throw new NotFoundError();
	const closed = voteClosedMessage(vote, new Date());
	if (closed) throw new InputError({ _form: closed });
	if (!(await ballotOf(vote.areaId, vote.scope, tx)).some((item) => item.id === input.itemId)) throw new InputError({ _form: 'That is not on this vote.' });
	const voter = 'userId' in who ? who.userId : who.guestId;
	const mine = await tx
		.select({ itemId: voteDots.itemId, count: voteDots.count })
		.from(voteDots)
		.where(and(eq(voteDots.voteId, vote.id), eq(voteDots.voter, voter)));
	const spent = mine.reduce((sum, d) => sum + d.count, 0);
	const onItem = mine.find((d) => d.itemId === input.itemId)?.count ?? 0;
	const moved = moveDot(vote.dots, spent, onItem, input.change);
	if (!moved.ok) throw new InputError({ _form: moved.message });
	const key = and(eq(voteDots.voteId, vote.id), eq(voteDots.voter, voter), eq(voteDots.itemId, input.itemId));
	if (moved.count === 0) await tx.delete(voteDots).where(key);
	else
		await tx
			.insert(voteDots)
			.values({ areaId: vote.areaId, voteId: vote.id, voter, ...who, itemId: input.itemId, count: moved.count })
			.onConflictDoUpdate({ target: [voteDots.voteId, voteDots.voter, voteDots.itemId], set: { count: moved.count } });
	await audit(tx, {
		actorId: trail.actorId,
		areaId: vote.areaId,
		entity: 'vote_dot',
		entityId: vote.id,
		action: input.change === 1 ? 'place' : 'take_back',
		after: { ...trail.by, itemId: input.itemId, count: moved.count },
		roomId: vote.roomId
	});
	return moved.count;
}

/** Places or takes back one of the current user's dots. */
export async function moveMyDot(context: AreaContext, input: DotMove) {
	return db.transaction((tx) => placeDot(tx, eq(votes.areaId, context.area.id), { userId: context.user.id }, input, { actorId: context.user.id }));
}
