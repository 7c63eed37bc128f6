import { describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, tocIndicators, tocLinks, tocNodes, tocReadings } from '$lib/server/db/schema';
import {
	addReading,
	createIndicator,
	createLink,
	createNode,
	deleteNode,
	getIndicator,
	getNode,
	getToc,
	startFromTemplate,
	updateNode,
	type IndicatorInput
} from '$lib/server/toc';
import { createActor, deleteActor } from '$lib/server/map';
import { createAction, getAction, updateAction } from '$lib/server/actions';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { TEMPLATE_LINKS, TEMPLATE_NODES } from '$lib/domain/toc-template';
import { readingSchema, saveFiguresSchema } from '$lib/validators/toc';
import { listFigures, saveFigures } from '$lib/server/toc/figures';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

const step = (context: AreaContext, kind: Parameters<typeof createNode>[1]['kind'], title: string) =>
	createNode(context, { kind, title, description: '', ownerActorId: null });

const indicator = (extra: Partial<IndicatorInput> = {}): IndicatorInput => ({
	name: 'Repeat share of children’s reports',
	unit: '% of reports',
	direction: 'down',
	baselineValue: 78,
	baselineDate: '2025-04-01',
	targetValue: 60,
	targetDate: '2027-03-31',
	dataSource: 'Police missing persons records',
	ownerActorId: null,
	frequency: 'quarterly',
	...extra
});

const linkCount = async (areaId: string) => (await db.select({ n: count() }).from(tocLinks).where(eq(tocLinks.areaId, areaId)))[0].n;

describe('steps and links', () => {
	it('builds a pathway with an owner from the area’s map and audits each change', async () => {
		const editor = await contextFor('editor');
		const police = await createActor(editor, { name: 'Testshire Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		const activity = await createNode(editor, { kind: 'activity', title: 'Hydra training', description: '', ownerActorId: police.id });
		const outcome = await step(editor, 'short_term_outcome', 'Missing seen as everyone’s job');
		await createLink(editor, { fromNodeId: activity.id, toNodeId: outcome.id, rationale: 'Working a case together', assumptions: 'Mixed syndicates' });
		const toc = await getToc(editor);
		expect(toc.nodes.find((n) => n.id === activity.id)?.ownerName).toBe('Testshire Police');
		expect(toc.links.map((l) => [l.fromNodeId, l.toNodeId, l.rationale])).toEqual([[activity.id, outcome.id, 'Working a case together']]);
		// An outcome without an indicator and an activity without an action are flagged.
		expect(toc.nodes.find((n) => n.id === outcome.id)?.flags).toEqual({ noIndicator: true, noAction: false, isolated: false });
		expect(toc.nodes.find((n) => n.id === activity.id)?.flags).toEqual({ noIndicator: false, noAction: true, isolated: false });
		const audits = await db.select({ entity: auditLog.entity, action: auditLog.action }).from(auditLog).where(eq(auditLog.areaId, editor.area.id));
		expect(audits.filter((a) => a.entity.startsWith('toc')).map((a) => `${a.entity}:${a.action}`).sort()).toEqual(['toc_link:create', 'toc_node:create', 'toc_node:create']);

		// Deleting the owner organisation leaves the step unowned, not deleted.
		await deleteActor(editor, { id: police.id, version: police.version });
		const [after] = await db.select().from(tocNodes).where(eq(tocNodes.id, activity.id));
		expect(after.ownerActorId).toBeNull();
	});

	it('refuses a link that would make a cycle, names it, and stores nothing', async () => {
		const editor = await contextFor('editor');
		// Outcomes may lead to outcomes of their own band, so only there can a loop close.
		const a = await step(editor, 'short_term_outcome', 'Mapping workshops');
		const b = await step(editor, 'short_term_outcome', 'A shared map');
		const c = await step(editor, 'short_term_outcome', 'Whole journey seen');
		await createLink(editor, { fromNodeId: a.id, toNodeId: b.id, rationale: '', assumptions: '' });
		await createLink(editor, { fromNodeId: b.id, toNodeId: c.id, rationale: '', assumptions: '' });
		const before = await linkCount(editor.area.id);
		const audits = async () => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.areaId, editor.area.id)))[0].n;
		const auditsBefore = await audits();
		const refused = await createLink(editor, { fromNodeId: c.id, toNodeId: a.id, rationale: 'Loop', assumptions: '' }).catch((e) => e);
		expect(refused).toBeInstanceOf(InputError);
		expect(refused.errors.toNodeId).toContain('Whole journey seen → Mapping workshops → A shared map → Whole journey seen');
		expect(await linkCount(editor.area.id)).toBe(before);
		expect(await audits()).toBe(auditsBefore);

		// A duplicate and a self-link are refused too.
		await expect(createLink(editor, { fromNodeId: a.id, toNodeId: b.id, rationale: '', assumptions: '' })).rejects.toThrow(/already leads to/);
		await expect(createLink(editor, { fromNodeId: a.id, toNodeId: a.id, rationale: '', assumptions: '' })).rejects.toThrow(/cannot lead to itself/);
		expect(await linkCount(editor.area.id)).toBe(before);
	});

	it('refuses a link down from a higher band, and a kind change that would turn a link downward, storing nothing', async () => {
		const editor = await contextFor('editor');
		const activity = await step(editor, 'activity', 'Mapping workshops');
		const impact = await step(editor, 'impact', 'Fewer repeats');
		const refused = await createLink(editor, { fromNodeId: impact.id, toNodeId: activity.id, rationale: 'Down', assumptions: '' }).catch((e) => e);
		expect(refused).toBeInstanceOf(InputError);
		expect(refused.errors.toNodeId).toContain('A link leads upward');
		expect(await linkCount(editor.area.id)).toBe(0);
		await createLink(editor, { fromNodeId: activity.id, toNodeId: impact.id, rationale: 'Up', assumptions: '' });
		const changed = await updateNode(editor, { id: activity.id, version: activity.version, kind: 'impact', title: activity.title, description: '', ownerActorId: null }).catch((e) => e);
		expect(changed).toBeInstanceOf(InputError);
		expect(changed.errors.kind).toContain('would no longer lead upward');
		const [kept] = await db.select().from(tocNodes).where(eq(tocNodes.id, activity.id));
		expect(kept.kind).toBe('activity');
	});

	it('flags a step with no link in or out', async () => {
		const editor = await contextFor('editor');
		const a = await step(editor, 'activity', 'A');
		const o = await step(editor, 'output', 'O');
		const lonely = await step(editor, 'input', 'Lonely');
		await createLink(editor, { fromNodeId: a.id, toNodeId: o.id, rationale: '', assumptions: '' });
		const toc = await getToc(editor);
		expect(toc.nodes.filter((n) => n.flags.isolated).map((n) => n.id)).toEqual([lonely.id]);
	});

	it('two links that together would close a loop: the second to commit is refused', async () => {
		const editor = await contextFor('editor');
		const a = await step(editor, 'intermediate_outcome', 'A');
		const b = await step(editor, 'intermediate_outcome', 'B');
		const results = await Promise.allSettled([
			createLink(editor, { fromNodeId: a.id, toNodeId: b.id, rationale: '', assumptions: '' }),
			createLink(editor, { fromNodeId: b.id, toNodeId: a.id, rationale: '', assumptions: '' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await linkCount(editor.area.id)).toBe(1);
	});

	it('a stale edit is refused with a conflict', async () => {
		const editor = await contextFor('editor');
		const a = await step(editor, 'activity', 'A');
		await updateNode(editor, { id: a.id, version: 1, kind: 'activity', title: 'A, renamed', description: '', ownerActorId: null });
		await expect(updateNode(editor, { id: a.id, version: 1, kind: 'activity', title: 'A again', description: '', ownerActorId: null })).rejects.toBeInstanceOf(ConflictError);
		const deleted = await deleteNode(editor, { id: a.id, version: 2 });
		expect(deleted.title).toBe('A, renamed');
	});

	it('deleting a step removes its links and indicators with it, and the audit row keeps them', async () => {
		const editor = await contextFor('editor');
		const a = await step(editor, 'activity', 'A');
		const o = await step(editor, 'long_term_outcome', 'O');
		const i = await step(editor, 'impact', 'I');
		await createLink(editor, { fromNodeId: a.id, toNodeId: o.id, rationale: '', assumptions: '' });
		await createLink(editor, { fromNodeId: o.id, toNodeId: i.id, rationale: 'Why', assumptions: '' });
		await createIndicator(editor, o.id, indicator());
		await deleteNode(editor, { id: o.id, version: o.version });
		expect(await linkCount(editor.area.id)).toBe(0);
		expect((await db.select({ n: count() }).from(tocIndicators).where(eq(tocIndicators.areaId, editor.area.id)))[0].n).toBe(0);
		const [row] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'toc_node'), eq(auditLog.entityId, o.id), eq(auditLog.action, 'delete')));
		const before = row.before as { links: unknown[]; indicators: unknown[] };
		expect(before.links).toHaveLength(2);
		expect(before.indicators).toHaveLength(1);
		expect((await getToc(editor)).nodes.map((n) => n.title).sort()).toEqual(['A', 'I']);
	});

	it('starts an empty theory of change from the programme template, once', async () => {
		const editor = await contextFor('editor');
		await startFromTemplate(editor);
		const toc = await getToc(editor);
		expect(toc.nodes).toHaveLength(TEMPLATE_NODES.length);
		expect(toc.links).toHaveLength(TEMPLATE_LINKS.length);
		expect(toc.nodes.filter((n) => n.kind === 'activity').map((n) => n.title)).toEqual(['Mapping workshops', 'Hydra training', 'Shared protocols']);
		await expect(startFromTemplate(editor)).rejects.toBeInstanceOf(ConflictError);
		expect((await getToc(editor)).nodes).toHaveLength(TEMPLATE_NODES.length);
	});
});

describe('indicators and readings', () => {
	it('adds an indicator to an outcome and readings that move its status', async () => {
		const editor = await contextFor('editor');
		const outcome = await step(editor, 'long_term_outcome', 'Fewer repeat episodes');
		const row = await createIndicator(editor, outcome.id, indicator());
		await addReading(editor, row.id, { date: '2025-10-01', value: 72, note: 'Half-year figure' }, '2026-11-26');
		let detail = await getIndicator(editor, row.id);
		expect(detail.readings.map((r) => r.value)).toEqual([72]);
		expect(detail.progress.status).toBe('on_track');
		await addReading(editor, row.id, { date: '2026-04-01', value: 77, note: '' }, '2026-11-26');
		detail = await getIndicator(editor, row.id);
		expect(detail.progress.status).toBe('off_track');
		expect((await getToc(editor)).nodes[0].flags.noIndicator).toBe(false);
	});

	it('refuses a target on the wrong side of the baseline, and indicators on activities', async () => {
		const editor = await contextFor('editor');
		const outcome = await step(editor, 'long_term_outcome', 'Fewer repeat episodes');
		const wrong = await createIndicator(editor, outcome.id, indicator({ targetValue: 90 })).catch((e) => e);
		expect(wrong).toBeInstanceOf(InputError);
		expect(wrong.errors.targetValue).toMatch(/below the baseline/);
		const activity = await step(editor, 'activity', 'Hydra training');
		await expect(createIndicator(editor, activity.id, indicator())).rejects.toBeInstanceOf(InputError);
		expect((await db.select({ n: count() }).from(tocIndicators).where(eq(tocIndicators.areaId, editor.area.id)))[0].n).toBe(0);
	});

	it('validates readings: real dates, numbers, not in the future, one per date', async () => {
		expect(readingSchema.safeParse({ date: '2026-02-30', value: '5', note: '' }).success).toBe(false);
		expect(readingSchema.safeParse({ date: '2026-02-03', value: 'five', note: '' }).success).toBe(false);
		expect(readingSchema.safeParse({ date: '2026-02-03', value: '', note: '' }).success).toBe(false);
		expect(readingSchema.safeParse({ date: '2026-02-03', value: '1,250.5', note: '' }).data?.value).toBe(1250.5);

		const editor = await contextFor('editor');
		const outcome = await step(editor, 'impact', 'Safer');
		const row = await createIndicator(editor, outcome.id, indicator());
		const future = await addReading(editor, row.id, { date: '2026-11-27', value: 70, note: '' }, '2026-11-26').catch((e) => e);
		expect(future.errors.date).toMatch(/future/);
		await addReading(editor, row.id, { date: '2026-11-26', value: 70, note: '' }, '2026-11-26');
		const twice = await addReading(editor, row.id, { date: '2026-11-26', value: 71, note: '' }, '2026-11-26').catch((e) => e);
		expect(twice.errors.date).toMatch(/already a reading/);
		expect((await db.select({ n: count() }).from(tocReadings).where(eq(tocReadings.indicatorId, row.id)))[0].n).toBe(1);
	});
});

describe('actions that deliver steps', () => {
	it('an action ticked against an activity clears its “no action” flag; editing handoffs alone keeps the link', async () => {
		const editor = await contextFor('editor');
		const other = await contextFor('editor');
		const activity = await step(editor, 'activity', 'Hydra training');
		const foreign = await step(other, 'activity', 'Elsewhere');
		expect((await getToc(editor)).nodes[0].flags.noAction).toBe(true);
		const base = { title: 'Book the first Hydra day', description: '', ownerActorId: null, ownerUserId: null, dueDate: null, status: 'not_started' as const, priority: 'high' as const, handoffIds: [] };
		const refused = await createAction(editor, { ...base, tocNodeIds: [foreign.id] }).catch((e) => e);
		expect(refused.errors.tocNodeIds).toMatch(/theory of change/);
		const action = await createAction(editor, { ...base, tocNodeIds: [activity.id] });
		expect((await getToc(editor)).nodes[0].flags.noAction).toBe(false);
		expect((await getNode(editor, activity.id)).actionCount).toBe(1);
		// An edit that does not name steps (an older form, an import) leaves them linked.
		await updateAction(editor, { ...base, id: action.id, version: action.version, title: 'Book two Hydra days' });
		expect((await getAction(editor, action.id)).steps.map((s) => s.title)).toEqual(['Hydra training']);
		// The form names them: unticking removes the link.
		await updateAction(editor, { ...base, id: action.id, version: action.version + 1, tocNodeIds: [] });
		expect((await getToc(editor)).nodes[0].flags.noAction).toBe(true);
	});
});

describe('quarterly missing figures', () => {
	const figures = { quarter: '2026-Q3', missingReports: 340, peopleReported: 158, repeatShareAdults: 47, repeatShareChildren: 67.5, returnInterviewsOffered: 130, returnInterviewsWithin72h: 86 };

	it('validates figures: whole counts, shares from 0 to 100, people no more than reports, interviews within 72 h no more than offered', () => {
		const form = (extra: Record<string, string>) =>
			saveFiguresSchema.safeParse({ ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, String(v)])), ...extra });
		expect(form({}).success).toBe(true);
		expect(form({ missingReports: '3.5' }).error?.issues[0].path).toEqual(['missingReports']);
		expect(form({ repeatShareAdults: '101' }).error?.issues[0].message).toMatch(/0 to 100/);
		expect(form({ peopleReported: '400' }).error?.issues[0].path).toEqual(['peopleReported']);
		expect(form({ returnInterviewsWithin72h: '131' }).error?.issues[0].path).toEqual(['returnInterviewsWithin72h']);
		expect(form({ quarter: '2026-Q5' }).success).toBe(false);
	});

	it('adds a quarter once, edits it by version, and keeps it to its area', async () => {
		const editor = await contextFor('editor');
		const other = await contextFor('editor');
		const row = await saveFigures(editor, { ...figures, version: null });
		await expect(saveFigures(editor, { ...figures, version: null })).rejects.toBeInstanceOf(InputError);
		await saveFigures(editor, { ...figures, missingReports: 341, version: row.version });
		await expect(saveFigures(editor, { ...figures, missingReports: 342, version: row.version })).rejects.toBeInstanceOf(ConflictError);
		expect((await listFigures(editor)).map((f) => f.missingReports)).toEqual([341]);
		expect(await listFigures(other)).toEqual([]);
		const viewer = await contextFor('viewer', editor.area);
		await expect(saveFigures(viewer, { ...figures, quarter: '2026-Q2', version: null })).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('tenancy and roles', () => {
	it('another area’s member cannot see or touch this area’s steps, and ids from elsewhere are refused', async () => {
		const editor = await contextFor('editor');
		const other = await contextFor('lead');
		const a = await step(editor, 'activity', 'Ours');
		const theirs = await step(other, 'output', 'Theirs');
		const foreignActor = await createActor(other, { name: 'Elsewhere Council', sector: 'childrens_services', kind: 'organisation', audience: 'both', description: '' });
		await expect(getNode(other, a.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateNode(other, { id: a.id, version: 1, kind: 'activity', title: 'Hijacked', description: '', ownerActorId: null })).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteNode(other, { id: a.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		const cross = await createLink(editor, { fromNodeId: a.id, toNodeId: theirs.id, rationale: '', assumptions: '' }).catch((e) => e);
		expect(cross.errors.toNodeId).toMatch(/Choose a step/);
		await expect(createNode(editor, { kind: 'activity', title: 'Owned elsewhere', description: '', ownerActorId: foreignActor.id })).rejects.toBeInstanceOf(InputError);
		await expect(createIndicator(other, a.id, indicator())).rejects.toBeInstanceOf(NotFoundError);
		expect((await getToc(other)).nodes.map((n) => n.title)).toEqual(['Theirs']);
		const [stored] = await db.select().from(tocNodes).where(and(eq(tocNodes.id, a.id)));
		expect(stored.title).toBe('Ours');
	});

	it('a viewer reads but cannot change anything', async () => {
		const editor = await contextFor('editor');
		const viewer = await contextFor('viewer', editor.area);
		const a = await step(editor, 'activity', 'A');
		const b = await step(editor, 'output', 'B');
		expect((await getToc(viewer)).nodes).toHaveLength(2);
		await expect(step(viewer, 'activity', 'Nope')).rejects.toBeInstanceOf(NotFoundError);
		await expect(createLink(viewer, { fromNodeId: a.id, toNodeId: b.id, rationale: '', assumptions: '' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(startFromTemplate(viewer)).rejects.toBeInstanceOf(NotFoundError);
		expect(await linkCount(editor.area.id)).toBe(0);
	});
});
