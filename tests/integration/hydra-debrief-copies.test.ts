// Expected responses (written with the scenario, covered by its sign-off) and observers' notes in the debrief: the
// plenary shows both to staff; the facilitator's copy of the PDF holds both; the participants' copy holds the expected
// responses but never an observer's note or a hidden board answer.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraBoardPosts, hydraInjects, hydraScenarios } from '$lib/server/db/schema';
import { addObserverNote, getDebrief, moderateBoardPost } from '$lib/server/hydra/exercises';
import { getScenario, signOffScenario, updateInject } from '$lib/server/hydra/scenarios';
import { debriefPdf } from '$lib/server/pdf/debrief';
import { useTestDatabase } from '../helpers/database';
import { hydraDebriefFixture, makeScenario, makeUser } from '../helpers/factories';
import { pdfPages } from '../helpers/pdf';

useTestDatabase();

const flat = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ');

async function debriefWithNotes() {
	const consultant = await makeUser('consultant');
	const fixture = await hydraDebriefFixture({ tag: 'copies', facilitatorId: consultant.id });
	await db.update(hydraInjects).set({ expectedResponse: 'Grade high at once and share it with children’s services tonight' }).where(eq(hydraInjects.id, fixture.released[0].id));
	await addObserverNote(consultant, { id: fixture.exercise.id, syndicateId: fixture.syndicates[0].id, text: 'Blue team never asked about the care plan' });
	await addObserverNote(consultant, { id: fixture.exercise.id, syndicateId: null, text: 'The room went quiet after the hospital inject' });
	await moderateBoardPost(consultant, { id: fixture.exercise.id, postId: fixture.posts[1].id, move: 'hide', reason: 'Test: hidden answer' });
	return { consultant, fixture };
}

describe('the debrief’s two PDF copies', () => {
	it('the facilitator’s copy holds observers’ notes and expected responses; the participants’ copy no note and no hidden answer', async () => {
		const { consultant, fixture } = await debriefWithNotes();

		const facilitator = await debriefPdf(consultant, fixture.exercise.id, { copy: 'facilitator' });
		expect(facilitator.title).toBe('Debrief: Exercise copies (facilitator’s copy)');
		const full = flat(await pdfPages(facilitator.pdf));
		expect(full).toContain('facilitator’s copy');
		expect(full).toContain('Observers’ notes');
		expect(full).toContain('Blue team never asked about the care plan');
		expect(full).toContain(`About ${fixture.syndicates[0].teamName}`);
		expect(full).toContain('The room went quiet after the hospital inject');
		expect(full).toContain('Expected response: Grade high at once and share it with children’s services tonight');

		const participants = await debriefPdf(consultant, fixture.exercise.id);
		expect(participants.title).toBe('Debrief: Exercise copies');
		const shared = flat(await pdfPages(participants.pdf));
		expect(shared).toContain('Expected response: Grade high at once and share it with children’s services tonight');
		expect(shared).not.toContain('Observers’ notes');
		expect(shared).not.toContain('never asked about the care plan');
		expect(shared).not.toContain('went quiet');
		expect(shared).toContain(fixture.posts[0].text);
		expect(shared).not.toContain(fixture.posts[1].text);
		expect(full).not.toContain(fixture.posts[1].text);
		expect((await db.select().from(hydraBoardPosts).where(eq(hydraBoardPosts.id, fixture.posts[1].id)))[0].status).toBe('hidden');
	});

	it('the plenary shows each released inject’s expected response beside the decisions, and the notes to staff', async () => {
		const { consultant, fixture } = await debriefWithNotes();
		const debrief = await getDebrief(consultant, fixture.exercise.id);
		expect(debrief.rows.map((r) => r.inject.expectedResponse)).toEqual(['Grade high at once and share it with children’s services tonight', '']);
		expect(debrief.notes.map((n) => n.text)).toEqual(['The room went quiet after the hospital inject', 'Blue team never asked about the care plan']);
	});
});

describe('an expected response is part of the scenario', () => {
	it('runs through the identifier check, and changing it clears the sign-off', async () => {
		const author = await makeUser('consultant');
		const signer = await makeUser('consultant');
		const { scenario, injects } = await makeScenario({ createdBy: author, signedOffBy: signer, injects: [{ title: 'Report' }] });
		const [before] = await db.select().from(hydraScenarios).where(eq(hydraScenarios.id, scenario.id));
		expect(before.signedOffAt).toBeInstanceOf(Date);
		const inject = injects[0];
		await updateInject(author, scenario.id, inject.id, {
			scenarioTime: inject.scenarioTime,
			title: inject.title,
			content: inject.content,
			audience: [],
			facilitatorNotes: '',
			prompts: '',
			expectedResponse: 'Visit 14 Acacia Avenue before midnight',
			version: before.version
		});
		const { scenario: after, hits } = await getScenario(signer, scenario.id);
		expect(after.signedOffAt).toBeNull();
		expect(hits.map((h) => [h.kind, h.label])).toEqual([['address', 'Inject 1 (Day 1, 00:00): expected response']]);
		await signOffScenario(signer, scenario.id, after.version, hits.map((h) => h.key));
		expect((await getScenario(signer, scenario.id)).scenario.signedOffAt).toBeInstanceOf(Date);
	});
});

describe('learning points are live', () => {
	it('a point added, edited or deleted is published to the exercise’s room under its own topic', async () => {
		const { startRealtime, followRoom } = await import('$lib/server/realtime');
		const { exerciseRoom } = await import('$lib/domain/live');
		const { addLearningPoint, updateLearningPoint, deleteLearningPoint } = await import('$lib/server/hydra/learning');
		const stop = await startRealtime();
		try {
			const consultant = await makeUser('consultant');
			const fixture = await hydraDebriefFixture({ tag: 'live-learning', facilitatorId: consultant.id });
			const heard: { topic: string; action: string }[] = [];
			const unfollow = followRoom(exerciseRoom(fixture.exercise.id), (c) => c.entity === 'hydra_learning_point' && heard.push({ topic: c.topic, action: c.action }));
			const point = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Ask the school the same night.', injectId: null });
			await updateLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: point.version, text: 'Ask the school the same evening.', injectId: null });
			await deleteLearningPoint(consultant, fixture.exercise.id, { id: point.id, version: point.version + 1 });
			const end = Date.now() + 2000;
			while (heard.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			unfollow();
			expect(heard).toEqual([
				{ topic: 'learning', action: 'create' },
				{ topic: 'learning', action: 'update' },
				{ topic: 'learning', action: 'delete' }
			]);
		} finally {
			await stop();
		}
	});
});
