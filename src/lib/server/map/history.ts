// Undo and redo of each person's own map edits, kept in the database (so they last across page loads and instances).
// The map verbs record each edit in their own transaction; undo and redo carry the steps back or forth as ordinary
// versioned edits with their audit rows (so others see them live), and refuse when a record is no longer as the edit
// left it: someone else's later change is never overwritten.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, preparedOnce, type Executor } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { mapActorPositions, mapActors, mapHandoffs, mapHistory, mapSnapshots, users, auditLog, type MapActor, type MapHandoff } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, NotFoundError } from '$lib/server/errors';
import { formatDateTime } from '$lib/domain/dates';
import { countsOf, diffMaps } from '$lib/domain/map/diff';
import {
	labelOf,
	nextRedo,
	nextUndo,
	pushPlan,
	stepsFor,
	stepsToRestore,
	stillAsLeft,
	type ActorState,
	type Direction,
	type HandoffState,
	type PositionState,
	type Step
} from '$lib/domain/map/history';
import type { AreaContext } from '$lib/server/areas';
import { assertEditor, loadMap, mapDataOf, snapshotIn } from './index';

export const actorState = ({ id: _, areaId: __, createdAt: ___, updatedAt: ____, ...state }: MapActor): ActorState => state;
export const handoffState = ({ id: _, areaId: __, createdAt: ___, updatedAt: ____, ...state }: MapHandoff): HandoffState => state;
export const positionState = (p: { x: number; y: number } | null | undefined): PositionState | null => (p ? { x: p.x, y: p.y } : null);

const whose = (context: AreaContext) => and(eq(mapHistory.areaId, context.area.id), eq(mapHistory.userId, context.user.id));

/** Adds an edit to the person's stack, in the edit's own transaction; what they had undone can no longer be redone. */
export async function recordEdit(tx: Executor, context: AreaContext, steps: Step[], names: Record<string, string> = {}, label = labelOf(steps, names)) {
	if (!steps.length) return;
	const entries = await tx.select({ id: mapHistory.id, seq: mapHistory.seq, undone: mapHistory.undone }).from(mapHistory).where(whose(context));
	const plan = pushPlan(entries);
	if (plan.drop.length) await tx.delete(mapHistory).where(and(whose(context), inArray(mapHistory.id, plan.drop)));
	await tx.insert(mapHistory).values({
		id: newId(),
		areaId: context.area.id,
		userId: context.user.id,
		seq: plan.seq,
		label,
		steps
	});
}

const stackOf = preparedOnce((database) =>
	database
		.select({ id: mapHistory.id, seq: mapHistory.seq, undone: mapHistory.undone, label: mapHistory.label })
		.from(mapHistory)
		.where(and(eq(mapHistory.areaId, sql.placeholder('areaId')), eq(mapHistory.userId, sql.placeholder('userId'))))
		.prepare('map_history_stack')
);

/** What Undo and Redo would do now, for the buttons (every map page shows them to an editor). */
export async function historyOf(context: AreaContext) {
	const entries = await stackOf().execute({ areaId: context.area.id, userId: context.user.id });
	const brief = (e: (typeof entries)[number] | null) => (e ? { id: e.id, label: e.label } : null);
	return { undo: brief(nextUndo(entries)), redo: brief(nextRedo(entries)) };
}

/** Who last changed a record, for a refusal that says why. */
async function lastChangeBy(tx: Executor, context: AreaContext, entityId: string) {
	const [row] = await tx
		.select({ name: users.name })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(and(eq(auditLog.areaId, context.area.id), eq(auditLog.entityId, entityId)))
		.orderBy(desc(auditLog.id))
		.limit(1);
	return row?.name ?? null;
}

const ENTITY = { actor: 'map_actor', handoff: 'map_handoff', position: 'map_position' } as const;

/** The record's name in a message. */
function nameOf(step: Step, names: Record<string, string>) {
	if (step.entity === 'actor') return `the actor ‘${(step.after ?? step.before)!.name}’`;
	if (step.entity === 'handoff') return `the handoff ‘${(step.after ?? step.before)!.label}’`;
	return `the position of ‘${names[step.id] ?? 'an actor'}’`;
}

async function currentOf(tx: Executor, context: AreaContext, step: Step) {
	const area = context.area.id;
	if (step.entity === 'actor') {
		const [row] = await tx.select().from(mapActors).where(and(eq(mapActors.areaId, area), eq(mapActors.id, step.id)));
		return row ? actorState(row) : null;
	}
	if (step.entity === 'handoff') {
		const [row] = await tx.select().from(mapHandoffs).where(and(eq(mapHandoffs.areaId, area), eq(mapHandoffs.id, step.id)));
		return row ? handoffState(row) : null;
	}
	const [row] = await tx
		.select()
		.from(mapActorPositions)
		.where(and(eq(mapActorPositions.areaId, area), eq(mapActorPositions.actorId, step.id)));
	return positionState(row);
}

type Refusal = (why: string) => never;

/**
 * Changes one record from `from` to `to`, after checking it is still `from`. Returns the state written (with its new
 * version), which the entry keeps for the way back. `auditAs` null: the caller writes one audit row for the whole.
 */
export async function applyStep(
	tx: Executor,
	context: AreaContext,
	move: { step: Step; from: Step['before']; to: Step['before'] },
	auditAs: string | null,
	refuse: Refusal,
	names: Record<string, string> = {}
): Promise<Step['before']> {
	const { step, from, to } = move;
	const area = context.area.id;
	const current = await currentOf(tx, context, step);
	if (!stillAsLeft(current, from)) {
		const by = await lastChangeBy(tx, context, step.id);
		const what = nameOf(step, names);
		refuse(
			!current
				? `${what} has been removed${by ? ` by ${by}` : ''} since.`
				: !from
					? `${what} is on the map again${by ? ` (added by ${by})` : ''}.`
					: `${what} was changed${by ? ` by ${by}` : ''} since.`
		);
	}
	let written: Step['before'] = null;
	try {
		if (step.entity === 'actor') {
			const values = to as ActorState | null;
			if (!values) {
				const [others] = await tx
					.select({ n: sql<number>`count(*)`.mapWith(Number) })
					.from(mapHandoffs)
					.where(and(eq(mapHandoffs.areaId, area), sql`(${mapHandoffs.fromActorId} = ${step.id} or ${mapHandoffs.toActorId} = ${step.id})`));
				if (others.n) refuse(`${nameOf(step, names)} now has handoffs drawn after this edit: remove them first.`);
				await tx.delete(mapActors).where(and(eq(mapActors.areaId, area), eq(mapActors.id, step.id)));
			} else {
				const { version: _, ...fields } = values;
				const [row] = current
					? await tx
							.update(mapActors)
							.set({ ...fields, updatedAt: new Date(), version: sql`${mapActors.version} + 1` })
							.where(and(eq(mapActors.areaId, area), eq(mapActors.id, step.id), eq(mapActors.version, (current as ActorState).version)))
							.returning()
					: await tx.insert(mapActors).values({ id: step.id, areaId: area, ...fields }).returning();
				if (!row) throw new ConflictError();
				written = actorState(row);
			}
		} else if (step.entity === 'handoff') {
			const values = to as HandoffState | null;
			if (!values) await tx.delete(mapHandoffs).where(and(eq(mapHandoffs.areaId, area), eq(mapHandoffs.id, step.id)));
			else {
				const { version: _, ...fields } = values;
				const [row] = current
					? await tx
							.update(mapHandoffs)
							.set({ ...fields, updatedAt: new Date(), version: sql`${mapHandoffs.version} + 1` })
							.where(and(eq(mapHandoffs.areaId, area), eq(mapHandoffs.id, step.id), eq(mapHandoffs.version, (current as HandoffState).version)))
							.returning()
					: await tx.insert(mapHandoffs).values({ id: step.id, areaId: area, ...fields }).returning();
				if (!row) throw new ConflictError();
				written = handoffState(row);
			}
		} else {
			const at = to as PositionState | null;
			if (!at) await tx.delete(mapActorPositions).where(and(eq(mapActorPositions.areaId, area), eq(mapActorPositions.actorId, step.id)));
			else {
				const [row] = await tx
					.insert(mapActorPositions)
					.values({ areaId: area, actorId: step.id, ...at })
					.onConflictDoUpdate({ target: [mapActorPositions.areaId, mapActorPositions.actorId], set: { ...at, updatedAt: new Date() } })
					.returning();
				written = positionState(row);
			}
		}
	} catch (err) {
		// Putting a record back can meet what others did since: a name taken again, an end that is gone.
		if (pgCode(err) === PG.uniqueViolation) refuse(`another record now has the same name as ${nameOf(step, names)}.`);
		if (pgCode(err) === PG.foreignKeyViolation) refuse(`an actor that ${nameOf(step, names)} needs has been removed since.`);
		throw err;
	}
	if (auditAs)
		await audit(tx, { actorId: context.user.id, areaId: area, entity: ENTITY[step.entity], entityId: step.id, action: auditAs, before: current, after: written ? { id: step.id, ...written } : null });
	return written;
}

/** Carries a list of steps one way, returning them with the versions now written (for the way back). */
export async function applySteps(tx: Executor, context: AreaContext, steps: Step[], direction: Direction, auditAs: string | null, refuse: Refusal, names: Record<string, string> = {}) {
	const written = new Map<Step, Step['before']>();
	for (const move of stepsFor(steps, direction)) written.set(move.step, await applyStep(tx, context, move, auditAs, refuse, names));
	return steps.map((step) => ({ ...step, [direction === 'undo' ? 'before' : 'after']: written.get(step) }) as Step);
}

/** Undoes (or redoes) the person's edit named by `entryId`, which must be the one the button offered. */
export async function undoOrRedo(context: AreaContext, entryId: string, direction: Direction) {
	assertEditor(context);
	const verb = direction === 'undo' ? 'Undo' : 'Redo';
	return db.transaction(async (tx) => {
		const entries = await tx.select().from(mapHistory).where(whose(context)).for('update');
		const entry = direction === 'undo' ? nextUndo(entries) : nextRedo(entries);
		if (!entry) throw new ConflictError(`Nothing to ${direction}.`);
		if (entry.id !== entryId) throw new ConflictError(`Your edits changed in another window: ${verb.toLowerCase()} now means “${entry.label}”. Nothing was done; try again.`);
		const names = await actorNames(tx, context, entry.steps);
		const refuse: Refusal = (why) => {
			throw new ConflictError(`${verb} refused: ${why} Nothing was ${direction === 'undo' ? 'undone' : 'redone'}, so their change stays.`);
		};
		const steps = await applySteps(tx, context, entry.steps, direction, direction, refuse, names);
		await tx.update(mapHistory).set({ steps, undone: direction === 'undo' }).where(eq(mapHistory.id, entry.id));
		return { label: entry.label };
	});
}

/** The names of the actors whose positions the steps move, for messages. */
async function actorNames(tx: Executor, context: AreaContext, steps: Step[]) {
	const ids = steps.filter((s) => s.entity === 'position').map((s) => s.id);
	if (!ids.length) return {};
	const rows = await tx
		.select({ id: mapActors.id, name: mapActors.name })
		.from(mapActors)
		.where(and(eq(mapActors.areaId, context.area.id), inArray(mapActors.id, ids)));
	return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/**
 * Makes a snapshot the current map: the map as it is is kept as a snapshot first, then the snapshot's content is
 * written as versioned edits, in one transaction with one audit row (one change event, so other screens re-load once).
 * The restore is the person's latest edit, so Undo takes it back.
 */
export async function restoreSnapshot(context: AreaContext, snapshotId: string, now = new Date()) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const [snapshot] = await tx
			.select()
			.from(mapSnapshots)
			.where(and(eq(mapSnapshots.areaId, context.area.id), eq(mapSnapshots.id, snapshotId)));
		if (!snapshot) throw new NotFoundError();
		const kept = await snapshotIn(tx, context, `Before restoring ${snapshot.name}`.slice(0, 60) + ` (${formatDateTime(now)})`);
		const rows = await loadMap(context, tx);
		const steps = stepsToRestore(
			{ actors: rows.actors.map((a) => ({ id: a.id, ...actorState(a) })), handoffs: rows.handoffs.map((h) => ({ id: h.id, ...handoffState(h) })), positions: rows.positions },
			snapshot.data
		);
		const refuse: Refusal = (why) => {
			throw new ConflictError(`The snapshot could not be restored: ${why} Nothing changed.`);
		};
		const written = await applySteps(tx, context, steps, 'redo', null, refuse);
		const diff = diffMaps(mapDataOf(rows), snapshot.data);
		const counts = countsOf(diff);
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'map',
			entityId: context.area.id,
			action: 'restore',
			before: { snapshot: kept.name },
			after: { snapshot: snapshot.name, ...counts }
		});
		await recordEdit(tx, context, written, {}, `restore snapshot ‘${snapshot.name}’`);
		return { snapshot: snapshot.name, kept: kept.name, counts };
	});
}
