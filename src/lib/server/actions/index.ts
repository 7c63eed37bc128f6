// The shared action plan of an area. Every verb takes the AreaContext from the guard; every change is one transaction
// with its audit row; edits carry the version read and a stale one is refused with the current row to merge against.
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { actionLinks, actions, actionUpdates, auditLog, mapActors, mapHandoffs, memberships, mentalModels, tocLinks, tocNodes, users, areas, type Action } from '$lib/server/db/schema';
import { outcomesWithoutAction } from '$lib/domain/toc';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast, effectiveAreaRole } from '$lib/domain/roles';
import { londonToday } from '$lib/domain/dates';
import {
	coverageOf,
	doneByWeek,
	modelsNoActionAddresses,
	inDueWindow,
	isClosed,
	myActionsOrder,
	ragOf,
	sortActions,
	type ActionSort,
	type ActionStatus,
	type DueWindow,
	type Priority,
	type Rag,
	weeksUpTo
} from '$lib/domain/actions';
import type { AreaContext } from '$lib/server/areas';
import type { SessionUser } from '$lib/server/auth/session';
import { packActorNames } from '$lib/domain/map/types';

export interface ActionInput {
	title: string;
	description: string;
	ownerActorId: string | null;
	ownerUserId: string | null;
	dueDate: string | null;
	status: ActionStatus;
	priority: Priority;
	handoffIds: string[];
	/** Theory of change steps the action delivers; left as they are when not given. */
	tocNodeIds?: string[];
	/** Mental models the action works on; undefined leaves existing links alone. */
	modelIds?: string[];
}

/** The current row when a save was refused, for the merge screen. */
export class ActionConflictError extends ConflictError {
	constructor(public current: ActionDetail['action']) {
		super('Someone else saved this action while you were editing. Compare your version with theirs below, then save again.');
	}
}

/** Viewers read; editors and leads change the plan. The same 404 as anything out of reach. */
export function assertEditor(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'editor')) throw new NotFoundError();
}

/** The choices the forms offer: this area's actors, members, handoffs and theory of change steps. */
export async function actionChoices(context: AreaContext, executor: Executor = db) {
	const areaId = context.area.id;
	const [actors, members, handoffs, steps, models] = await Promise.all([
		executor.select({ id: mapActors.id, name: mapActors.name }).from(mapActors).where(eq(mapActors.areaId, areaId)).orderBy(asc(mapActors.name)),
		executor
			.select({ id: users.id, name: users.name, email: users.email, organisation: users.organisation })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.areaId, areaId))
			.orderBy(asc(users.name)),
		executor
			.select({ id: mapHandoffs.id, label: mapHandoffs.label, rating: mapHandoffs.rating, fromActorId: mapHandoffs.fromActorId, toActorId: mapHandoffs.toActorId })
			.from(mapHandoffs)
			.where(eq(mapHandoffs.areaId, areaId))
			.orderBy(asc(mapHandoffs.label)),
		executor
			.select({ id: tocNodes.id, title: tocNodes.title, kind: tocNodes.kind })
			.from(tocNodes)
			.where(eq(tocNodes.areaId, areaId))
			.orderBy(asc(tocNodes.createdAt), asc(tocNodes.id)),
		executor.select({ id: mentalModels.id, title: mentalModels.title }).from(mentalModels).where(eq(mentalModels.areaId, areaId)).orderBy(asc(mentalModels.title))
	]);
	return { actors, members, handoffs, steps, models };
}

/** Owner and links must all belong to this area: a forged id from elsewhere is refused before the database would. */
async function assertInArea(tx: Executor, context: AreaContext, input: Pick<ActionInput, 'ownerActorId' | 'ownerUserId' | 'handoffIds' | 'tocNodeIds' | 'modelIds'>) {
	const areaId = context.area.id;
	const errors: Record<string, string> = {};
	if (input.ownerActorId) {
		const [found] = await tx.select({ id: mapActors.id }).from(mapActors).where(and(eq(mapActors.areaId, areaId), eq(mapActors.id, input.ownerActorId)));
		if (!found) errors.ownerActorId = 'Choose an organisation on this area’s map.';
	}
	if (input.ownerUserId) {
		const [found] = await tx
			.select({ id: memberships.userId })
			.from(memberships)
			.where(and(eq(memberships.areaId, areaId), eq(memberships.userId, input.ownerUserId)));
		if (!found) errors.ownerUserId = 'Choose a member of this area.';
	}
	const unique = [...new Set(input.handoffIds)];
	if (unique.length) {
		const found = await tx
			.select({ id: mapHandoffs.id })
			.from(mapHandoffs)
			.where(and(eq(mapHandoffs.areaId, areaId), inArray(mapHandoffs.id, unique)));
		if (found.length !== unique.length) errors.handoffIds = 'Choose handoffs on this area’s map.';
	}
	const steps = input.tocNodeIds === undefined ? undefined : [...new Set(input.tocNodeIds)];
	if (steps?.length) {
		const found = await tx
			.select({ id: tocNodes.id })
			.from(tocNodes)
			.where(and(eq(tocNodes.areaId, areaId), inArray(tocNodes.id, steps)));
		if (found.length !== steps.length) errors.tocNodeIds = 'Choose steps of this area’s theory of change.';
	}
	const models = input.modelIds === undefined ? undefined : [...new Set(input.modelIds)];
	if (models?.length) {
		const found = await tx
			.select({ id: mentalModels.id })
			.from(mentalModels)
			.where(and(eq(mentalModels.areaId, areaId), inArray(mentalModels.id, models)));
		if (found.length !== models.length) errors.modelIds = 'Choose mental models of this area.';
	}
	if (Object.keys(errors).length) throw new InputError(errors);
	return { handoffIds: unique, tocNodeIds: steps, modelIds: models };
}

async function actionOf(tx: Executor, context: AreaContext, id: string) {
	const [row] = await tx.select().from(actions).where(and(eq(actions.areaId, context.area.id), eq(actions.id, id)));
	if (!row) throw new NotFoundError();
	return row;
}

async function linksOf(tx: Executor, actionId: string) {
	const rows = await tx
		.select({ handoffId: actionLinks.handoffId, tocNodeId: actionLinks.tocNodeId, modelId: actionLinks.modelId })
		.from(actionLinks)
		.where(eq(actionLinks.actionId, actionId));
	const ids = (pick: (r: (typeof rows)[number]) => string | null) => rows.map(pick).filter((id): id is string => id !== null).sort();
	return { handoffIds: ids((r) => r.handoffId), tocNodeIds: ids((r) => r.tocNodeId), modelIds: ids((r) => r.modelId) };
}

/**
 * Replaces the action's handoff links, and its theory of change and mental model links when given (undefined leaves
 * them alone: forms that do not offer them, such as the CSV import, never clear them).
 */
async function writeLinks(tx: Executor, context: AreaContext, actionId: string, links: { handoffIds: string[]; tocNodeIds?: string[]; modelIds?: string[] }) {
	const areaId = context.area.id;
	const kinds = [
		{ column: actionLinks.handoffId, key: 'handoffId', ids: links.handoffIds },
		{ column: actionLinks.tocNodeId, key: 'tocNodeId', ids: links.tocNodeIds },
		{ column: actionLinks.modelId, key: 'modelId', ids: links.modelIds }
	] as const;
	for (const { column, key, ids } of kinds) {
		if (ids === undefined) continue;
		await tx.delete(actionLinks).where(and(eq(actionLinks.areaId, areaId), eq(actionLinks.actionId, actionId), isNotNull(column)));
		if (ids.length) await tx.insert(actionLinks).values(ids.map((target) => ({ id: newId(), areaId, actionId, [key]: target })));
	}
}

/** Pass an open transaction to make the action part of a larger change (a learning point becoming an action). */
export async function createAction(context: AreaContext, input: ActionInput, executor: Executor = db) {
	assertEditor(context);
	return executor.transaction(async (tx) => {
		const links = await assertInArea(tx, context, input);
		const { handoffIds: _handoffs, tocNodeIds: _steps, modelIds: _models, ...values } = input;
		const [row] = await tx
			.insert(actions)
			.values({ id: newId(), areaId: context.area.id, ...values, createdBy: context.user.id })
			.returning();
		await writeLinks(tx, context, row.id, links);
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'action',
			entityId: row.id,
			action: 'create',
			after: { ...row, handoffIds: links.handoffIds, tocNodeIds: links.tocNodeIds ?? [], modelIds: links.modelIds ?? [] }
		});
		return row;
	});
}

export async function updateAction(context: AreaContext, input: ActionInput & { id: string; version: number }) {
	assertEditor(context);
	const { id, version, handoffIds, tocNodeIds, modelIds, ...values } = input;
	return db.transaction(async (tx) => {
		const before = await actionOf(tx, context, id);
		const links = await assertInArea(tx, context, { ...values, handoffIds, tocNodeIds, modelIds });
		const [after] = await tx
			.update(actions)
			.set({ ...values, updatedAt: new Date(), version: sql`${actions.version} + 1` })
			.where(and(eq(actions.areaId, context.area.id), eq(actions.id, id), eq(actions.version, version)))
			.returning();
		if (!after) throw new ActionConflictError({ ...before, ...(await linksOf(tx, id)) });
		const beforeLinks = await linksOf(tx, id);
		await writeLinks(tx, context, id, links);
		if (before.status !== after.status)
			await tx.insert(actionUpdates).values({
				id: newId(),
				areaId: context.area.id,
				actionId: id,
				authorId: context.user.id,
				body: '',
				statusFrom: before.status,
				statusTo: after.status
			});
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'action',
			entityId: id,
			action: 'update',
			before: { ...before, ...beforeLinks },
			after: {
				...after,
				handoffIds: links.handoffIds,
				tocNodeIds: links.tocNodeIds ?? beforeLinks.tocNodeIds,
				modelIds: links.modelIds ?? beforeLinks.modelIds
			}
		});
		return after;
	});
}

/** Sets the status of one action, recording the change in its history (the board and bulk change use this). */
async function changeStatus(tx: Executor, context: AreaContext, before: Action, status: ActionStatus) {
	const [after] = await tx
		.update(actions)
		.set({ status, updatedAt: new Date(), version: sql`${actions.version} + 1` })
		.where(and(eq(actions.areaId, context.area.id), eq(actions.id, before.id), eq(actions.version, before.version)))
		.returning();
	if (!after) throw new ConflictError();
	return after;
}

/** A progress update: text, an optional status change, or both. Appended to the history, never edited. */
export async function postUpdate(context: AreaContext, input: { id: string; body: string; status: ActionStatus | null }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await actionOf(tx, context, input.id);
		const changes = input.status !== null && input.status !== before.status;
		if (!changes && !input.body) throw new InputError({ body: 'Write what has happened, or choose a new status.' });
		const after = changes ? await changeStatus(tx, context, before, input.status!) : before;
		const [update] = await tx
			.insert(actionUpdates)
			.values({
				id: newId(),
				areaId: context.area.id,
				actionId: before.id,
				authorId: context.user.id,
				body: input.body,
				statusFrom: changes ? before.status : null,
				statusTo: changes ? input.status : null
			})
			.returning();
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'action',
			entityId: before.id,
			action: 'post_update',
			before: changes ? before : null,
			after: { update, status: after.status }
		});
		return { update, action: after };
	});
}

/** Moves many actions to one status, each with its own history entry and audit row; all or nothing. */
export async function setStatus(context: AreaContext, input: { ids: string[]; status: ActionStatus }) {
	assertEditor(context);
	const ids = [...new Set(input.ids)];
	return db.transaction(async (tx) => {
		const rows = await tx.select().from(actions).where(and(eq(actions.areaId, context.area.id), inArray(actions.id, ids)));
		if (rows.length !== ids.length) throw new NotFoundError();
		let changed = 0;
		for (const before of rows) {
			if (before.status === input.status) continue;
			const after = await changeStatus(tx, context, before, input.status);
			await tx.insert(actionUpdates).values({
				id: newId(),
				areaId: context.area.id,
				actionId: before.id,
				authorId: context.user.id,
				body: '',
				statusFrom: before.status,
				statusTo: input.status
			});
			await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'action', entityId: before.id, action: 'set_status', before, after });
			changed += 1;
		}
		return { changed };
	});
}

export interface ActionFilters {
	owner?: string; // actor id, or `user:<id>`
	status?: ActionStatus;
	rag?: Rag;
	due?: DueWindow;
	handoff?: string;
	sort?: ActionSort;
	descending?: boolean;
}

/** Every action of the area with owner names, linked handoffs and RAG, filtered and sorted. */
export async function listActions(context: AreaContext, filters: ActionFilters = {}, today = londonToday(), executor: Executor = db) {
	const areaId = context.area.id;
	const [rows, links] = await Promise.all([
		executor
			.select({
				action: actions,
				ownerActorName: mapActors.name,
				ownerUserName: users.name
			})
			.from(actions)
			.leftJoin(mapActors, and(eq(mapActors.areaId, actions.areaId), eq(mapActors.id, actions.ownerActorId)))
			.leftJoin(users, eq(users.id, actions.ownerUserId))
			.where(eq(actions.areaId, areaId)),
		executor
			.select({ actionId: actionLinks.actionId, handoffId: mapHandoffs.id, label: mapHandoffs.label, rating: mapHandoffs.rating })
			.from(actionLinks)
			.innerJoin(mapHandoffs, and(eq(mapHandoffs.areaId, actionLinks.areaId), eq(mapHandoffs.id, actionLinks.handoffId)))
			.where(eq(actionLinks.areaId, areaId))
			.orderBy(asc(mapHandoffs.label))
	]);
	const linksOf = new Map<string, { id: string; label: string; rating: string }[]>();
	for (const l of links) {
		const list = linksOf.get(l.actionId) ?? [];
		list.push({ id: l.handoffId, label: l.label, rating: l.rating });
		linksOf.set(l.actionId, list);
	}
	const all = rows.map((r) => ({
		...r.action,
		ownerActorName: r.ownerActorName,
		ownerUserName: r.ownerUserName,
		handoffs: linksOf.get(r.action.id) ?? [],
		rag: ragOf(r.action, today)
	}));
	const shown = all.filter(
		(a) =>
			(!filters.owner || (filters.owner.startsWith('user:') ? a.ownerUserId === filters.owner.slice(5) : a.ownerActorId === filters.owner)) &&
			(!filters.status || a.status === filters.status) &&
			(!filters.rag || a.rag === filters.rag) &&
			(!filters.due || inDueWindow(a, filters.due, today)) &&
			(!filters.handoff || a.handoffs.some((h) => h.id === filters.handoff))
	);
	return { total: all.length, actions: sortActions(shown, filters.sort ?? 'due', filters.descending ?? false) };
}
export type ActionRow = Awaited<ReturnType<typeof listActions>>['actions'][number];

/** One action with its links, its update history (newest first) and its audit trail. */
export async function getAction(context: AreaContext, id: string, executor: Executor = db) {
	const action = await actionOf(executor, context, id);
	const [owner, links, steps, models, updates, history] = await Promise.all([
		executor
			.select({ actorName: mapActors.name })
			.from(mapActors)
			.where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, action.ownerActorId ?? '')))
			.then((r) => r[0]?.actorName ?? null),
		executor
			.select({ id: mapHandoffs.id, label: mapHandoffs.label, rating: mapHandoffs.rating })
			.from(actionLinks)
			.innerJoin(mapHandoffs, and(eq(mapHandoffs.areaId, actionLinks.areaId), eq(mapHandoffs.id, actionLinks.handoffId)))
			.where(and(eq(actionLinks.areaId, context.area.id), eq(actionLinks.actionId, id)))
			.orderBy(asc(mapHandoffs.label)),
		executor
			.select({ id: tocNodes.id, title: tocNodes.title, kind: tocNodes.kind })
			.from(actionLinks)
			.innerJoin(tocNodes, and(eq(tocNodes.areaId, actionLinks.areaId), eq(tocNodes.id, actionLinks.tocNodeId)))
			.where(and(eq(actionLinks.areaId, context.area.id), eq(actionLinks.actionId, id)))
			.orderBy(asc(tocNodes.title)),
		executor
			.select({ id: mentalModels.id, title: mentalModels.title })
			.from(actionLinks)
			.innerJoin(mentalModels, and(eq(mentalModels.areaId, actionLinks.areaId), eq(mentalModels.id, actionLinks.modelId)))
			.where(and(eq(actionLinks.areaId, context.area.id), eq(actionLinks.actionId, id)))
			.orderBy(asc(mentalModels.title)),
		executor
			.select({ update: actionUpdates, authorName: users.name })
			.from(actionUpdates)
			.leftJoin(users, eq(users.id, actionUpdates.authorId))
			.where(and(eq(actionUpdates.areaId, context.area.id), eq(actionUpdates.actionId, id)))
			.orderBy(desc(actionUpdates.createdAt), desc(actionUpdates.id)),
		executor
			.select({ at: auditLog.at, action: auditLog.action, actorName: users.name, id: auditLog.id })
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.where(and(eq(auditLog.areaId, context.area.id), eq(auditLog.entity, 'action'), eq(auditLog.entityId, id)))
			.orderBy(desc(auditLog.at), desc(auditLog.id))
	]);
	return {
		action: { ...action, handoffIds: links.map((l) => l.id).sort(), tocNodeIds: steps.map((s) => s.id).sort(), modelIds: models.map((m) => m.id).sort() },
		ownerActorName: owner,
		links,
		steps,
		models,
		updates: updates.map((u) => ({ ...u.update, authorName: u.authorName })),
		history
	};
}
export type ActionDetail = Awaited<ReturnType<typeof getAction>>;

/** The open actions a person owns in every area they can still open, overdue first. */
export async function myActions(user: SessionUser, today = londonToday(), executor: Executor = db) {
	const rows = await executor
		.select({ action: actions, areaSlug: areas.slug, areaName: areas.name, membershipRole: memberships.role })
		.from(actions)
		.innerJoin(areas, eq(areas.id, actions.areaId))
		.leftJoin(memberships, and(eq(memberships.areaId, actions.areaId), eq(memberships.userId, user.id)))
		.where(eq(actions.ownerUserId, user.id));
	const open = rows
		.filter((r) => effectiveAreaRole(user.role, r.membershipRole) !== null && !isClosed(r.action.status))
		.map((r) => ({ ...r.action, areaSlug: r.areaSlug, areaName: r.areaName, rag: ragOf(r.action, today) }));
	return myActionsOrder(open, today);
}

/** Weeks the overview's chart of actions done looks back over. */
export const DONE_CHART_WEEKS = 12;

/**
 * The area overview's summary of the plan: counts, the gaps on the map that no live action addresses, and how many
 * actions stood at done at the end of each of the last weeks.
 */
export async function actionCoverage(context: AreaContext, today = londonToday(), executor: Executor = db) {
	const areaId = context.area.id;
	// Only the columns the summary reads: the full action rows (descriptions, owners, handoff labels) of listActions
	// cost a large area's overview more than everything else on it.
	const [rows, links, handoffs, changes, models, modelLinks, steps, stepLinks, actionedSteps] = await Promise.all([
		executor
			.select({ id: actions.id, status: actions.status, dueDate: actions.dueDate, createdAt: actions.createdAt, ownerActorId: actions.ownerActorId, ownerActorName: mapActors.name })
			.from(actions)
			.leftJoin(mapActors, and(eq(mapActors.areaId, actions.areaId), eq(mapActors.id, actions.ownerActorId)))
			.where(eq(actions.areaId, areaId)),
		executor
			.select({ actionId: actionLinks.actionId, handoffId: sql<string>`${actionLinks.handoffId}` })
			.from(actionLinks)
			.where(and(eq(actionLinks.areaId, areaId), isNotNull(actionLinks.handoffId))),
		executor
			.select({ id: mapHandoffs.id, label: mapHandoffs.label, rating: mapHandoffs.rating })
			.from(mapHandoffs)
			.where(and(eq(mapHandoffs.areaId, areaId), inArray(mapHandoffs.rating, ['broken', 'absent'])))
			.orderBy(asc(mapHandoffs.label)),
		executor
			.select({ actionId: actionUpdates.actionId, at: actionUpdates.createdAt, from: actionUpdates.statusFrom, to: actionUpdates.statusTo })
			.from(actionUpdates)
			.where(and(eq(actionUpdates.areaId, areaId), isNotNull(actionUpdates.statusTo))),
		executor.select({ id: mentalModels.id, title: mentalModels.title }).from(mentalModels).where(eq(mentalModels.areaId, areaId)).orderBy(asc(mentalModels.title)),
		executor
			.select({ modelId: sql<string>`${actionLinks.modelId}`, status: actions.status })
			.from(actionLinks)
			.innerJoin(actions, and(eq(actions.areaId, actionLinks.areaId), eq(actions.id, actionLinks.actionId)))
			.where(and(eq(actionLinks.areaId, areaId), isNotNull(actionLinks.modelId))),
		executor
			.select({ id: tocNodes.id, title: tocNodes.title, kind: tocNodes.kind })
			.from(tocNodes)
			.where(eq(tocNodes.areaId, areaId))
			.orderBy(asc(tocNodes.createdAt), asc(tocNodes.id)),
		executor.select({ from: tocLinks.fromNodeId, to: tocLinks.toNodeId }).from(tocLinks).where(eq(tocLinks.areaId, areaId)),
		executor
			.selectDistinct({ id: sql<string>`${actionLinks.tocNodeId}` })
			.from(actionLinks)
			.innerJoin(actions, and(eq(actions.areaId, actionLinks.areaId), eq(actions.id, actionLinks.actionId)))
			.where(and(eq(actionLinks.areaId, areaId), isNotNull(actionLinks.tocNodeId), ne(actions.status, 'dropped')))
	]);
	const handoffIdsOf = new Map<string, string[]>();
	for (const l of links) handoffIdsOf.set(l.actionId, [...(handoffIdsOf.get(l.actionId) ?? []), l.handoffId]);
	return {
		...coverageOf(
			rows.map((a) => ({ status: a.status, dueDate: a.dueDate, handoffIds: handoffIdsOf.get(a.id) ?? [] })),
			handoffs,
			today
		),
		doneByWeek: doneByWeek(rows, changes, weeksUpTo(today, DONE_CHART_WEEKS)),
		modelsUnaddressed: modelsNoActionAddresses(models, modelLinks),
		outcomesUnaddressed: outcomesWithoutAction(steps, stepLinks, new Set(actionedSteps.map((s) => s.id))),
		/** The organisations that own actions, for one organisation's plan: packed once here, as the page carries them. */
		owners: packActorNames(
			[...new Map(rows.filter((a) => a.ownerActorId).map((a) => [a.ownerActorId!, a.ownerActorName ?? ''])).entries()].map(([id, name]) => ({ id, name }))
		)
	};
}
