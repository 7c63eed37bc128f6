import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, mentalModels, modelActorLinks, modelHandoffLinks, surveyResponses } from '$lib/server/db/schema';
import { createArea, type AreaContext } from '$lib/server/areas';
import { addProgrammeModels, addStatement, createModel, deleteModel, editStatement, getModel, listModels, modelLinksForMap, removeStatement, updateModel, ModelConflictError } from '$lib/server/models';
import {
	AlreadyAnsweredError,
	exportRoundCsv,
	listRounds,
	openRound,
	RoundClosedError,
	roundForAnswering,
	roundResults,
	setRoundStatus,
	submitResponse
} from '$lib/server/models/surveys';
import { createActor, createHandoff, deleteActor, deleteHandoff } from '$lib/server/map';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { SURVEY_ANSWER_PER_ADDRESS } from '$lib/domain/rate-limit';
import { PROGRAMME_MODELS } from '$lib/domain/programme';
import type { AreaRole } from '$lib/domain/roles';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

/** An area with the programme's models, as every new area has. */
async function areaWithModels(role: AreaRole = 'editor') {
	const context = await contextFor(role);
	await addProgrammeModels(db, context.area.id, context.user.id);
	return context;
}

async function withMap(context: AreaContext) {
	const police = await createActor(context, { name: 'Testshire Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
	const ward = await createActor(context, { name: 'Ward 7', sector: 'mental_health', kind: 'team', audience: 'adults', description: '' });
	const handoff = await createHandoff(context, {
		fromActorId: ward.id,
		toActorId: police.id,
		label: 'Missing patient notification',
		stage: 'during',
		passes: 'information',
		audience: 'adults',
		rating: 'broken',
		trigger: '',
		standard: '',
		evidence: '',
		notes: '',
		isGap: false
	});
	return { police, ward, handoff };
}

const allStatements = async (context: AreaContext) => (await listModels(context)).flatMap((m) => m.statements.map((s) => s.id));
const everyScore = (ids: string[], score: number) => Object.fromEntries(ids.map((id) => [id, score]));
let address = 0;
const nextAddress = () => `10.0.0.${++address}`;

describe('mental models', () => {
	it('a new area starts with the programme’s three models and their statements', async () => {
		const consultant = await makeUser('consultant');
		const area = await createArea(consultant, { slug: `models-${address++}`, name: 'Eastwick', policeForce: 'Eastwick Police', localAuthorities: '', status: 'active', description: '' });
		const models = await listModels({ area, role: 'lead', user: consultant });
		expect(models.map((m) => m.title)).toEqual(PROGRAMME_MODELS.map((m) => m.title));
		expect(models.every((m) => m.programmeKey !== null && m.statements.length > 0)).toBe(true);
	});

	it('an editor adds a local model linked to actors and handoffs; the map sees the links; removing them cascades', async () => {
		const editor = await areaWithModels();
		const { police, ward, handoff } = await withMap(editor);
		const model = await createModel(editor, { title: 'Wards step back', description: '', statement: 'A patient who leaves is the police’s problem.', actorIds: [ward.id], handoffIds: [handoff.id] });
		const links = await modelLinksForMap(editor);
		expect(links.byActor[ward.id].map((m) => m.title)).toEqual(['Wards step back']);
		expect(links.byHandoff[handoff.id].map((m) => m.title)).toEqual(['Wards step back']);
		const audits = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'mental_model'), eq(auditLog.entityId, model.id)));
		expect(audits.map((a) => a.action)).toEqual(['create']);

		await deleteHandoff(editor, { id: handoff.id, version: 1 });
		await deleteActor(editor, { id: ward.id, version: 1 });
		expect(await db.select().from(modelActorLinks).where(eq(modelActorLinks.modelId, model.id))).toEqual([]);
		expect(await db.select().from(modelHandoffLinks).where(eq(modelHandoffLinks.modelId, model.id))).toEqual([]);
		expect((await getModel(editor, model.id)).model.title).toBe('Wards step back');
		expect(police.id).toBeTruthy();
	});

	it('refuses links to another area’s actors', async () => {
		const editor = await areaWithModels();
		const other = await contextFor('editor');
		const { police } = await withMap(other);
		await expect(createModel(editor, { title: 'Forged', description: '', statement: 'Something.', actorIds: [police.id], handoffIds: [] })).rejects.toBeInstanceOf(InputError);
		expect((await listModels(editor)).map((m) => m.title)).not.toContain('Forged');
	});

	it('a viewer cannot add or edit models or statements', async () => {
		const editor = await areaWithModels();
		const viewer = await contextFor('viewer', editor.area);
		const [first] = await listModels(editor);
		await expect(createModel(viewer, { title: 'Mine', description: '', statement: 'x', actorIds: [], handoffIds: [] })).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateModel(viewer, { id: first.id, version: first.version, title: 'Changed', description: '', actorIds: [], handoffIds: [] })).rejects.toBeInstanceOf(NotFoundError);
		await expect(addStatement(viewer, { modelId: first.id, text: 'Another' })).rejects.toBeInstanceOf(NotFoundError);
		const [after] = await db.select().from(mentalModels).where(eq(mentalModels.id, first.id));
		expect(after.title).toBe(first.title);
		expect(after.version).toBe(1);
	});

	it('refuses a stale edit instead of overwriting it', async () => {
		const editor = await areaWithModels();
		const [first] = await listModels(editor);
		await updateModel(editor, { id: first.id, version: 1, title: 'Episode only', description: 'Reworded', actorIds: [], handoffIds: [] });
		await expect(updateModel(editor, { id: first.id, version: 1, title: 'Stale', description: '', actorIds: [], handoffIds: [] })).rejects.toBeInstanceOf(ModelConflictError);
		expect((await getModel(editor, first.id)).model.title).toBe('Episode only');
	});

	it('refuses rewording a statement someone else reworded since the form was read, and keeps their wording', async () => {
		const editor = await areaWithModels();
		const local = await createModel(editor, { title: 'Local', description: '', statement: 'Schools wait to be asked.', actorIds: [], handoffIds: [] });
		const [statement] = (await getModel(editor, local.id)).statements;
		await editStatement(editor, { id: statement.id, text: 'Schools wait for the police to ask.', baseText: 'Schools wait to be asked.' });
		await expect(editStatement(editor, { id: statement.id, text: 'Mine', baseText: 'Schools wait to be asked.' })).rejects.toBeInstanceOf(ConflictError);
		expect((await getModel(editor, local.id)).statements[0].text).toBe('Schools wait for the police to ask.');
		await editStatement(editor, { id: statement.id, text: 'Mine, merged', baseText: 'Schools wait for the police to ask.' });
		expect((await getModel(editor, local.id)).statements[0].text).toBe('Mine, merged');
	});

	it('keeps a statement a round has asked, and a model’s last statement', async () => {
		const editor = await areaWithModels();
		const local = await createModel(editor, { title: 'Local', description: '', statement: 'Only one.', actorIds: [], handoffIds: [] });
		const [only] = (await getModel(editor, local.id)).statements;
		await expect(removeStatement(editor, { id: only.id })).rejects.toThrow(/at least one/);
		const extra = await addStatement(editor, { modelId: local.id, text: 'A second one.' });
		await openRound(editor, { label: 'Baseline', statementIds: [extra.id] });
		await expect(removeStatement(editor, { id: extra.id })).rejects.toThrow(/Baseline/);
	});
});

describe('removing a model', () => {
	it('removes a local model nobody has surveyed, but never a programme model or one a round asked about', async () => {
		const editor = await areaWithModels();
		const [programme] = await listModels(editor);
		await expect(deleteModel(editor, { id: programme.id, version: programme.version })).rejects.toThrow(/programme/);
		const spare = await createModel(editor, { title: 'Spare', description: '', statement: 'Something.', actorIds: [], handoffIds: [] });
		await deleteModel(editor, { id: spare.id, version: spare.version });
		expect((await listModels(editor)).map((m) => m.title)).not.toContain('Spare');
		const asked = await createModel(editor, { title: 'Asked', description: '', statement: 'Asked once.', actorIds: [], handoffIds: [] });
		await openRound(editor, { label: 'Baseline', statementIds: (await getModel(editor, asked.id)).statements.map((s) => s.id) });
		await expect(deleteModel(editor, { id: asked.id, version: asked.version })).rejects.toThrow(/survey round/);
		const audits = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'mental_model'), eq(auditLog.entityId, spare.id))).orderBy(auditLog.id);
		expect(audits.map((a) => a.action)).toEqual(['create', 'delete']);
	});
});

describe('survey rounds', () => {
	it('takes one answer per participant, and the results count it', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		const round = await openRound(editor, { label: 'Baseline', statementIds: ids });
		expect(round.code).toMatch(/^[a-z2-7]{10}$/);
		await submitResponse(round.code, { sector: 'police', scores: everyScore(ids, 4), comment: 'Useful' }, 'participant-a', nextAddress());
		await expect(submitResponse(round.code, { sector: null, scores: everyScore(ids, 1), comment: '' }, 'participant-a', nextAddress())).rejects.toBeInstanceOf(AlreadyAnsweredError);
		await submitResponse(round.code, { sector: null, scores: everyScore(ids, 2), comment: '' }, 'participant-b', nextAddress());
		// Two submits from one browser at the same moment: one response, the other refused.
		const race = await Promise.allSettled(
			[1, 2].map(() => submitResponse(round.code, { sector: null, scores: everyScore(ids, 5), comment: '' }, 'participant-c', nextAddress()))
		);
		expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyAnsweredError);
		const results = await roundResults(editor, round.id, null);
		expect(results.n).toBe(3);
		const [listed] = await listRounds(editor);
		expect([listed.label, listed.responses, listed.statements]).toEqual(['Baseline', 3, ids.length]);
		expect(results.statements[0].summary.counts).toEqual([0, 1, 0, 1, 1]);
		expect(results.statements[0].summary.mean).toBeCloseTo(11 / 3);
		const trail = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'survey_response'), eq(auditLog.areaId, editor.area.id)));
		expect(trail).toHaveLength(3);
		expect(trail.every((t) => t.actorId === null && JSON.stringify(t.after) === JSON.stringify({ roundId: round.id }))).toBe(true);
		expect(results.comments.map((c) => c.text)).toEqual(['Useful']);
	});

	it('a closed round refuses answers with a clear message', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		const round = await openRound(editor, { label: 'Baseline', statementIds: ids });
		await setRoundStatus(editor, { id: round.id, version: round.version, status: 'closed' });
		await expect(submitResponse(round.code, { sector: null, scores: everyScore(ids, 3), comment: '' }, 'p', nextAddress())).rejects.toThrow(RoundClosedError);
		await expect(submitResponse(round.code, { sector: null, scores: everyScore(ids, 3), comment: '' }, 'p', nextAddress())).rejects.toThrow(/closed/);
		expect(await db.select().from(surveyResponses).where(eq(surveyResponses.roundId, round.id))).toEqual([]);
	});

	it('refuses an answer naming another area’s statements, and an unknown code', async () => {
		const north = await areaWithModels();
		const south = await areaWithModels();
		const northIds = await allStatements(north);
		const southIds = await allStatements(south);
		const round = await openRound(north, { label: 'Baseline', statementIds: northIds });
		const forged = { ...everyScore(northIds, 3), [southIds[0]]: 5 };
		await expect(submitResponse(round.code, { sector: null, scores: forged, comment: '' }, 'p', nextAddress())).rejects.toBeInstanceOf(InputError);
		await expect(submitResponse('zzzzzzzzzz', { sector: null, scores: everyScore(northIds, 3), comment: '' }, 'p', nextAddress())).rejects.toBeInstanceOf(NotFoundError);
		// Nor can a member of another area open this area's round, or its results.
		await expect(roundResults(south, round.id, null)).rejects.toBeInstanceOf(NotFoundError);
		await expect(setRoundStatus(south, { id: round.id, version: 1, status: 'closed' })).rejects.toBeInstanceOf(NotFoundError);
		expect(await db.select().from(surveyResponses).where(eq(surveyResponses.roundId, round.id))).toEqual([]);
	});

	it('refuses an answer that leaves a statement out', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		const round = await openRound(editor, { label: 'Baseline', statementIds: ids });
		await expect(submitResponse(round.code, { sector: null, scores: everyScore(ids.slice(1), 3), comment: '' }, 'p', nextAddress())).rejects.toBeInstanceOf(InputError);
	});

	it('a round asks only statements of its own area, and the public view shows only its label and statements', async () => {
		const north = await areaWithModels();
		const south = await areaWithModels();
		await expect(openRound(north, { label: 'Baseline', statementIds: await allStatements(south) })).rejects.toBeInstanceOf(InputError);
		const ids = await allStatements(north);
		const round = await openRound(north, { label: 'Baseline', statementIds: [...ids].reverse() });
		const view = await roundForAnswering(round.code);
		expect(view?.round.label).toBe('Baseline');
		// Asked in the order of the models page, whatever order the form sent them in.
		expect(view?.statements.map((s) => s.id)).toEqual(ids);
		expect(Object.keys(view!.round).sort()).toEqual(['areaId', 'id', 'label', 'status']);
		expect(await roundForAnswering('unknown123')).toBeNull();
	});

	it('limits answers from one address', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		const round = await openRound(editor, { label: 'Baseline', statementIds: ids });
		const address = '10.9.9.9';
		for (let i = 0; i < SURVEY_ANSWER_PER_ADDRESS.max; i++)
			await submitResponse(round.code, { sector: null, scores: everyScore(ids, 3), comment: '' }, `p${i}`, address);
		await expect(submitResponse(round.code, { sector: null, scores: everyScore(ids, 3), comment: '' }, 'one-too-many', address)).rejects.toBeInstanceOf(RateLimitedError);
	});

	it('compares a follow-up with the baseline, and exports responses safely', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		const baseline = await openRound(editor, { label: 'Baseline', statementIds: ids });
		await submitResponse(baseline.code, { sector: null, scores: everyScore(ids, 5), comment: '=HYPERLINK("x")' }, 'a', nextAddress());
		const follow = await openRound(editor, { label: 'Follow-up 1', statementIds: ids });
		await submitResponse(follow.code, { sector: null, scores: everyScore(ids, 3), comment: '' }, 'a', nextAddress());
		const results = await roundResults(editor, follow.id, baseline.id);
		expect(results.compare?.label).toBe('Baseline');
		expect(results.statements[0].shift).toBe(-2);
		const { csv } = await exportRoundCsv(editor, baseline.id);
		expect(csv).toContain(`'=HYPERLINK`);
		expect(csv.split('\r\n')).toHaveLength(2);
	});

	it('exports a sector only for groups large enough to show, and no answer times', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		const round = await openRound(editor, { label: 'Baseline', statementIds: ids });
		for (let i = 0; i < 5; i++) await submitResponse(round.code, { sector: 'police', scores: everyScore(ids, 4), comment: '' }, `police-${i}`, nextAddress());
		for (let i = 0; i < 5; i++) await submitResponse(round.code, { sector: null, scores: everyScore(ids, 2), comment: '' }, `none-${i}`, nextAddress());
		await submitResponse(round.code, { sector: 'education', scores: everyScore(ids, 1), comment: '' }, 'the-only-teacher', nextAddress());
		const { csv } = await exportRoundCsv(editor, round.id);
		const rows = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(rows[0].startsWith('response,sector,')).toBe(true);
		expect(rows).toHaveLength(12);
		expect(rows.filter((r) => r.split(',')[1] === 'Police')).toHaveLength(5);
		expect(csv).not.toContain('Education');
		expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
	});

	it('refuses a second round with the same name', async () => {
		const editor = await areaWithModels();
		const ids = await allStatements(editor);
		await openRound(editor, { label: 'Baseline', statementIds: ids });
		await expect(openRound(editor, { label: 'baseline', statementIds: ids })).rejects.toBeInstanceOf(InputError);
	});
});
