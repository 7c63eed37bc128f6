// An area's theory of change. Every verb takes the AreaContext from the guard; every change is one transaction with
// its audit row. New links are checked for cycles under a lock on the area row, so two people adding links at once
// cannot close a cycle between them; a refused link stores nothing.
import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { actionLinks, areas, mapActors, tocIndicators, tocLinks, tocNodes, tocReadings, type TocIndicator, type TocLink, type TocNode } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { londonToday } from '$lib/domain/dates';
import {
	cycleThrough,
	describeCycle,
	indicatorProgress,
	isolatedSteps,
	linkDirectionError,
	isMeasured,
	needsAction,
	planErrors,
	type Direction,
	type Frequency,
	type TocKind
} from '$lib/domain/toc';
import { TEMPLATE_LINKS, TEMPLATE_NODES } from '$lib/domain/toc-template';
import type { AreaContext, AreaScope } from '$lib/server/areas';

export interface NodeInput {
	kind: TocKind;
	title: string;
	description: string;
	ownerActorId: string | null;
}

export interface LinkInput {
	fromNodeId: string;
	toNodeId: string;
	rationale: string;
	assumptions: string;
}

export interface IndicatorInput {
	name: string;
	unit: string;
	direction: Direction;
	baselineValue: number;
	baselineDate: string;
	targetValue: number;
	targetDate: string;
	dataSource: string;
	ownerActorId: string | null;
	frequency: Frequency;
}

export interface ReadingInput {
	date: string;
	value: number;
	note: string;
}

/** Viewers read; editors and leads change the theory of change. The same 404 as anything out of reach. */
export function assertEditor(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'editor')) throw new NotFoundError();
}

/** The organisations a step or indicator may name as owner: the actors on this area's map. */
export async function tocChoices(context: AreaContext, executor: Executor = db) {
	const actors = await executor
		.select({ id: mapActors.id, name: mapActors.name })
		.from(mapActors)
		.where(eq(mapActors.areaId, context.area.id))
		.orderBy(asc(mapActors.name));
	return { actors };
}

async function assertOwner(tx: Executor, context: AreaContext, ownerActorId: string | null) {
	if (!ownerActorId) return;
	const [found] = await tx
		.select({ id: mapActors.id })
		.from(mapActors)
		.where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, ownerActorId)));
	if (!found) throw new InputError({ ownerActorId: 'Choose an organisation on this area’s map.' });
}

async function nodeOf(tx: Executor, context: AreaContext, id: string) {
	const [row] = await tx.select().from(tocNodes).where(and(eq(tocNodes.areaId, context.area.id), eq(tocNodes.id, id)));
	if (!row) throw new NotFoundError();
	return row;
}

async function linkOf(tx: Executor, context: AreaContext, id: string) {
	const [row] = await tx.select().from(tocLinks).where(and(eq(tocLinks.areaId, context.area.id), eq(tocLinks.id, id)));
	if (!row) throw new NotFoundError();
	return row;
}

async function indicatorOf(tx: Executor, context: AreaContext, id: string) {
	const [row] = await tx.select().from(tocIndicators).where(and(eq(tocIndicators.areaId, context.area.id), eq(tocIndicators.id, id)));
	if (!row) throw new NotFoundError();
	return row;
}

/** Serialises changes to the area's links: cycle checks read the links only after taking this lock. */
async function lockArea(tx: Executor, context: AreaContext) {
	await tx.select({ id: areas.id }).from(areas).where(eq(areas.id, context.area.id)).for('update');
}

const entry = (context: AreaContext, entity: string, entityId: string, action: string, before: object | null, after: object | null) => ({
	actorId: context.user.id,
	areaId: context.area.id,
	entity,
	entityId,
	action,
	before,
	after
});

// Steps ------------------------------------------------------------------------------------------------------------

export async function createNode(context: AreaContext, input: NodeInput) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		await assertOwner(tx, context, input.ownerActorId);
		const [row] = await tx
			.insert(tocNodes)
			.values({ id: newId(), areaId: context.area.id, ...input, createdBy: context.user.id })
			.returning();
		await audit(tx, entry(context, 'toc_node', row.id, 'create', null, row));
		return row;
	});
}

export async function updateNode(context: AreaContext, input: NodeInput & { id: string; version: number }) {
	assertEditor(context);
	const { id, version, ...values } = input;
	return db.transaction(async (tx) => {
		await lockArea(tx, context);
		const before = await nodeOf(tx, context, id);
		await assertOwner(tx, context, values.ownerActorId);
		if (values.kind !== before.kind) await assertLinksStillLeadUp(tx, context, { ...before, kind: values.kind, title: values.title });
		const [after] = await tx
			.update(tocNodes)
			.set({ ...values, updatedAt: new Date(), version: sql`${tocNodes.version} + 1` })
			.where(and(eq(tocNodes.areaId, context.area.id), eq(tocNodes.id, id), eq(tocNodes.version, version)))
			.returning();
		if (!after) throw new ConflictError('Someone else saved this step while you were editing. The form now shows their version: make your change again.');
		await audit(tx, entry(context, 'toc_node', id, 'update', before, after));
		return after;
	});
}

/** Deletes a step with its links and indicators (the audit row keeps what was removed). */
export async function deleteNode(context: AreaContext, input: { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		await lockArea(tx, context);
		const before = await nodeOf(tx, context, input.id);
		if (before.version !== input.version) throw new ConflictError('Someone else changed this step since you opened it. Review it and delete again.');
		const links = await tx
			.select()
			.from(tocLinks)
			.where(and(eq(tocLinks.areaId, context.area.id), sql`(${tocLinks.fromNodeId} = ${input.id} or ${tocLinks.toNodeId} = ${input.id})`));
		const indicators = await tx.select().from(tocIndicators).where(and(eq(tocIndicators.areaId, context.area.id), eq(tocIndicators.nodeId, input.id)));
		await tx.delete(tocNodes).where(and(eq(tocNodes.areaId, context.area.id), eq(tocNodes.id, input.id)));
		await audit(tx, entry(context, 'toc_node', input.id, 'delete', { ...before, links, indicators }, null));
		return before;
	});
}

/** A step whose kind changes keeps its links only if each still leads upward; otherwise the change is refused. */
async function assertLinksStillLeadUp(tx: Executor, context: AreaContext, step: { id: string; kind: TocKind; title: string }) {
	const links = await tx
		.select({ from: tocLinks.fromNodeId, to: tocLinks.toNodeId })
		.from(tocLinks)
		.where(and(eq(tocLinks.areaId, context.area.id), sql`(${tocLinks.fromNodeId} = ${step.id} or ${tocLinks.toNodeId} = ${step.id})`));
	if (!links.length) return;
	const others = await tx
		.select({ id: tocNodes.id, kind: tocNodes.kind, title: tocNodes.title })
		.from(tocNodes)
		.where(and(eq(tocNodes.areaId, context.area.id), inArray(tocNodes.id, links.map((l) => (l.from === step.id ? l.to : l.from)))));
	const stepOf = new Map([...others.map((o) => [o.id, o] as const), [step.id, step] as const]);
	for (const l of links) {
		const error = linkDirectionError(stepOf.get(l.from)!, stepOf.get(l.to)!);
		if (error) throw new InputError({ kind: `With this kind, a link of this step would no longer lead upward. ${error}` });
	}
}

// Links ------------------------------------------------------------------------------------------------------------

/**
 * Adds "from leads to to". Refused, with nothing stored, when it would link a step to itself, repeat an existing link
 * or close a cycle; the message names the cycle by the steps' titles.
 */
export async function createLink(context: AreaContext, input: LinkInput) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		await lockArea(tx, context);
		const nodes = await tx
			.select({ id: tocNodes.id, title: tocNodes.title, kind: tocNodes.kind })
			.from(tocNodes)
			.where(and(eq(tocNodes.areaId, context.area.id), inArray(tocNodes.id, [input.fromNodeId, input.toNodeId])));
		const titles = new Map(nodes.map((n) => [n.id, n.title]));
		const stepOf = new Map(nodes.map((n) => [n.id, n]));
		const errors: Record<string, string> = {};
		if (!titles.has(input.fromNodeId)) errors.fromNodeId = 'Choose a step of this theory of change.';
		if (!titles.has(input.toNodeId)) errors.toNodeId = 'Choose a step of this theory of change.';
		if (Object.keys(errors).length) throw new InputError(errors);
		if (input.fromNodeId === input.toNodeId) throw new InputError({ toNodeId: 'A step cannot lead to itself: choose another step.' });
		const downward = linkDirectionError(stepOf.get(input.fromNodeId)!, stepOf.get(input.toNodeId)!);
		if (downward) throw new InputError({ toNodeId: downward });
		const links = await tx.select({ from: tocLinks.fromNodeId, to: tocLinks.toNodeId }).from(tocLinks).where(eq(tocLinks.areaId, context.area.id));
		if (links.some((l) => l.from === input.fromNodeId && l.to === input.toNodeId))
			throw new InputError({ toNodeId: `“${titles.get(input.fromNodeId)}” already leads to “${titles.get(input.toNodeId)}”.` });
		const cycle = cycleThrough(links, input.fromNodeId, input.toNodeId);
		if (cycle) {
			const all = await tx.select({ id: tocNodes.id, title: tocNodes.title }).from(tocNodes).where(eq(tocNodes.areaId, context.area.id));
			const titleOf = new Map(all.map((n) => [n.id, n.title]));
			throw new InputError({
				toNodeId: `This link would make a loop: ${describeCycle(cycle, (id) => titleOf.get(id) ?? id)}. A theory of change only leads upward; remove a link in the loop first.`
			});
		}
		const [row] = await tx
			.insert(tocLinks)
			.values({ id: newId(), areaId: context.area.id, ...input, createdBy: context.user.id })
			.returning();
		await audit(tx, entry(context, 'toc_link', row.id, 'create', null, row));
		return row;
	});
}

export async function updateLink(context: AreaContext, input: { id: string; version: number; rationale: string; assumptions: string }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await linkOf(tx, context, input.id);
		const [after] = await tx
			.update(tocLinks)
			.set({ rationale: input.rationale, assumptions: input.assumptions, updatedAt: new Date(), version: sql`${tocLinks.version} + 1` })
			.where(and(eq(tocLinks.areaId, context.area.id), eq(tocLinks.id, input.id), eq(tocLinks.version, input.version)))
			.returning();
		if (!after) throw new ConflictError('Someone else saved this link while you were editing. The form now shows their version: make your change again.');
		await audit(tx, entry(context, 'toc_link', input.id, 'update', before, after));
		return after;
	});
}

export async function deleteLink(context: AreaContext, input: { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await linkOf(tx, context, input.id);
		const [gone] = await tx
			.delete(tocLinks)
			.where(and(eq(tocLinks.areaId, context.area.id), eq(tocLinks.id, input.id), eq(tocLinks.version, input.version)))
			.returning({ id: tocLinks.id });
		if (!gone) throw new ConflictError('Someone else changed this link since you opened it. Review it and remove it again.');
		await audit(tx, entry(context, 'toc_link', input.id, 'delete', before, null));
		return before;
	});
}

// The programme template -------------------------------------------------------------------------------------------

/** Writes the programme template into an area's empty theory of change (refused when it already has steps). */
export async function startFromTemplate(context: AreaContext, executor?: Executor) {
	assertEditor(context);
	const run = async (tx: Executor) => {
		await lockArea(tx, context);
		const [{ n }] = await tx.select({ n: count() }).from(tocNodes).where(eq(tocNodes.areaId, context.area.id));
		if (n > 0) throw new ConflictError('This theory of change already has steps: the template only starts an empty one.');
		const ids = new Map(TEMPLATE_NODES.map((t) => [t.key, newId()]));
		// A millisecond apart, so the steps list in the template's order (lists sort by creation).
		const start = Date.now();
		const nodes = await tx
			.insert(tocNodes)
			.values(
				TEMPLATE_NODES.map((t, i) => ({
					id: ids.get(t.key)!,
					createdAt: new Date(start + i),
					updatedAt: new Date(start + i),
					areaId: context.area.id,
					kind: t.kind,
					title: t.title,
					description: t.description,
					createdBy: context.user.id
				}))
			)
			.returning();
		await tx.insert(tocLinks).values(
			TEMPLATE_LINKS.map((l, i) => ({
				id: newId(),
				createdAt: new Date(start + i),
				updatedAt: new Date(start + i),
				areaId: context.area.id,
				fromNodeId: ids.get(l.from)!,
				toNodeId: ids.get(l.to)!,
				rationale: l.rationale,
				assumptions: l.assumptions,
				createdBy: context.user.id
			}))
		);
		await audit(tx, entry(context, 'toc', context.area.id, 'start_from_template', null, { nodes: nodes.length, links: TEMPLATE_LINKS.length }));
		return { nodes: nodes.length, links: TEMPLATE_LINKS.length, ids };
	};
	return executor ? run(executor) : db.transaction(run);
}

// Indicators and readings ------------------------------------------------------------------------------------------

function assertPlan(input: IndicatorInput) {
	const errors = planErrors(input);
	if (Object.keys(errors).length) throw new InputError(errors);
}

export async function createIndicator(context: AreaContext, nodeId: string, input: IndicatorInput) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const node = await nodeOf(tx, context, nodeId);
		if (!isMeasured(node.kind)) throw new InputError({ _form: 'Indicators measure outcomes and the impact: choose one of those steps.' });
		assertPlan(input);
		await assertOwner(tx, context, input.ownerActorId);
		const [row] = await tx
			.insert(tocIndicators)
			.values({ id: newId(), areaId: context.area.id, nodeId, ...input, createdBy: context.user.id })
			.returning();
		await audit(tx, entry(context, 'toc_indicator', row.id, 'create', null, row));
		return row;
	});
}

export async function updateIndicator(context: AreaContext, input: IndicatorInput & { id: string; version: number }) {
	assertEditor(context);
	const { id, version, ...values } = input;
	return db.transaction(async (tx) => {
		const before = await indicatorOf(tx, context, id);
		assertPlan(values);
		await assertOwner(tx, context, values.ownerActorId);
		const [after] = await tx
			.update(tocIndicators)
			.set({ ...values, updatedAt: new Date(), version: sql`${tocIndicators.version} + 1` })
			.where(and(eq(tocIndicators.areaId, context.area.id), eq(tocIndicators.id, id), eq(tocIndicators.version, version)))
			.returning();
		if (!after) throw new ConflictError('Someone else saved this indicator while you were editing. The form now shows their version: make your change again.');
		await audit(tx, entry(context, 'toc_indicator', id, 'update', before, after));
		return after;
	});
}

export async function deleteIndicator(context: AreaContext, input: { id: string; version: number }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await indicatorOf(tx, context, input.id);
		const [gone] = await tx
			.delete(tocIndicators)
			.where(and(eq(tocIndicators.areaId, context.area.id), eq(tocIndicators.id, input.id), eq(tocIndicators.version, input.version)))
			.returning({ id: tocIndicators.id });
		if (!gone) throw new ConflictError('Someone else changed this indicator since you opened it. Review it and delete again.');
		const readings = await tx.select().from(tocReadings).where(eq(tocReadings.indicatorId, input.id));
		await audit(tx, entry(context, 'toc_indicator', input.id, 'delete', { ...before, readings }, null));
		return before;
	});
}

/** Records a reading; a date in the future, or a second reading for the same date, is refused. */
export async function addReading(context: AreaContext, indicatorId: string, input: ReadingInput, today = londonToday()) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const indicator = await indicatorOf(tx, context, indicatorId);
		if (input.date > today) throw new InputError({ date: 'A reading cannot be dated in the future.' });
		const [clash] = await tx
			.select({ id: tocReadings.id })
			.from(tocReadings)
			.where(and(eq(tocReadings.indicatorId, indicator.id), eq(tocReadings.date, input.date)));
		if (clash) throw new InputError({ date: 'There is already a reading for this date: delete it first to correct it.' });
		const [row] = await tx
			.insert(tocReadings)
			.values({ id: newId(), areaId: context.area.id, indicatorId: indicator.id, ...input, createdBy: context.user.id })
			.returning();
		await audit(tx, entry(context, 'toc_reading', row.id, 'create', null, row));
		return row;
	});
}

export async function deleteReading(context: AreaContext, indicatorId: string, readingId: string) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		await indicatorOf(tx, context, indicatorId);
		const [before] = await tx
			.delete(tocReadings)
			.where(and(eq(tocReadings.areaId, context.area.id), eq(tocReadings.indicatorId, indicatorId), eq(tocReadings.id, readingId)))
			.returning();
		if (!before) throw new NotFoundError();
		await audit(tx, entry(context, 'toc_reading', readingId, 'delete', before, null));
		return before;
	});
}

// Reading ----------------------------------------------------------------------------------------------------------

/** The whole theory of change: steps with owners, flags and indicator statuses, and the links between them. */
export async function getToc(context: AreaScope, executor: Executor = db) {
	const areaId = context.area.id;
	const [nodes, links, indicators, readings, actioned] = await Promise.all([
		executor
			.select({ node: tocNodes, ownerName: mapActors.name })
			.from(tocNodes)
			.leftJoin(mapActors, and(eq(mapActors.areaId, tocNodes.areaId), eq(mapActors.id, tocNodes.ownerActorId)))
			.where(eq(tocNodes.areaId, areaId))
			.orderBy(asc(tocNodes.createdAt), asc(tocNodes.id)),
		executor.select().from(tocLinks).where(eq(tocLinks.areaId, areaId)).orderBy(asc(tocLinks.createdAt), asc(tocLinks.id)),
		executor.select().from(tocIndicators).where(eq(tocIndicators.areaId, areaId)).orderBy(asc(tocIndicators.name)),
		executor
			.select({ indicatorId: tocReadings.indicatorId, date: tocReadings.date, value: tocReadings.value })
			.from(tocReadings)
			.where(eq(tocReadings.areaId, areaId)),
		executor
			.selectDistinct({ nodeId: actionLinks.tocNodeId })
			.from(actionLinks)
			.where(and(eq(actionLinks.areaId, areaId), isNotNull(actionLinks.tocNodeId)))
	]);
	const readingsOf = new Map<string, { date: string; value: number }[]>();
	for (const r of readings) readingsOf.set(r.indicatorId, [...(readingsOf.get(r.indicatorId) ?? []), r]);
	const withStatus = indicators.map((i) => ({ ...i, ...indicatorProgress(i, readingsOf.get(i.id) ?? []) }));
	const indicatorsOf = new Map<string, typeof withStatus>();
	for (const i of withStatus) indicatorsOf.set(i.nodeId, [...(indicatorsOf.get(i.nodeId) ?? []), i]);
	const hasAction = new Set(actioned.map((a) => a.nodeId));
	const isolated = new Set(isolatedSteps(nodes.map((n) => n.node), links.map((l) => ({ from: l.fromNodeId, to: l.toNodeId }))).map((n) => n.id));
	return {
		nodes: nodes.map(({ node, ownerName }) => {
			const own = indicatorsOf.get(node.id) ?? [];
			return {
				...node,
				ownerName,
				indicators: own,
				flags: {
					noIndicator: isMeasured(node.kind) && own.length === 0,
					noAction: needsAction(node.kind) && !hasAction.has(node.id),
					isolated: isolated.has(node.id)
				}
			};
		}),
		links
	};
}
export type Toc = Awaited<ReturnType<typeof getToc>>;
export type TocNodeRow = Toc['nodes'][number];

/** One step with its links in and out (with the other ends' titles) and its indicators. */
export async function getNode(context: AreaContext, id: string, executor: Executor = db) {
	const node = await nodeOf(executor, context, id);
	const toc = await getToc(context, executor);
	const titleOf = new Map(toc.nodes.map((n) => [n.id, { title: n.title, kind: n.kind }]));
	const row = toc.nodes.find((n) => n.id === id)!;
	const actions = await executor
		.select({ actionId: actionLinks.actionId })
		.from(actionLinks)
		.where(and(eq(actionLinks.areaId, context.area.id), eq(actionLinks.tocNodeId, id)));
	return {
		node: { ...node, ownerName: row.ownerName, flags: row.flags },
		indicators: row.indicators,
		incoming: toc.links.filter((l) => l.toNodeId === id).map((l) => ({ ...l, other: titleOf.get(l.fromNodeId)! })),
		outgoing: toc.links.filter((l) => l.fromNodeId === id).map((l) => ({ ...l, other: titleOf.get(l.toNodeId)! })),
		actionCount: actions.length,
		steps: toc.nodes.map((n) => ({ id: n.id, title: n.title, kind: n.kind }))
	};
}

/** One indicator with its step, owner and readings (oldest first) and its progress. */
export async function getIndicator(context: AreaContext, id: string, executor: Executor = db) {
	const indicator = await indicatorOf(executor, context, id);
	const [node, owner, readings] = await Promise.all([
		nodeOf(executor, context, indicator.nodeId),
		indicator.ownerActorId
			? executor
					.select({ name: mapActors.name })
					.from(mapActors)
					.where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, indicator.ownerActorId)))
					.then((r) => r[0]?.name ?? null)
			: Promise.resolve(null),
		executor
			.select()
			.from(tocReadings)
			.where(and(eq(tocReadings.areaId, context.area.id), eq(tocReadings.indicatorId, id)))
			.orderBy(asc(tocReadings.date))
	]);
	return { indicator, node, ownerName: owner, readings, progress: indicatorProgress(indicator, readings) };
}

export type { TocIndicator, TocLink, TocNode };
