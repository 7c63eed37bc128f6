// What a Hydra debrief learned: learning points of an exercise, and turning one into an action on an area's plan.
// Staff (consultants and admins) keep them; an action is made through the action plan's own verb, under the area's
// own guard, in the same transaction that marks the point as converted, so a point becomes at most one action.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { actions, areas, hydraExercises, hydraInjects, hydraLearningPoints, hydraReleases, hydraScenarios, users } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { listAreasFor, loadAreaContext } from '$lib/server/areas';
import { actionChoices, createAction, type ActionInput } from '$lib/server/actions';
import type { SessionUser } from '$lib/server/auth/session';

const ENTITY = 'hydra_learning_point';

async function exerciseOf(executor: Executor, id: string) {
	const [row] = await executor
		.select({ exercise: hydraExercises, scenarioTitle: hydraScenarios.title })
		.from(hydraExercises)
		.innerJoin(hydraScenarios, eq(hydraScenarios.id, hydraExercises.scenarioId))
		.where(eq(hydraExercises.id, id));
	if (!row) throw new NotFoundError();
	return { ...row.exercise, scenarioTitle: row.scenarioTitle };
}

/** The injects released in the exercise, in the order control released them. */
export function releasedInjects(exerciseId: string, executor: Executor = db) {
	return executor
		.select({ id: hydraInjects.id, position: hydraInjects.position, scenarioTime: hydraInjects.scenarioTime, title: hydraInjects.title, releasedAt: hydraReleases.releasedAt })
		.from(hydraReleases)
		.innerJoin(hydraInjects, eq(hydraInjects.id, hydraReleases.injectId))
		.where(eq(hydraReleases.exerciseId, exerciseId))
		.orderBy(asc(hydraReleases.releasedAt), asc(hydraInjects.position));
}

/** A learning point may name only an inject released in its own exercise. */
async function assertReleased(tx: Executor, exerciseId: string, injectId: string | null) {
	if (!injectId) return;
	const [found] = await tx
		.select({ id: hydraReleases.injectId })
		.from(hydraReleases)
		.where(and(eq(hydraReleases.exerciseId, exerciseId), eq(hydraReleases.injectId, injectId)));
	if (!found) throw new InputError({ injectId: 'Choose an inject released in this exercise.' });
}

/**
 * The exercise's learning points, oldest first, each with its inject and, once converted, its action and area. An
 * action on the plan of an area the reader cannot open is not described (only that the point became one), so that no
 * area is revealed to someone outside it.
 */
export async function listLearningPoints(user: SessionUser, exerciseId: string, executor: Executor = db) {
	const readable = new Set((await listAreasFor(user)).map((a) => a.id));
	const rows = await executor
		.select({
			point: hydraLearningPoints,
			injectTitle: hydraInjects.title,
			injectTime: hydraInjects.scenarioTime,
			authorName: users.name,
			action: { id: actions.id, title: actions.title, status: actions.status, dueDate: actions.dueDate },
			area: { id: areas.id, slug: areas.slug, name: areas.name }
		})
		.from(hydraLearningPoints)
		.leftJoin(hydraInjects, eq(hydraInjects.id, hydraLearningPoints.injectId))
		.leftJoin(users, eq(users.id, hydraLearningPoints.createdBy))
		.leftJoin(actions, eq(actions.id, hydraLearningPoints.actionId))
		.leftJoin(areas, eq(areas.id, actions.areaId))
		.where(eq(hydraLearningPoints.exerciseId, exerciseId))
		.orderBy(asc(hydraLearningPoints.createdAt), asc(hydraLearningPoints.id));
	return rows.map((r) => ({
		...r.point,
		injectTitle: r.injectTitle,
		injectTime: r.injectTime,
		authorName: r.authorName,
		action: r.action?.id && r.area && readable.has(r.area.id) ? { ...r.action, areaSlug: r.area.slug, areaName: r.area.name } : null
	}));
}
export type LearningPoint = Awaited<ReturnType<typeof listLearningPoints>>[number];

/** The areas where this person may add actions: the same role the action plan's own form demands (editor). */
export async function areasForActions(user: SessionUser) {
	return (await listAreasFor(user)).filter((a) => areaRoleAtLeast(a.role, 'editor')).map(({ id, slug, name }) => ({ id, slug, name }));
}

/** Everything the learning points page shows. */
export async function learningPage(user: SessionUser, exerciseId: string) {
	assertStaff(user);
	const exercise = await exerciseOf(db, exerciseId);
	const [injects, points, targets] = await Promise.all([releasedInjects(exerciseId), listLearningPoints(user, exerciseId), areasForActions(user)]);
	return { exercise, injects, points, areas: targets };
}

export interface LearningPointInput {
	text: string;
	injectId: string | null;
}

export async function addLearningPoint(user: SessionUser, exerciseId: string, input: LearningPointInput) {
	assertStaff(user);
	return db.transaction(async (tx) => {
		await exerciseOf(tx, exerciseId);
		await assertReleased(tx, exerciseId, input.injectId);
		const [row] = await tx
			.insert(hydraLearningPoints)
			.values({ id: newId(), exerciseId, text: input.text, injectId: input.injectId, createdBy: user.id })
			.returning();
		await audit(tx, { actorId: user.id, entity: ENTITY, entityId: row.id, action: 'create', after: row, exerciseId });
		return row;
	});
}

/** The point as it stands, locked for the change; refused once it has become an action. */
async function editablePoint(tx: Executor, exerciseId: string, id: string, version: number) {
	const [row] = await tx
		.select()
		.from(hydraLearningPoints)
		.where(and(eq(hydraLearningPoints.exerciseId, exerciseId), eq(hydraLearningPoints.id, id)))
		.for('update');
	if (!row) throw new NotFoundError();
	if (row.actionId) throw new ConflictError('This learning point has become an action, so it can no longer be changed here. Change the action instead.');
	if (row.version !== version) throw new ConflictError('Someone else changed this learning point while you were editing. Its current wording is shown below; make your change again.');
	return row;
}

export async function updateLearningPoint(user: SessionUser, exerciseId: string, input: LearningPointInput & { id: string; version: number }) {
	assertStaff(user);
	return db.transaction(async (tx) => {
		const before = await editablePoint(tx, exerciseId, input.id, input.version);
		await assertReleased(tx, exerciseId, input.injectId);
		const [after] = await tx
			.update(hydraLearningPoints)
			.set({ text: input.text, injectId: input.injectId, version: sql`${hydraLearningPoints.version} + 1` })
			.where(and(eq(hydraLearningPoints.id, before.id), isNull(hydraLearningPoints.actionId)))
			.returning();
		await audit(tx, { actorId: user.id, entity: ENTITY, entityId: before.id, action: 'update', before, after, exerciseId });
		return after;
	});
}

export async function deleteLearningPoint(user: SessionUser, exerciseId: string, input: { id: string; version: number }) {
	assertStaff(user);
	return db.transaction(async (tx) => {
		const before = await editablePoint(tx, exerciseId, input.id, input.version);
		await tx.delete(hydraLearningPoints).where(eq(hydraLearningPoints.id, before.id));
		await audit(tx, { actorId: user.id, entity: ENTITY, entityId: before.id, action: 'delete', before, exerciseId });
	});
}

/**
 * The area context for making an action there: the area guard's own lookup, at the action plan's minimum role. An area
 * the person may not add actions to is answered like one that does not exist.
 */
async function actionArea(user: SessionUser, slug: string) {
	const context = await loadAreaContext(user, slug, 'editor');
	if (!context) throw new NotFoundError();
	return context;
}

/**
 * What the "make it an action" form offers: the area (the one asked for, else the exercise's own when the person may
 * add actions there, else their first such area), that area's owners, handoffs and mental models, and a title and
 * description drawn from the point.
 */
export async function conversionForm(user: SessionUser, exerciseId: string, pointId: string, areaSlug: string | null) {
	assertStaff(user);
	const exercise = await exerciseOf(db, exerciseId);
	const [point] = (await listLearningPoints(user, exerciseId)).filter((p) => p.id === pointId);
	if (!point) throw new NotFoundError();
	const targets = await areasForActions(user);
	const slug = areaSlug ?? targets.find((a) => a.id === exercise.areaId)?.slug ?? targets[0]?.slug ?? null;
	if (!slug) return { point, area: null, choices: null, prefill: null };
	const context = await actionArea(user, slug);
	return {
		point,
		area: { id: context.area.id, slug: context.area.slug, name: context.area.name },
		choices: await actionChoices(context),
		prefill: {
			title: point.text.length <= 200 ? point.text : `${point.text.slice(0, 199).trimEnd()}…`,
			description: `A learning point from the Hydra exercise “${exercise.title}” (${exercise.scenarioTitle})${point.injectTitle ? `, arising from the inject “${point.injectTitle}”` : ''}:\n\n${point.text}`
		}
	};
}

/**
 * Makes the learning point an action on the area's plan through the action plan's own verb (which checks the role,
 * and that owners, handoffs and mental models are the area's), and records the action on the point. A point that is
 * already an action is refused, so two people converting at once make one action between them.
 */
export async function convertLearningPoint(user: SessionUser, exerciseId: string, pointId: string, areaSlug: string, input: ActionInput) {
	assertStaff(user);
	const context = await actionArea(user, areaSlug);
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(hydraLearningPoints)
			.where(and(eq(hydraLearningPoints.exerciseId, exerciseId), eq(hydraLearningPoints.id, pointId)))
			.for('update');
		if (!before) throw new NotFoundError();
		if (before.actionId) throw new ConflictError('This learning point is already an action; it is not made into another.');
		const action = await createAction(context, input, tx);
		const [after] = await tx.update(hydraLearningPoints).set({ actionId: action.id }).where(eq(hydraLearningPoints.id, pointId)).returning();
		await audit(tx, { actorId: user.id, areaId: context.area.id, entity: ENTITY, entityId: pointId, action: 'convert', before, after, exerciseId });
		return { action, area: context.area };
	});
}
