import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionLinks, actions, auditLog, hydraLearningPoints, mentalModels } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import {
	addLearningPoint,
	areasForActions,
	conversionForm,
	convertLearningPoint,
	deleteLearningPoint,
	learningPage,
	updateLearningPoint
} from '$lib/server/hydra/learning';
import { createActor, createHandoff } from '$lib/server/map';
import type { ActionInput } from '$lib/server/actions';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import type { SessionUser } from '$lib/server/auth/session';
import { useTestDatabase } from '../helpers/database';
import { addMember, hydraDebriefFixture, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

/** An area whose map has a handoff and which holds a mental model; `member` joins it with `role`. */
async function areaWithMap(member: SessionUser, role: 'viewer' | 'editor' | 'lead') {
	const area = await makeArea();
	await addMember(area.id, member.id, role);
	const builder = await makeUser('partner');
	await addMember(area.id, builder.id, 'editor');
	const context: AreaContext = { area, role: 'editor', user: builder };
	const police = await createActor(context, { name: 'Testshire Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
	const care = await createActor(context, { name: 'Testshire children’s homes', sector: 'care_provider', kind: 'organisation', audience: 'children', description: '' });
	const handoff = await createHandoff(context, {
		fromActorId: care.id,
		toActorId: police.id,
		label: 'Philomena Protocol form',
		stage: 'before',
		passes: 'information',
		audience: 'children',
		rating: 'broken',
		trigger: '',
		standard: '',
		evidence: '',
		notes: '',
		isGap: false
	});
	const [model] = await db.insert(mentalModels).values({ id: newId(), areaId: area.id, title: 'Once found, our part is done' }).returning();
	return { area, police, care, handoff, model };
}

const actionInput = (extra: Partial<ActionInput> = {}): ActionInput => ({
	title: 'Keep Philomena forms current in every children’s home',
	description: 'From the Hydra debrief.',
	ownerActorId: null,
	ownerUserId: null,
	dueDate: '2026-06-30',
	status: 'not_started',
	priority: 'high',
	handoffIds: [],
	...extra
});

const pointRow = async (id: string) => (await db.select().from(hydraLearningPoints).where(eq(hydraLearningPoints.id, id)))[0];
const actionCount = async (areaId: string) => (await db.select({ id: actions.id }).from(actions).where(eq(actions.areaId, areaId))).length;

describe('learning points', () => {
	it('are added, edited and removed by staff, naming only injects released in their own exercise, each change audited', async () => {
		const consultant = await makeUser('consultant');
		const fixture = await hydraDebriefFixture({ tag: 'lp1' });
		const other = await hydraDebriefFixture({ tag: 'lp1-other' });
		const released = fixture.released[0];
		const unreleased = fixture.injects[1];

		const point = await addLearningPoint(consultant, fixture.exercise.id, { text: 'The risk grade was not shared with the care home.', injectId: released.id });
		expect(point.injectId).toBe(released.id);

		// An inject of the scenario that control never released, and a released inject of another exercise, are refused.
		for (const injectId of [unreleased.id, other.released[0].id]) {
			const refused = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Should not be stored', injectId }).catch((e) => e);
			expect(refused).toBeInstanceOf(InputError);
			expect(refused.errors.injectId).toMatch(/released in this exercise/);
		}
		const page = await learningPage(consultant, fixture.exercise.id);
		expect(page.points.map((p) => p.text)).toEqual(['The risk grade was not shared with the care home.']);
		expect(page.points[0].injectTitle).toBe(released.title);
		// Released injects come in the order control released them, not the scenario's order.
		expect(page.injects.map((i) => i.id)).toEqual(fixture.released.map((i) => i.id));

		const edited = await updateLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: point.version, text: 'Share the risk grade with the care home at once.', injectId: null });
		expect(edited.text).toBe('Share the risk grade with the care home at once.');
		expect(edited.injectId).toBeNull();
		// An edit made from the wording before that change is refused, and changes nothing.
		await expect(updateLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: point.version, text: 'Stale', injectId: null })).rejects.toBeInstanceOf(ConflictError);
		expect((await pointRow(point.id)).text).toBe('Share the risk grade with the care home at once.');
		// The point cannot be reached through another exercise.
		await expect(deleteLearningPoint(consultant, other.exercise.id, { id: point.id, version: edited.version })).rejects.toBeInstanceOf(NotFoundError);

		await deleteLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: edited.version });
		expect(await pointRow(point.id)).toBeUndefined();
		const trail = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, 'hydra_learning_point'), eq(auditLog.entityId, point.id)));
		expect(trail.map((t) => t.action).sort()).toEqual(['create', 'delete', 'update']);
	});

	it('are not for partners', async () => {
		const partner = await makeUser('partner');
		const fixture = await hydraDebriefFixture({ tag: 'lp2' });
		await expect(learningPage(partner, fixture.exercise.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(addLearningPoint(partner, fixture.exercise.id, { text: 'No', injectId: null })).rejects.toBeInstanceOf(NotFoundError);
		expect(await db.select().from(hydraLearningPoints).where(eq(hydraLearningPoints.exerciseId, fixture.exercise.id))).toEqual([]);
	});
});

describe('a learning point becoming an action', () => {
	it('creates the action with its owner, due date, handoff and mental model links in the chosen area, and records it on the point', async () => {
		const consultant = await makeUser('consultant');
		const { area, police, handoff, model } = await areaWithMap(consultant, 'lead');
		const fixture = await hydraDebriefFixture({ tag: 'conv1', areaId: area.id });
		const point = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Nobody held a current Philomena form.', injectId: fixture.released[0].id });

		// The form offers the exercise's own area, with its handoffs and models, and a title from the point.
		const form = await conversionForm(consultant, fixture.exercise.id, point.id, null);
		expect(form.area?.slug).toBe(area.slug);
		expect(form.choices?.handoffs.map((h) => h.id)).toEqual([handoff.id]);
		expect(form.choices?.models.map((m) => m.id)).toEqual([model.id]);
		expect(form.prefill?.title).toBe('Nobody held a current Philomena form.');
		expect(form.prefill?.description).toContain(fixture.exercise.title);

		const { action } = await convertLearningPoint(consultant, fixture.exercise.id, point.id, area.slug, actionInput({ ownerActorId: police.id, handoffIds: [handoff.id], modelIds: [model.id] }));
		expect(action).toMatchObject({ areaId: area.id, ownerActorId: police.id, dueDate: '2026-06-30', createdBy: consultant.id });
		const links = await db.select().from(actionLinks).where(eq(actionLinks.actionId, action.id));
		expect(links.map((l) => l.handoffId).filter(Boolean)).toEqual([handoff.id]);
		expect(links.map((l) => l.modelId).filter(Boolean)).toEqual([model.id]);
		expect((await pointRow(point.id)).actionId).toBe(action.id);

		const listed = (await learningPage(consultant, fixture.exercise.id)).points[0];
		expect(listed.action).toMatchObject({ id: action.id, title: action.title, areaSlug: area.slug });
		// Another consultant, outside that area, learns only that the point became an action: not its area or its title.
		const outsider = (await learningPage(await makeUser('consultant'), fixture.exercise.id)).points[0];
		expect(outsider.actionId).toBe(action.id);
		expect(outsider.action).toBeNull();
		expect(JSON.stringify(outsider)).not.toContain(area.slug);
		const trail = await db
			.select({ entity: auditLog.entity, action: auditLog.action, areaId: auditLog.areaId })
			.from(auditLog)
			.where(and(eq(auditLog.areaId, area.id), eq(auditLog.actorId, consultant.id)));
		expect(trail).toEqual(expect.arrayContaining([
			{ entity: 'action', action: 'create', areaId: area.id },
			{ entity: 'hydra_learning_point', action: 'convert', areaId: area.id }
		]));

		// Converting again is refused, and no second action is made; nor can it be edited or removed any more.
		await expect(convertLearningPoint(consultant, fixture.exercise.id, point.id, area.slug, actionInput())).rejects.toBeInstanceOf(ConflictError);
		expect(await actionCount(area.id)).toBe(1);
		await expect(updateLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: point.version, text: 'Changed', injectId: null })).rejects.toThrow(/become an action/);
		await expect(deleteLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: point.version })).rejects.toBeInstanceOf(ConflictError);
		expect((await pointRow(point.id)).text).toBe('Nobody held a current Philomena form.');
	});

	it('two conversions at once make one action between them', async () => {
		const consultant = await makeUser('consultant');
		const { area } = await areaWithMap(consultant, 'editor');
		const fixture = await hydraDebriefFixture({ tag: 'conv-race', areaId: area.id });
		const point = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Agree who leads the search.', injectId: null });
		const results = await Promise.allSettled([
			convertLearningPoint(consultant, fixture.exercise.id, point.id, area.slug, actionInput({ title: 'First' })),
			convertLearningPoint(consultant, fixture.exercise.id, point.id, area.slug, actionInput({ title: 'Second' }))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ConflictError);
		expect(await actionCount(area.id)).toBe(1);
	});

	it('is refused in an area where the consultant may not add actions, and nothing changes', async () => {
		const consultant = await makeUser('consultant');
		const viewerOf = await areaWithMap(consultant, 'viewer');
		const outside = await areaWithMap(await makeUser('partner'), 'editor');
		const fixture = await hydraDebriefFixture({ tag: 'conv2', areaId: viewerOf.area.id });
		const point = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Return interviews were never collated.', injectId: null });

		// Neither area is offered: a viewer reads the plan but does not add to it, and the other is not theirs at all.
		const offered = (await areasForActions(consultant)).map((a) => a.slug);
		expect(offered).not.toContain(viewerOf.area.slug);
		expect(offered).not.toContain(outside.area.slug);
		expect((await conversionForm(consultant, fixture.exercise.id, point.id, null)).area).toBeNull();

		for (const slug of [viewerOf.area.slug, outside.area.slug]) {
			await expect(conversionForm(consultant, fixture.exercise.id, point.id, slug)).rejects.toBeInstanceOf(NotFoundError);
			await expect(convertLearningPoint(consultant, fixture.exercise.id, point.id, slug, actionInput())).rejects.toBeInstanceOf(NotFoundError);
		}
		expect(await actionCount(viewerOf.area.id)).toBe(0);
		expect(await actionCount(outside.area.id)).toBe(0);
		expect((await pointRow(point.id)).actionId).toBeNull();

		// An admin acts as lead everywhere, so the same conversion goes through for them.
		const admin = await makeUser('admin');
		const { action } = await convertLearningPoint(admin, fixture.exercise.id, point.id, viewerOf.area.slug, actionInput());
		expect(action.areaId).toBe(viewerOf.area.id);
	});

	it('refuses a handoff, mental model or owner from another area, and nothing changes', async () => {
		const consultant = await makeUser('consultant');
		const mine = await areaWithMap(consultant, 'editor');
		const theirs = await areaWithMap(consultant, 'editor');
		const fixture = await hydraDebriefFixture({ tag: 'conv3', areaId: mine.area.id });
		const point = await addLearningPoint(consultant, fixture.exercise.id, { text: 'The hospital did not know who to call.', injectId: null });

		const forged = [
			{ input: actionInput({ handoffIds: [mine.handoff.id, theirs.handoff.id] }), field: 'handoffIds' },
			{ input: actionInput({ modelIds: [theirs.model.id] }), field: 'modelIds' },
			{ input: actionInput({ ownerActorId: theirs.police.id }), field: 'ownerActorId' }
		];
		for (const { input, field } of forged) {
			const refused = await convertLearningPoint(consultant, fixture.exercise.id, point.id, mine.area.slug, input).catch((e) => e);
			expect(refused).toBeInstanceOf(InputError);
			expect(Object.keys(refused.errors)).toEqual([field]);
		}
		expect(await actionCount(mine.area.id)).toBe(0);
		expect(await actionCount(theirs.area.id)).toBe(0);
		expect((await pointRow(point.id)).actionId).toBeNull();
	});

	it('cannot reach a learning point of another exercise', async () => {
		const consultant = await makeUser('consultant');
		const { area } = await areaWithMap(consultant, 'editor');
		const one = await hydraDebriefFixture({ tag: 'conv4a', areaId: area.id });
		const two = await hydraDebriefFixture({ tag: 'conv4b', areaId: area.id });
		const point = await addLearningPoint(consultant, one.exercise.id, { text: 'A point of the first exercise.', injectId: null });
		await expect(convertLearningPoint(consultant, two.exercise.id, point.id, area.slug, actionInput())).rejects.toBeInstanceOf(NotFoundError);
		await expect(conversionForm(consultant, two.exercise.id, point.id, null)).rejects.toBeInstanceOf(NotFoundError);
		expect(await actionCount(area.id)).toBe(0);
	});
});
