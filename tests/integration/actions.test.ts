import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionLinks, actions, actionUpdates, auditLog, mentalModels } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { ActionConflictError, actionChoices, actionCoverage, createAction, getAction, listActions, myActions, postUpdate, setStatus, updateAction, type ActionInput } from '$lib/server/actions';
import { startFromTemplate } from '$lib/server/toc';
import { exportActionsCsv, importActionsCsv, ActionImportError } from '$lib/server/actions/csv';
import { createActor, createHandoff, deleteActor } from '$lib/server/map';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { areaOverview } from '$lib/server/areas/overview';
import { createModel, sharedModelTitles } from '$lib/server/models';
import { follow, startRealtime } from '$lib/server/realtime';
import type { AreaChange } from '$lib/domain/live';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

async function withMap(context: AreaContext) {
	const police = await createActor(context, { name: 'Testshire Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
	const school = await createActor(context, { name: 'Hill School', sector: 'education', kind: 'organisation', audience: 'children', description: '' });
	const handoff = await createHandoff(context, {
		fromActorId: police.id,
		toActorId: school.id,
		label: 'Return home interview request',
		stage: 'after',
		passes: 'information',
		audience: 'children',
		rating: 'broken',
		trigger: '',
		standard: '',
		evidence: '',
		notes: '',
		isGap: true
	});
	return { police, school, handoff };
}

const input = (extra: Partial<ActionInput> = {}): ActionInput => ({
	title: 'Agree a return interview protocol',
	description: 'Police and school agree who asks for the interview.',
	ownerActorId: null,
	ownerUserId: null,
	dueDate: '2026-04-30',
	status: 'not_started',
	priority: 'high',
	handoffIds: [],
	...extra
});

describe('creating and editing actions', () => {
	it('creates an action owned by an actor and a member, linked to a handoff, with an audit row', async () => {
		const editor = await contextFor('editor');
		const { police, handoff } = await withMap(editor);
		const row = await createAction(editor, input({ ownerActorId: police.id, ownerUserId: editor.user.id, handoffIds: [handoff.id] }));
		const detail = await getAction(editor, row.id);
		expect(detail.ownerActorName).toBe('Testshire Police');
		expect(detail.links.map((l) => l.label)).toEqual(['Return home interview request']);
		const audits = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'action'), eq(auditLog.entityId, row.id)));
		expect(audits.map((a) => a.action)).toEqual(['create']);
		expect(audits[0].actorId).toBe(editor.user.id);
	});

	it('a viewer cannot create, edit, post updates or change status', async () => {
		const editor = await contextFor('editor');
		const viewer = await contextFor('viewer', editor.area);
		const row = await createAction(editor, input());
		await expect(createAction(viewer, input())).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateAction(viewer, { ...input({ title: 'Changed' }), id: row.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(postUpdate(viewer, { id: row.id, body: 'Hello', status: null })).rejects.toBeInstanceOf(NotFoundError);
		await expect(setStatus(viewer, { ids: [row.id], status: 'done' })).rejects.toBeInstanceOf(NotFoundError);
		const [after] = await db.select().from(actions).where(eq(actions.id, row.id));
		expect(after.title).toBe('Agree a return interview protocol');
		expect(after.version).toBe(1);
	});

	it('refuses owners and handoffs forged from another area and stores nothing', async () => {
		const north = await contextFor('editor');
		const south = await contextFor('editor');
		const southMap = await withMap(south);
		const before = await db.select().from(actions);
		await expect(createAction(north, input({ ownerActorId: southMap.police.id }))).rejects.toMatchObject({ errors: { ownerActorId: expect.any(String) } });
		await expect(createAction(north, input({ ownerUserId: south.user.id }))).rejects.toMatchObject({ errors: { ownerUserId: expect.any(String) } });
		await expect(createAction(north, input({ handoffIds: [southMap.handoff.id] }))).rejects.toBeInstanceOf(InputError);
		expect(await db.select().from(actions)).toHaveLength(before.length);
	});

	it('does not reach an action of another area by id', async () => {
		const north = await contextFor('editor');
		const south = await contextFor('editor');
		const southAction = await createAction(south, input());
		await expect(getAction(north, southAction.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateAction(north, { ...input({ title: 'Hijacked' }), id: southAction.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(postUpdate(north, { id: southAction.id, body: 'Hijacked', status: 'done' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(setStatus(north, { ids: [southAction.id], status: 'done' })).rejects.toBeInstanceOf(NotFoundError);
		const [after] = await db.select().from(actions).where(eq(actions.id, southAction.id));
		expect(after).toMatchObject({ title: 'Agree a return interview protocol', status: 'not_started', version: 1 });
		expect(await db.select().from(actionUpdates).where(eq(actionUpdates.actionId, southAction.id))).toHaveLength(0);
	});

	it('the database itself refuses a link to another area’s handoff', async () => {
		const north = await contextFor('editor');
		const south = await contextFor('editor');
		const southMap = await withMap(south);
		const row = await createAction(north, input());
		await expect(db.insert(actionLinks).values({ id: 'forged', areaId: north.area.id, actionId: row.id, handoffId: southMap.handoff.id })).rejects.toThrow();
	});

	it('refuses a stale edit with the current version to merge against, and changes nothing', async () => {
		const first = await contextFor('editor');
		const second = await contextFor('editor', first.area);
		const row = await createAction(first, input());
		await updateAction(first, { ...input({ title: 'First edit', status: 'in_progress' }), id: row.id, version: 1 });
		const stale = updateAction(second, { ...input({ title: 'Second edit' }), id: row.id, version: 1 });
		await expect(stale).rejects.toBeInstanceOf(ActionConflictError);
		const err = (await stale.catch((e) => e)) as ActionConflictError;
		expect(err.current).toMatchObject({ title: 'First edit', status: 'in_progress', version: 2 });
		const [after] = await db.select().from(actions).where(eq(actions.id, row.id));
		expect(after).toMatchObject({ title: 'First edit', version: 2 });
		// Merging: saving again against the current version goes through.
		const merged = await updateAction(second, { ...input({ title: 'Second edit', status: 'in_progress' }), id: row.id, version: 2 });
		expect(merged).toMatchObject({ title: 'Second edit', version: 3 });
	});

	it('leaves an action without an owner organisation when that actor leaves the map', async () => {
		const editor = await contextFor('editor');
		const { police } = await withMap(editor);
		const row = await createAction(editor, input({ ownerActorId: police.id }));
		await deleteActor(editor, { id: police.id, version: police.version });
		const [after] = await db.select().from(actions).where(eq(actions.id, row.id));
		expect(after.ownerActorId).toBeNull();
		expect(after.areaId).toBe(editor.area.id);
	});
});

describe('updates', () => {
	it('keeps every update, newest first, with status changes recorded and audited', async () => {
		const editor = await contextFor('editor');
		const row = await createAction(editor, input());
		await postUpdate(editor, { id: row.id, body: 'Met the school on Tuesday.', status: null });
		await postUpdate(editor, { id: row.id, body: 'Draft protocol circulated.', status: 'in_progress' });
		await postUpdate(editor, { id: row.id, body: '', status: 'blocked' });
		const detail = await getAction(editor, row.id);
		expect(detail.action.status).toBe('blocked');
		expect(detail.updates.map((u) => [u.body, u.statusFrom, u.statusTo])).toEqual([
			['', 'in_progress', 'blocked'],
			['Draft protocol circulated.', 'not_started', 'in_progress'],
			['Met the school on Tuesday.', null, null]
		]);
		expect(detail.history.filter((h) => h.action === 'post_update')).toHaveLength(3);
	});

	it('refuses an empty update', async () => {
		const editor = await contextFor('editor');
		const row = await createAction(editor, input());
		await expect(postUpdate(editor, { id: row.id, body: '', status: 'not_started' })).rejects.toBeInstanceOf(InputError);
		expect(await db.select().from(actionUpdates).where(eq(actionUpdates.actionId, row.id))).toHaveLength(0);
	});

	it('bulk status change moves every chosen action, or none when one is forged', async () => {
		const editor = await contextFor('editor');
		const other = await contextFor('editor');
		const a = await createAction(editor, input({ title: 'A' }));
		const b = await createAction(editor, input({ title: 'B' }));
		const foreign = await createAction(other, input({ title: 'Foreign' }));
		await expect(setStatus(editor, { ids: [a.id, foreign.id], status: 'done' })).rejects.toBeInstanceOf(NotFoundError);
		expect((await db.select().from(actions).where(eq(actions.id, a.id)))[0].status).toBe('not_started');
		expect(await setStatus(editor, { ids: [a.id, b.id], status: 'done' })).toEqual({ changed: 2 });
		const { actions: rows } = await listActions(editor, { status: 'done' });
		expect(rows.map((r) => r.title).sort()).toEqual(['A', 'B']);
	});
});

describe('lists', () => {
	it('filters by RAG, due window, owner and linked handoff', async () => {
		const editor = await contextFor('editor');
		const { police, handoff } = await withMap(editor);
		const today = '2026-03-10';
		await createAction(editor, input({ title: 'Late', dueDate: '2026-03-01', status: 'in_progress', ownerActorId: police.id }));
		await createAction(editor, input({ title: 'Soon', dueDate: '2026-03-15', handoffIds: [handoff.id] }));
		await createAction(editor, input({ title: 'Later', dueDate: '2026-06-01', status: 'in_progress' }));
		const titles = async (f: Parameters<typeof listActions>[1]) => (await listActions(editor, f, today)).actions.map((a) => a.title);
		expect(await titles({ rag: 'red' })).toEqual(['Late']);
		expect(await titles({ rag: 'amber' })).toEqual(['Soon']);
		expect(await titles({ due: 'week' })).toEqual(['Soon']);
		expect(await titles({ owner: police.id })).toEqual(['Late']);
		expect(await titles({ handoff: handoff.id })).toEqual(['Soon']);
		expect(await titles({ sort: 'title', descending: true })).toEqual(['Soon', 'Later', 'Late']);
	});

	it('my actions spans areas, leaves out closed ones and puts overdue first', async () => {
		const north = await contextFor('editor');
		const south = await makeArea();
		await addMember(south.id, north.user.id, 'editor');
		const southContext = { area: south, role: 'editor' as const, user: north.user };
		const me = north.user.id;
		await createAction(north, input({ title: 'North later', ownerUserId: me, dueDate: '2026-05-01' }));
		await createAction(southContext, input({ title: 'South overdue', ownerUserId: me, dueDate: '2026-03-01', status: 'in_progress' }));
		await createAction(north, input({ title: 'Done', ownerUserId: me, status: 'done' }));
		await createAction(north, input({ title: 'Not mine' }));
		const mine = await myActions(north.user, '2026-03-10');
		expect(mine.map((a) => [a.title, a.areaSlug])).toEqual([
			['South overdue', south.slug],
			['North later', north.area.slug]
		]);
	});
});

describe('CSV', () => {
	it('round-trips: an export imports back as the same actions, formulas escaped', async () => {
		const editor = await contextFor('editor');
		const { police, handoff } = await withMap(editor);
		await createAction(editor, input({ title: '=HYPERLINK("http://evil")', ownerActorId: police.id, ownerUserId: editor.user.id, handoffIds: [handoff.id], status: 'blocked' }));
		await createAction(editor, input({ title: 'Plain', dueDate: null, priority: 'low' }));
		const csv = await exportActionsCsv(editor);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(await importActionsCsv(editor, csv)).toEqual({ imported: 2 });
		const { actions: rows } = await listActions(editor, { sort: 'title' });
		const shape = (r: (typeof rows)[number]) => [r.title, r.ownerActorId, r.ownerUserId, r.dueDate, r.status, r.priority, r.handoffs.map((h) => h.id)];
		const [a1, a2, b1, b2] = rows;
		expect(shape(a1)).toEqual(shape(a2));
		expect(shape(b1)).toEqual(shape(b2));
		expect(a1.title).toBe('=HYPERLINK("http://evil")');
	});

	it('imports nothing when any row is bad, and says what is wrong with each', async () => {
		const editor = await contextFor('editor');
		await withMap(editor);
		const csv = [
			'title,description,owner_organisation,owner_email,due_date,status,priority,handoffs',
			'Good row,,Testshire Police,,2026-05-01,In progress,High,Return home interview request',
			',,Nobody Org,,2026-13-45,Sideways,Urgent,',
			'Third,,,stranger@example.test,,,,No such handoff'
		].join('\n');
		const err = (await importActionsCsv(editor, csv).catch((e) => e)) as ActionImportError;
		expect(err).toBeInstanceOf(ActionImportError);
		expect(err.problems).toHaveLength(2);
		expect(err.problems[0]).toMatch(/^Row 3: .*Nobody Org.*Sideways.*Urgent.*title/);
		expect(err.problems[1]).toMatch(/^Row 4: .*stranger@example.test.*No such handoff/);
		expect(await db.select().from(actions).where(eq(actions.areaId, editor.area.id))).toHaveLength(0);
	});
});

describe('actions on mental models', () => {
	it('link to the area’s own mental models only, and a model counts as worked on only through a live action', async () => {
		const editor = await contextFor('editor');
		const [model] = await db.insert(mentalModels).values({ id: newId(), areaId: editor.area.id, title: 'Schools wait to be told' }).returning();
		const elsewhere = await contextFor('editor');
		const [foreign] = await db.insert(mentalModels).values({ id: newId(), areaId: elsewhere.area.id, title: 'Not ours' }).returning();

		await expect(createAction(editor, input({ modelIds: [foreign.id] }))).rejects.toThrow(InputError);
		expect((await actionCoverage(editor)).modelsUnaddressed.map((m) => m.title)).toContain('Schools wait to be told');

		const action = await createAction(editor, input({ modelIds: [model.id] }));
		expect((await getAction(editor, action.id)).models.map((m) => m.title)).toEqual(['Schools wait to be told']);
		expect((await actionCoverage(editor)).modelsUnaddressed.map((m) => m.id)).not.toContain(model.id);

		// A save that does not send model links (the CSV import) leaves them; dropping the action stops it counting.
		await updateAction(editor, { ...input({ status: 'dropped' }), id: action.id, version: action.version });
		expect((await getAction(editor, action.id)).models).toHaveLength(1);
		expect((await actionCoverage(editor)).modelsUnaddressed.map((m) => m.id)).toContain(model.id);
	});
});

describe('outcomes no action works toward', () => {
	it('drop off the overview once a live action delivers a step that leads to them', async () => {
		const lead = await contextFor('lead');
		await startFromTemplate(lead);
		const before = (await actionCoverage(lead)).outcomesUnaddressed;
		expect(before.length).toBeGreaterThan(0);
		const { steps } = await actionChoices(lead);
		const workshops = steps.find((s) => s.title === 'Mapping workshops')!;
		const action = await createAction(lead, input({ tocNodeIds: [workshops.id] }));
		const after = (await actionCoverage(lead)).outcomesUnaddressed;
		expect(after.length).toBeLessThan(before.length);
		// A dropped action works toward nothing.
		await updateAction(lead, { ...input({ status: 'dropped', tocNodeIds: [workshops.id] }), id: action.id, version: action.version });
		expect((await actionCoverage(lead)).outcomesUnaddressed).toHaveLength(before.length);
	});
});

describe('the area overview', () => {
	it('and the map’s list of models are read once for every screen until the area next changes, then afresh as soon as the change’s event arrives', async () => {
		const stop = await startRealtime();
		try {
			const editor = await contextFor('editor');
			const other = await contextFor('editor');
			const heard: AreaChange[] = [];
			const listener = { change: (c: AreaChange) => heard.push(c), presence: () => {} };
			const unfollow = [follow(editor.area.id, listener), follow(other.area.id, listener)];
			const until = async (seen: (c: AreaChange) => boolean) => {
				const end = Date.now() + 2000;
				while (!heard.some(seen) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			};
			const { handoff } = await withMap(editor);
			await until((c) => c.entityId === handoff.id);
			const first = await areaOverview(editor);
			expect(await areaOverview(editor)).toBe(first);
			expect(first.coverage.unaddressed.map((h) => h.id)).toContain(handoff.id);

			const action = await createAction(editor, input({ handoffIds: [handoff.id] }));
			await until((c) => c.entityId === action.id);
			const next = await areaOverview(editor);
			expect(next).not.toBe(first);
			expect(next.coverage.unaddressed.map((h) => h.id)).not.toContain(handoff.id);
			// The map's list of models is shared the same way, and dropped by a new model.
			const titles = await sharedModelTitles(editor);
			expect(await sharedModelTitles(editor)).toBe(titles);
			const model = await createModel(editor, { title: 'Schools wait to be told', description: '', statement: 'The police tell schools.', actorIds: [], handoffIds: [] });
			await until((c) => c.entityId === model.id);
			expect((await sharedModelTitles(editor)).map((m) => m.title)).toContain('Schools wait to be told');
			// Another area's change leaves this area's reads alone.
			const current = await areaOverview(editor);
			const elsewhere = await withMap(other);
			await until((c) => c.entityId === elsewhere.handoff.id);
			expect(await areaOverview(editor)).toBe(current);
			for (const stopFollowing of unfollow) stopFollowing();
		} finally {
			await stop();
		}
	});
});
