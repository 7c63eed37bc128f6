// Facilitating a workshop: dot votes on the area's handoffs (present mode's place is in $lib/server/present). Every
// change is audited, which also tells every open page of the area (see $lib/server/realtime).
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '$lib/server/db';
import { mapActors, mapHandoffs, voteDots, votes } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { moveDot, onBallot, tally, type VoteScope } from '$lib/domain/live';
import type { AreaContext } from '$lib/server/areas';

/** Facilitation is for the area's leads: the consultants running the workshop (and admins). */
function assertFacilitator(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'lead')) throw new NotFoundError();
}

/** An area's handoffs with the names at each end, worst first. */
function handoffsWithEnds(context: AreaContext) {
	const from = alias(mapActors, 'from_actor');
	const to = alias(mapActors, 'to_actor');
	return db
		.select({ id: mapHandoffs.id, label: mapHandoffs.label, rating: mapHandoffs.rating, isGap: mapHandoffs.isGap, audience: mapHandoffs.audience, stage: mapHandoffs.stage, from: from.name, to: to.name })
		.from(mapHandoffs)
		.innerJoin(from, and(eq(from.areaId, mapHandoffs.areaId), eq(from.id, mapHandoffs.fromActorId)))
		.innerJoin(to, and(eq(to.areaId, mapHandoffs.areaId), eq(to.id, mapHandoffs.toActorId)))
		.where(eq(mapHandoffs.areaId, context.area.id))
		.orderBy(sql`case ${mapHandoffs.rating} when 'absent' then 0 when 'broken' then 1 when 'patchy' then 2 else 3 end`, asc(mapHandoffs.label));
}

export interface VoteInput {
	question: string;
	scope: VoteScope;
	dots: number;
}

export async function openVote(context: AreaContext, input: VoteInput) {
	assertFacilitator(context);
	return db.transaction(async (tx) => {
		const [vote] = await tx
			.insert(votes)
			.values({ id: newId(), areaId: context.area.id, ...input, openedBy: context.user.id })
			.returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'vote', entityId: vote.id, action: 'open', after: vote });
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
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'vote', entityId: vote.id, action: 'close', after: vote });
	});
}

export function listVotes(context: AreaContext) {
	return db.select().from(votes).where(eq(votes.areaId, context.area.id)).orderBy(desc(votes.openedAt));
}

async function ballotOf(context: AreaContext, scope: VoteScope) {
	return (await handoffsWithEnds(context)).filter((h) => onBallot(scope, h));
}

/** A vote with its ballot, the results so far and the dots the current user has placed. */
export async function getVote(context: AreaContext, voteId: string) {
	const [vote] = await db.select().from(votes).where(and(eq(votes.areaId, context.area.id), eq(votes.id, voteId)));
	if (!vote) throw new NotFoundError();
	const [ballot, dots] = await Promise.all([
		ballotOf(context, vote.scope),
		db.select({ handoffId: voteDots.handoffId, userId: voteDots.userId, count: voteDots.count }).from(voteDots).where(eq(voteDots.voteId, vote.id))
	]);
	const mine = Object.fromEntries(dots.filter((d) => d.userId === context.user.id).map((d) => [d.handoffId, d.count]));
	const spent = Object.values(mine).reduce((sum, n) => sum + n, 0);
	return { vote, ...tally(ballot, dots), mine, spent };
}

/** Places (+1) or takes back (-1) one of the current user's dots; dots on one vote are moved one at a time. */
export async function moveMyDot(context: AreaContext, input: { voteId: string; handoffId: string; change: 1 | -1 }) {
	return db.transaction(async (tx) => {
		const [vote] = await tx
			.select()
			.from(votes)
			.where(and(eq(votes.areaId, context.area.id), eq(votes.id, input.voteId)))
			.for('update');
		if (!vote) throw new NotFoundError();
		if (vote.closedAt) throw new InputError({ _form: 'This vote has closed: the results below are final.' });
		const [handoff] = await tx
			.select({ rating: mapHandoffs.rating, isGap: mapHandoffs.isGap })
			.from(mapHandoffs)
			.where(and(eq(mapHandoffs.areaId, context.area.id), eq(mapHandoffs.id, input.handoffId)));
		if (!handoff || !onBallot(vote.scope, handoff)) throw new InputError({ _form: 'That handoff is not on this vote.' });
		const mine = await tx
			.select({ handoffId: voteDots.handoffId, count: voteDots.count })
			.from(voteDots)
			.where(and(eq(voteDots.voteId, vote.id), eq(voteDots.userId, context.user.id)));
		const spent = mine.reduce((sum, d) => sum + d.count, 0);
		const onItem = mine.find((d) => d.handoffId === input.handoffId)?.count ?? 0;
		const moved = moveDot(vote.dots, spent, onItem, input.change);
		if (!moved.ok) throw new InputError({ _form: moved.message });
		const key = and(eq(voteDots.voteId, vote.id), eq(voteDots.userId, context.user.id), eq(voteDots.handoffId, input.handoffId));
		if (moved.count === 0) await tx.delete(voteDots).where(key);
		else
			await tx
				.insert(voteDots)
				.values({ areaId: context.area.id, voteId: vote.id, userId: context.user.id, handoffId: input.handoffId, count: moved.count })
				.onConflictDoUpdate({ target: [voteDots.voteId, voteDots.userId, voteDots.handoffId], set: { count: moved.count } });
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'vote_dot',
			entityId: vote.id,
			action: input.change === 1 ? 'place' : 'take_back',
			after: { handoffId: input.handoffId, count: moved.count }
		});
		return moved.count;
	});
}
