// The actor and handoff map of an area: actors, handoffs, pinned positions, the template and snapshots. Every verb
// takes the AreaContext from the guard; every change is one transaction with its audit row.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { mapActorPositions, mapActors, mapHandoffs, mapSnapshots, type MapActor, type MapHandoff } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { TEMPLATE_ACTORS, TEMPLATE_HANDOFFS } from '$lib/domain/map/template';
import type { ActorData, HandoffData, MapData } from '$lib/domain/map/types';
import type { Audience, Kind, Passes, Rating, Sector, Stage } from '$lib/domain/map/enums';
import type { AreaContext, AreaScope } from '$lib/server/areas';
import { actorState, handoffState, positionState, recordEdit } from './history';

export interface ActorInput {
	name: string;
	sector: Sector;
	kind: Kind;
	audience: Audience;
	description: string;
}

export interface HandoffInput {
	fromActorId: string;
	toActorId: string;
	label: string;
	stage: Stage;
	passes: Passes;
	audience: Audience;
	rating: Rating;
	trigger: string;
	standard: string;
	evidence: string;
	notes: string;
	isGap: boolean;
}

/** Viewers read; only editors and leads change the map. The same 404 as anything else out of reach. */
export function assertEditor(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'editor')) throw new NotFoundError();
}

export const toActorData = (a: MapActor): ActorData => ({
	id: a.id,
	name: a.name,
	sector: a.sector,
	kind: a.kind,
	description: a.description,
	audience: a.audience
});

export const toHandoffData = (h: MapHandoff): HandoffData => ({
	id: h.id,
	fromActorId: h.fromActorId,
	toActorId: h.toActorId,
	label: h.label,
	stage: h.stage,
	passes: h.passes,
	trigger: h.trigger,
	standard: h.standard,
	audience: h.audience,
	rating: h.rating,
	evidence: h.evidence,
	notes: h.notes,
	isGap: h.isGap
});

/** The whole map of the area: rows (with versions, for editing) and pinned positions. */
export async function loadMap(context: { area: Pick<AreaScope['area'], 'id'> }, executor: Executor = db) {
	const areaId = context.area.id;
	const [actors, handoffs, positions] = await Promise.all([
		executor.select().from(mapActors).where(eq(mapActors.areaId, areaId)).orderBy(asc(mapActors.name)),
		executor.select().from(mapHandoffs).where(eq(mapHandoffs.areaId, areaId)).orderBy(asc(mapHandoffs.stage), asc(mapHandoffs.label)),
		executor
			.select({ actorId: mapActorPositions.actorId, x: mapActorPositions.x, y: mapActorPositions.y })
			.from(mapActorPositions)
			.where(eq(mapActorPositions.areaId, areaId))
	]);
	return { actors, handoffs, positions };
}

export type MapRows = Awaited<ReturnType<typeof loadMap>>;

export function mapDataOf(map: { actors: MapActor[]; handoffs: MapHandoff[] }): MapData {
	return { actors: map.actors.map(toActorData), handoffs: map.handoffs.map(toHandoffData) };
}


async function assertNameFree(tx: Executor, context: AreaContext, name: string, exceptId?: string) {
	const [taken] = await tx
		.select({ id: mapActors.id })
		.from(mapActors)
		.where(and(eq(mapActors.areaId, context.area.id), eq(sql`lower(${mapActors.name})`, name.toLowerCase())));
	if (taken && taken.id !== exceptId) throw new InputError({ name: `"${name}" is already on the map. Give this actor another name.` });
}

async function actorOf(tx: Executor, context: AreaContext, id: string) {
	const [actor] = await tx.select().from(mapActors).where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, id)));
	if (!actor) throw new NotFoundError();
	return actor;
}

async function handoffOf(tx: Executor, context: AreaContext, id: string) {
	const [handoff] = await tx
		.select()
		.from(mapHandoffs)
		.where(and(eq(mapHandoffs.areaId, context.area.id), eq(mapHandoffs.id, id)));
	if (!handoff) throw new NotFoundError();
	return handoff;
}

/** Runs `work`, turning a unique-name race into the same field error the check gives. */
async function guarded<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
	try {
		return await work();
	} catch (err) {
		if (pgCode(err) === PG.uniqueViolation) throw new InputError({ [field]: message });
		if (pgCode(err) === PG.foreignKeyViolation) throw new InputError({ fromActorId: 'Choose actors that are on this map.' });
		throw err;
	}
}

/**
 * Adds an actor inside the caller's transaction, audited and recorded for Undo: the one path every new actor takes (a
 * form, the canvas, a workshop room's accepted proposal). The caller has checked the person may edit the map.
 */
export async function addActor(tx: Executor, context: AreaContext, input: ActorInput, at?: { x: number; y: number }) {
	await assertNameFree(tx, context, input.name);
	const [actor] = await tx.insert(mapActors).values({ id: newId(), areaId: context.area.id, ...input }).returning();
	await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_actor', entityId: actor.id, action: 'create', after: actor });
	let position = null;
	if (at) {
		const x = Math.round(at.x * 10) / 10;
		const y = Math.round(at.y * 10) / 10;
		[position] = await tx.insert(mapActorPositions).values({ areaId: context.area.id, actorId: actor.id, x, y }).returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_position', entityId: actor.id, action: 'pin', before: null, after: position });
	}
	await recordEdit(tx, context, [
		{ entity: 'actor', id: actor.id, before: null, after: actorState(actor) },
		...(position ? [{ entity: 'position' as const, id: actor.id, before: null, after: positionState(position) }] : [])
	]);
	return actor;
}

/** Adds an actor; one added on the canvas is pinned where it was put, in the same transaction. */
export async function createActor(context: AreaContext, input: ActorInput, at?: { x: number; y: number }) {
	assertEditor(context);
	return guarded(() => db.transaction((tx) => addActor(tx, context, input, at)), 'name', `"${input.name}" is already on the map. Give this actor another name.`);
}

/** Adds several actors at once (a paste from a spreadsheet): all or none, one edit for Undo. */
export async function createActors(context: AreaContext, inputs: ActorInput[]) {
	assertEditor(context);
	return guarded(
		() =>
			db.transaction(async (tx) => {
				for (const input of inputs) await assertNameFree(tx, context, input.name);
				const actors = await tx
					.insert(mapActors)
					.values(inputs.map((input) => ({ id: newId(), areaId: context.area.id, ...input })))
					.returning();
				for (const actor of actors)
					await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_actor', entityId: actor.id, action: 'create', after: actor });
				const steps = actors.map((actor) => ({ entity: 'actor' as const, id: actor.id, before: null, after: actorState(actor) }));
				await recordEdit(tx, context, steps, {}, actors.length === 1 ? undefined : `add ${actors.length} actors`);
				return actors;
			}),
		'name',
		'Two of these actors have the same name: give each its own.'
	);
}

export async function updateActor(context: AreaContext, input: ActorInput & { id: string; version: number }) {
	assertEditor(context);
	const { id, version, ...values } = input;
	return guarded(
		() =>
			db.transaction(async (tx) => {
				const before = await actorOf(tx, context, id);
				await assertNameFree(tx, context, values.name, id);
				const [after] = await tx
					.update(mapActors)
					.set({ ...values, updatedAt: new Date(), version: sql`${mapActors.version} + 1` })
					.where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, id), eq(mapActors.version, version)))
					.returning();
				if (!after) throw new ConflictError();
				await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_actor', entityId: id, action: 'update', before, after });
				await recordEdit(tx, context, [{ entity: 'actor', id, before: actorState(before), after: actorState(after) }]);
				return after;
			}),
		'name',
		`"${values.name}" is already on the map. Give this actor another name.`
	);
}

/** Removes an actor and, with it, every handoff to or from it. */
export async function deleteActor(context: AreaContext, input: { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await actorOf(tx, context, input.id);
		const handoffs = await tx
			.select()
			.from(mapHandoffs)
			.where(
				and(
					eq(mapHandoffs.areaId, context.area.id),
					sql`(${mapHandoffs.fromActorId} = ${input.id} or ${mapHandoffs.toActorId} = ${input.id})`
				)
			);
		const [position] = await tx
			.select()
			.from(mapActorPositions)
			.where(and(eq(mapActorPositions.areaId, context.area.id), eq(mapActorPositions.actorId, input.id)));
		const deleted = await tx
			.delete(mapActors)
			.where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, input.id), eq(mapActors.version, input.version)))
			.returning({ id: mapActors.id });
		if (!deleted.length) throw new ConflictError();
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'map_actor',
			entityId: input.id,
			action: 'delete',
			before: { ...before, handoffs }
		});
		// Undo puts back the actor, then its position, then its handoffs: the steps are taken back last first.
		await recordEdit(tx, context, [
			...handoffs.map((h) => ({ entity: 'handoff' as const, id: h.id, before: handoffState(h), after: null })),
			...(position ? [{ entity: 'position' as const, id: input.id, before: positionState(position), after: null }] : []),
			{ entity: 'actor', id: input.id, before: actorState(before), after: null }
		]);
		return { actor: before, handoffsRemoved: handoffs.length };
	});
}

/** Both ends must be actors of this area: an id from another area is refused before the database would refuse it. */
async function assertEnds(tx: Executor, context: AreaContext, input: Pick<HandoffInput, 'fromActorId' | 'toActorId'>) {
	const found = await tx
		.select({ id: mapActors.id })
		.from(mapActors)
		.where(and(eq(mapActors.areaId, context.area.id), inArray(mapActors.id, [input.fromActorId, input.toActorId])));
	const ids = new Set(found.map((f) => f.id));
	const errors: Record<string, string> = {};
	if (!ids.has(input.fromActorId)) errors.fromActorId = 'Choose an actor on this map.';
	if (!ids.has(input.toActorId)) errors.toActorId = 'Choose an actor on this map.';
	if (input.fromActorId === input.toActorId) errors.toActorId = 'A handoff goes to a different actor: choose another receiver.';
	if (Object.keys(errors).length) throw new InputError(errors);
}

const duplicateHandoff = (label: string) => ({
	label: `These two actors already have a handoff called "${label}". Use another name or edit that one.`
});

/**
 * Adds a handoff inside the caller's transaction, audited and recorded for Undo: the one path every new handoff takes
 * (a form, the canvas, a workshop room's accepted proposal). The caller has checked the person may edit the map.
 */
export async function addHandoff(tx: Executor, context: AreaContext, input: HandoffInput) {
	await assertEnds(tx, context, input);
	const [handoff] = await tx.insert(mapHandoffs).values({ id: newId(), areaId: context.area.id, ...input }).returning();
	await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_handoff', entityId: handoff.id, action: 'create', after: handoff });
	await recordEdit(tx, context, [{ entity: 'handoff', id: handoff.id, before: null, after: handoffState(handoff) }]);
	return handoff;
}

export async function createHandoff(context: AreaContext, input: HandoffInput) {
	assertEditor(context);
	return guarded(() => db.transaction((tx) => addHandoff(tx, context, input)), 'label', duplicateHandoff(input.label).label);
}

/** Adds several handoffs at once (a paste from a spreadsheet): all or none, one edit for Undo. */
export async function createHandoffs(context: AreaContext, inputs: HandoffInput[]) {
	assertEditor(context);
	return guarded(
		() =>
			db.transaction(async (tx) => {
				for (const input of inputs) await assertEnds(tx, context, input);
				const handoffs = await tx
					.insert(mapHandoffs)
					.values(inputs.map((input) => ({ id: newId(), areaId: context.area.id, ...input })))
					.returning();
				for (const handoff of handoffs)
					await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_handoff', entityId: handoff.id, action: 'create', after: handoff });
				const steps = handoffs.map((handoff) => ({ entity: 'handoff' as const, id: handoff.id, before: null, after: handoffState(handoff) }));
				await recordEdit(tx, context, steps, {}, handoffs.length === 1 ? undefined : `add ${handoffs.length} handoffs`);
				return handoffs;
			}),
		'label',
		'Two of these handoffs have the same ends and label: give each its own, or edit the one on the map.'
	);
}

export async function updateHandoff(context: AreaContext, input: HandoffInput & { id: string; version: number }) {
	assertEditor(context);
	const { id, version, ...values } = input;
	return guarded(
		() =>
			db.transaction(async (tx) => {
				const before = await handoffOf(tx, context, id);
				await assertEnds(tx, context, values);
				const [after] = await tx
					.update(mapHandoffs)
					.set({ ...values, updatedAt: new Date(), version: sql`${mapHandoffs.version} + 1` })
					.where(and(eq(mapHandoffs.areaId, context.area.id), eq(mapHandoffs.id, id), eq(mapHandoffs.version, version)))
					.returning();
				if (!after) throw new ConflictError();
				await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_handoff', entityId: id, action: 'update', before, after });
				await recordEdit(tx, context, [{ entity: 'handoff', id, before: handoffState(before), after: handoffState(after) }]);
				return after;
			}),
		'label',
		duplicateHandoff(values.label).label
	);
}

export async function deleteHandoff(context: AreaContext, input: { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await handoffOf(tx, context, input.id);
		const deleted = await tx
			.delete(mapHandoffs)
			.where(and(eq(mapHandoffs.areaId, context.area.id), eq(mapHandoffs.id, input.id), eq(mapHandoffs.version, input.version)))
			.returning({ id: mapHandoffs.id });
		if (!deleted.length) throw new ConflictError();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_handoff', entityId: input.id, action: 'delete', before });
		await recordEdit(tx, context, [{ entity: 'handoff', id: input.id, before: handoffState(before), after: null }]);
		return before;
	});
}

/** Pins an actor at a position on the network (dragged there, or moved with the buttons). */
export async function pinActor(context: AreaContext, actorId: string, position: { x: number; y: number }) {
	assertEditor(context);
	const x = Math.round(position.x * 10) / 10;
	const y = Math.round(position.y * 10) / 10;
	return db.transaction(async (tx) => {
		const actor = await actorOf(tx, context, actorId);
		const [before] = await tx
			.select()
			.from(mapActorPositions)
			.where(and(eq(mapActorPositions.areaId, context.area.id), eq(mapActorPositions.actorId, actorId)));
		const [after] = await tx
			.insert(mapActorPositions)
			.values({ areaId: context.area.id, actorId, x, y })
			.onConflictDoUpdate({ target: [mapActorPositions.areaId, mapActorPositions.actorId], set: { x, y, updatedAt: new Date() } })
			.returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_position', entityId: actorId, action: 'pin', before: before ?? null, after });
		await recordEdit(tx, context, [{ entity: 'position', id: actorId, before: positionState(before), after: positionState(after) }], { [actorId]: actor.name });
		return after;
	});
}

/** Lets the layout place the actor again. */
export async function unpinActor(context: AreaContext, actorId: string) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const actor = await actorOf(tx, context, actorId);
		const removed = await tx
			.delete(mapActorPositions)
			.where(and(eq(mapActorPositions.areaId, context.area.id), eq(mapActorPositions.actorId, actorId)))
			.returning();
		if (removed.length) {
			await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'map_position', entityId: actorId, action: 'unpin', before: removed[0] });
			await recordEdit(tx, context, [{ entity: 'position', id: actorId, before: positionState(removed[0]), after: null }], { [actorId]: actor.name });
		}
		return removed.length > 0;
	});
}

/** Fills an empty map with the typical actors and handoffs of a local area, for the facilitator to edit. */
export async function applyTemplate(context: AreaContext) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const [{ n }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(mapActors).where(eq(mapActors.areaId, context.area.id));
		if (n > 0) throw new InputError({ _form: 'The map already has actors: the template only starts an empty map.' });
		const ids = new Map(TEMPLATE_ACTORS.map((a) => [a.name, newId()]));
		const actors = await tx
			.insert(mapActors)
			.values(TEMPLATE_ACTORS.map((a) => ({ id: ids.get(a.name)!, areaId: context.area.id, ...a })))
			.returning();
		const handoffs = await tx
			.insert(mapHandoffs)
			.values(
				TEMPLATE_HANDOFFS.map(({ from, to, ...h }) => ({
					id: newId(),
					areaId: context.area.id,
					fromActorId: ids.get(from)!,
					toActorId: ids.get(to)!,
					evidence: '',
					notes: '',
					...h
				}))
			)
			.returning();
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'map',
			entityId: context.area.id,
			action: 'template',
			after: { actors: actors.length, handoffs: handoffs.length }
		});
		return { actors: actors.length, handoffs: handoffs.length };
	});
}

export function listSnapshots(context: AreaContext) {
	return db
		.select({ id: mapSnapshots.id, name: mapSnapshots.name, createdAt: mapSnapshots.createdAt, data: mapSnapshots.data })
		.from(mapSnapshots)
		.where(eq(mapSnapshots.areaId, context.area.id))
		.orderBy(desc(mapSnapshots.createdAt));
}

export async function getSnapshot(context: AreaContext, id: string) {
	const [snapshot] = await db
		.select()
		.from(mapSnapshots)
		.where(and(eq(mapSnapshots.areaId, context.area.id), eq(mapSnapshots.id, id)));
	return snapshot ?? null;
}

/** Keeps the map as it is now under a name ("as is", "to be", "after workshop 2"). */
export async function saveSnapshot(context: AreaContext, name: string) {
	assertEditor(context);
	return guarded(
		() => db.transaction((tx) => snapshotIn(tx, context, name)),
		'name',
		`A snapshot called "${name}" already exists. Choose another name.`
	);
}

/** Saves the snapshot inside a transaction that may go on to change the map (a restore keeps what it replaces). */
export async function snapshotIn(tx: Executor, context: AreaContext, name: string) {
	const [taken] = await tx
		.select({ id: mapSnapshots.id })
		.from(mapSnapshots)
		.where(and(eq(mapSnapshots.areaId, context.area.id), eq(sql`lower(${mapSnapshots.name})`, name.toLowerCase())));
	if (taken) throw new InputError({ name: `A snapshot called "${name}" already exists. Choose another name.` });
	const data = mapDataOf(await loadMap(context, tx));
	const [snapshot] = await tx
		.insert(mapSnapshots)
		.values({ id: newId(), areaId: context.area.id, name, data, createdBy: context.user.id })
		.returning();
	await audit(tx, {
		actorId: context.user.id,
		areaId: context.area.id,
		entity: 'map_snapshot',
		entityId: snapshot.id,
		action: 'create',
		after: { name, actors: data.actors.length, handoffs: data.handoffs.length }
	});
	return snapshot;
}
