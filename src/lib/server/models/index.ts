// Mental models of an area: the programme's three and the area's own, their survey statements and their links to the
// actors that hold them and the handoffs they shape. Every verb takes the AreaContext from the guard; every change is
// one transaction with its audit row; edits of a model carry the version read.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '$lib/server/db';
import {
	mapActors,
	mapHandoffs,
	mentalModels,
	modelActorLinks,
	modelHandoffLinks,
	modelStatements,
	surveyRoundStatements,
	surveyRounds
} from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { PROGRAMME_MODELS } from '$lib/domain/programme';
import type { AreaContext } from '$lib/server/areas';
import { onAreaChange, sharedReads } from '$lib/server/realtime/shared-read';

/** Viewers read; editors and leads change models and run surveys. The same 404 as anything out of reach. */
export function assertEditor(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'editor')) throw new NotFoundError();
}

/** Gives a new area its copy of the programme's three models with their statements (inside the caller's transaction). */
export async function addProgrammeModels(tx: Executor, areaId: string, createdBy: string | null) {
	const models = PROGRAMME_MODELS.map((m) => ({ id: newId(), areaId, title: m.title, description: m.text, programmeKey: m.key, createdBy }));
	await tx.insert(mentalModels).values(models);
	await tx.insert(modelStatements).values(
		PROGRAMME_MODELS.flatMap((m, i) => m.statements.map((text, position) => ({ id: newId(), areaId, modelId: models[i].id, text, position })))
	);
	return models;
}

/** The actors and handoffs of this area's map, for the link forms. */
export async function modelChoices(context: AreaContext, executor: Executor = db) {
	const areaId = context.area.id;
	const [actors, handoffs] = await Promise.all([
		executor.select({ id: mapActors.id, name: mapActors.name }).from(mapActors).where(eq(mapActors.areaId, areaId)).orderBy(asc(mapActors.name)),
		executor
			.select({ id: mapHandoffs.id, label: mapHandoffs.label, fromName: sql<string>`(select a.name from map_actors a where a.id = map_handoffs.from_actor_id)`, toName: sql<string>`(select a.name from map_actors a where a.id = map_handoffs.to_actor_id)` })
			.from(mapHandoffs)
			.where(eq(mapHandoffs.areaId, areaId))
			.orderBy(asc(mapHandoffs.label))
	]);
	return { actors, handoffs };
}
export type ModelChoices = Awaited<ReturnType<typeof modelChoices>>;

export interface ModelInput {
	title: string;
	description: string;
	actorIds: string[];
	handoffIds: string[];
}

/** Links must name this area's actors and handoffs: a forged id from elsewhere is refused before the database would. */
async function checkLinks(tx: Executor, context: AreaContext, input: Pick<ModelInput, 'actorIds' | 'handoffIds'>) {
	const areaId = context.area.id;
	const actorIds = [...new Set(input.actorIds)];
	const handoffIds = [...new Set(input.handoffIds)];
	const errors: Record<string, string> = {};
	if (actorIds.length) {
		const found = await tx.select({ id: mapActors.id }).from(mapActors).where(and(eq(mapActors.areaId, areaId), inArray(mapActors.id, actorIds)));
		if (found.length !== actorIds.length) errors.actorIds = 'Choose actors on this area’s map.';
	}
	if (handoffIds.length) {
		const found = await tx.select({ id: mapHandoffs.id }).from(mapHandoffs).where(and(eq(mapHandoffs.areaId, areaId), inArray(mapHandoffs.id, handoffIds)));
		if (found.length !== handoffIds.length) errors.handoffIds = 'Choose handoffs on this area’s map.';
	}
	if (Object.keys(errors).length) throw new InputError(errors);
	return { actorIds: actorIds.sort(), handoffIds: handoffIds.sort() };
}

async function writeLinks(tx: Executor, context: AreaContext, modelId: string, links: { actorIds: string[]; handoffIds: string[] }) {
	const areaId = context.area.id;
	await tx.delete(modelActorLinks).where(and(eq(modelActorLinks.areaId, areaId), eq(modelActorLinks.modelId, modelId)));
	await tx.delete(modelHandoffLinks).where(and(eq(modelHandoffLinks.areaId, areaId), eq(modelHandoffLinks.modelId, modelId)));
	if (links.actorIds.length) await tx.insert(modelActorLinks).values(links.actorIds.map((actorId) => ({ areaId, modelId, actorId })));
	if (links.handoffIds.length) await tx.insert(modelHandoffLinks).values(links.handoffIds.map((handoffId) => ({ areaId, modelId, handoffId })));
}

async function linksOf(tx: Executor, modelId: string) {
	const [actors, handoffs] = await Promise.all([
		tx.select({ id: modelActorLinks.actorId }).from(modelActorLinks).where(eq(modelActorLinks.modelId, modelId)),
		tx.select({ id: modelHandoffLinks.handoffId }).from(modelHandoffLinks).where(eq(modelHandoffLinks.modelId, modelId))
	]);
	return { actorIds: actors.map((a) => a.id).sort(), handoffIds: handoffs.map((h) => h.id).sort() };
}

async function titleTaken(tx: Executor, context: AreaContext, title: string, exceptId?: string) {
	const [row] = await tx
		.select({ id: mentalModels.id })
		.from(mentalModels)
		.where(and(eq(mentalModels.areaId, context.area.id), eq(sql`lower(${mentalModels.title})`, title.toLowerCase())));
	return !!row && row.id !== exceptId;
}

const TITLE_TAKEN = 'This area already has a model with that title.';

/** Adds one of the area's own models with its first survey statement. */
export async function createModel(context: AreaContext, input: ModelInput & { statement: string }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		if (await titleTaken(tx, context, input.title)) throw new InputError({ title: TITLE_TAKEN });
		const links = await checkLinks(tx, context, input);
		const [row] = await tx
			.insert(mentalModels)
			.values({ id: newId(), areaId: context.area.id, title: input.title, description: input.description, createdBy: context.user.id })
			.returning();
		const [statement] = await tx.insert(modelStatements).values({ id: newId(), areaId: context.area.id, modelId: row.id, text: input.statement, position: 0 }).returning();
		await writeLinks(tx, context, row.id, links);
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'mental_model', entityId: row.id, action: 'create', after: { ...row, ...links, statements: [statement.text] } });
		return row;
	});
}

export class ModelConflictError extends ConflictError {
	constructor() {
		super('Someone else saved this model while you were editing. The form now shows their version: make your change again and save.');
	}
}

/** Saves title, description and links if nobody changed the model since `version` was read. */
export async function updateModel(context: AreaContext, input: ModelInput & { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await modelOf(tx, context, input.id);
		if (await titleTaken(tx, context, input.title, input.id)) throw new InputError({ title: TITLE_TAKEN });
		const links = await checkLinks(tx, context, input);
		const beforeLinks = await linksOf(tx, input.id);
		const [after] = await tx
			.update(mentalModels)
			.set({ title: input.title, description: input.description, updatedAt: new Date(), version: sql`${mentalModels.version} + 1` })
			.where(and(eq(mentalModels.areaId, context.area.id), eq(mentalModels.id, input.id), eq(mentalModels.version, input.version)))
			.returning();
		if (!after) throw new ModelConflictError();
		await writeLinks(tx, context, input.id, links);
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'mental_model',
			entityId: input.id,
			action: 'update',
			before: { ...before, ...beforeLinks },
			after: { ...after, ...links }
		});
		return after;
	});
}

/** Removes one of the area's own models; the programme's three stay, and so does any model a survey has asked about. */
export async function deleteModel(context: AreaContext, input: { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await modelOf(tx, context, input.id);
		if (before.programmeKey) throw new InputError({ _form: 'The programme’s three models stay in every area. You can reword them instead.' });
		if (await askedInRounds(tx, context, { modelId: input.id })) throw new InputError({ _form: 'A survey round has asked about this model, so it stays with its results.' });
		const gone = await tx
			.delete(mentalModels)
			.where(and(eq(mentalModels.areaId, context.area.id), eq(mentalModels.id, input.id), eq(mentalModels.version, input.version)))
			.returning();
		if (!gone.length) throw new ModelConflictError();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'mental_model', entityId: input.id, action: 'delete', before });
		return before;
	});
}

async function modelOf(tx: Executor, context: AreaContext, id: string) {
	const [row] = await tx.select().from(mentalModels).where(and(eq(mentalModels.areaId, context.area.id), eq(mentalModels.id, id)));
	if (!row) throw new NotFoundError();
	return row;
}

async function statementOf(tx: Transaction, context: AreaContext, id: string, lock = false) {
	const query = tx.select().from(modelStatements).where(and(eq(modelStatements.areaId, context.area.id), eq(modelStatements.id, id)));
	const [row] = lock ? await query.for('update') : await query;
	if (!row) throw new NotFoundError();
	return row;
}

/** The labels of the rounds that asked a statement (or any statement of a model). */
async function askedInRounds(tx: Executor, context: AreaContext, which: { statementId?: string; modelId?: string }) {
	const rows = await tx
		.select({ label: surveyRounds.label })
		.from(surveyRoundStatements)
		.innerJoin(surveyRounds, eq(surveyRounds.id, surveyRoundStatements.roundId))
		.innerJoin(modelStatements, eq(modelStatements.id, surveyRoundStatements.statementId))
		.where(
			and(
				eq(surveyRoundStatements.areaId, context.area.id),
				which.statementId ? eq(surveyRoundStatements.statementId, which.statementId) : eq(modelStatements.modelId, which.modelId ?? '')
			)
		);
	return [...new Set(rows.map((r) => r.label))].join(', ');
}

export async function addStatement(context: AreaContext, input: { modelId: string; text: string }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		await modelOf(tx, context, input.modelId);
		const [{ next }] = await tx
			.select({ next: sql<number>`coalesce(max(${modelStatements.position}) + 1, 0)`.mapWith(Number) })
			.from(modelStatements)
			.where(eq(modelStatements.modelId, input.modelId));
		const [row] = await tx.insert(modelStatements).values({ id: newId(), areaId: context.area.id, modelId: input.modelId, text: input.text, position: next }).returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'model_statement', entityId: row.id, action: 'create', after: row });
		return row;
	});
}

/**
 * Rewords a statement; rounds already run keep the wording they asked. `baseText` is the wording the person started
 * from: if someone else reworded it since, the save is refused so that neither wording is lost unseen.
 */
export async function editStatement(context: AreaContext, input: { id: string; text: string; baseText: string }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await statementOf(tx, context, input.id, true);
		if (before.text !== input.baseText) throw new ConflictError('Someone else reworded this statement while you were editing it. Their wording is saved; yours is beside it to keep or drop.');
		const [after] = await tx.update(modelStatements).set({ text: input.text }).where(eq(modelStatements.id, input.id)).returning();
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'model_statement', entityId: input.id, action: 'update', before, after });
		return after;
	});
}

/** Removes a statement no round has asked; a model keeps at least one. */
export async function removeStatement(context: AreaContext, input: { id: string }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await statementOf(tx, context, input.id);
		// Locks the model's statements so two removals at once cannot leave it with none.
		const siblings = await tx.select({ id: modelStatements.id }).from(modelStatements).where(eq(modelStatements.modelId, before.modelId)).for('update');
		if (siblings.length <= 1) throw new InputError({ _form: 'A model needs at least one survey statement. Add another before removing this one.' });
		const rounds = await askedInRounds(tx, context, { statementId: input.id });
		if (rounds) throw new InputError({ _form: `This statement was asked in ${rounds}, so it stays with those results. You can reword it instead.` });
		await tx.delete(modelStatements).where(eq(modelStatements.id, input.id));
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'model_statement', entityId: input.id, action: 'delete', before });
		return before;
	});
}

/** Every model of the area with its statements and links, programme models first. */
export async function listModels(context: AreaContext, executor: Executor = db) {
	const areaId = context.area.id;
	const [models, statements, actorLinks, handoffLinks] = await Promise.all([
		executor.select().from(mentalModels).where(eq(mentalModels.areaId, areaId)).orderBy(sql`${mentalModels.programmeKey} is null`, asc(mentalModels.createdAt), asc(mentalModels.title)),
		executor.select().from(modelStatements).where(eq(modelStatements.areaId, areaId)).orderBy(asc(modelStatements.position), asc(modelStatements.createdAt)),
		executor
			.select({ modelId: modelActorLinks.modelId, id: mapActors.id, name: mapActors.name })
			.from(modelActorLinks)
			.innerJoin(mapActors, eq(mapActors.id, modelActorLinks.actorId))
			.where(eq(modelActorLinks.areaId, areaId))
			.orderBy(asc(mapActors.name)),
		executor
			.select({ modelId: modelHandoffLinks.modelId, id: mapHandoffs.id, label: mapHandoffs.label })
			.from(modelHandoffLinks)
			.innerJoin(mapHandoffs, eq(mapHandoffs.id, modelHandoffLinks.handoffId))
			.where(eq(modelHandoffLinks.areaId, areaId))
			.orderBy(asc(mapHandoffs.label))
	]);
	// Programme models in the programme's order.
	const rank = (key: string | null) => (key ? PROGRAMME_MODELS.findIndex((m) => m.key === key) : PROGRAMME_MODELS.length);
	return [...models]
		.sort((a, b) => rank(a.programmeKey) - rank(b.programmeKey))
		.map((m) => ({
			...m,
			statements: statements.filter((s) => s.modelId === m.id),
			actors: actorLinks.filter((l) => l.modelId === m.id).map(({ id, name }) => ({ id, name })),
			handoffs: handoffLinks.filter((l) => l.modelId === m.id).map(({ id, label }) => ({ id, label }))
		}));
}
export type ModelRow = Awaited<ReturnType<typeof listModels>>[number];

/** One model with its statements (and which rounds asked each) and its links. */
export async function getModel(context: AreaContext, id: string, executor: Executor = db) {
	const model = await modelOf(executor, context, id);
	const [statements, links, asked] = await Promise.all([
		executor.select().from(modelStatements).where(and(eq(modelStatements.areaId, context.area.id), eq(modelStatements.modelId, id))).orderBy(asc(modelStatements.position), asc(modelStatements.createdAt)),
		linksOf(executor, id),
		executor
			.select({ statementId: surveyRoundStatements.statementId, label: surveyRounds.label })
			.from(surveyRoundStatements)
			.innerJoin(surveyRounds, eq(surveyRounds.id, surveyRoundStatements.roundId))
			.where(eq(surveyRoundStatements.areaId, context.area.id))
			.orderBy(asc(surveyRounds.openedAt))
	]);
	return {
		model,
		...links,
		statements: statements.map((s) => ({ ...s, rounds: asked.filter((a) => a.statementId === s.id).map((a) => a.label) }))
	};
}

/**
 * The area's models by title, for choosing one to highlight on the map: as of the area's last change, one read for
 * every screen on its map (see sharedReads).
 */
export const sharedModelTitles = sharedReads(
	async (context: AreaContext) =>
		db.select({ id: mentalModels.id, title: mentalModels.title }).from(mentalModels).where(eq(mentalModels.areaId, context.area.id)).orderBy(asc(mentalModels.title)),
	{ key: (context) => context.area.id, follow: onAreaChange }
);

/** For the map: the models linked to each actor and each handoff. */
export async function modelLinksForMap(context: AreaContext, executor: Executor = db) {
	const areaId = context.area.id;
	const [actorLinks, handoffLinks] = await Promise.all([
		executor
			.select({ targetId: modelActorLinks.actorId, id: mentalModels.id, title: mentalModels.title })
			.from(modelActorLinks)
			.innerJoin(mentalModels, eq(mentalModels.id, modelActorLinks.modelId))
			.where(eq(modelActorLinks.areaId, areaId))
			.orderBy(asc(mentalModels.title)),
		executor
			.select({ targetId: modelHandoffLinks.handoffId, id: mentalModels.id, title: mentalModels.title })
			.from(modelHandoffLinks)
			.innerJoin(mentalModels, eq(mentalModels.id, modelHandoffLinks.modelId))
			.where(eq(modelHandoffLinks.areaId, areaId))
			.orderBy(asc(mentalModels.title))
	]);
	const group = (rows: { targetId: string; id: string; title: string }[]) => {
		const out: Record<string, { id: string; title: string }[]> = {};
		for (const r of rows) (out[r.targetId] ??= []).push({ id: r.id, title: r.title });
		return out;
	};
	return { byActor: group(actorLinks), byHandoff: group(handoffLinks) };
}
export type ModelLinksForMap = Awaited<ReturnType<typeof modelLinksForMap>>;
