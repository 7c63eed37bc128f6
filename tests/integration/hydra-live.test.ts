import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, hydraBoardPosts, hydraDecisions, hydraExercises } from '$lib/server/db/schema';
import { hashToken, newToken } from '$lib/server/ids';
import { InputError, ConflictError, NotFoundError } from '$lib/server/errors';
import {
	addObserverNote,
	createExercise,
	getControl,
	getDebrief,
	moveExercise,
	releaseInject,
	setBoardPrompt
} from '$lib/server/hydra/exercises';
import { joinExercise, logDecision, postToBoard, syndicateByToken, syndicateView } from '$lib/server/hydra/syndicates';
import { followRoom, startRealtime } from '$lib/server/realtime';
import { exerciseRoom, type RoomChange } from '$lib/domain/live';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '$lib/domain/hydra/exercise';
import { useTestDatabase } from '../helpers/database';
import { makeScenario, makeUser, type ScenarioOptions } from '../helpers/factories';

useTestDatabase();

let address = 0;
/** Each join from its own address, so that the join rate limit never decides a test it is not about. */
const nextAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

async function liveExercise(injects: ScenarioOptions['injects'] = [{ title: 'Initial report' }, { title: 'Sighting' }, { title: 'Found' }]) {
	const facilitator = await makeUser('consultant');
	const signer = await makeUser('consultant');
	const { scenario, injects: list } = await makeScenario({ signedOffBy: signer, injects });
	const exercise = await createExercise(facilitator, { scenarioId: scenario.id, title: '', eventId: null, areaId: null });
	return { facilitator, scenario, injects: list, exercise };
}

async function join(code: string, teamName: string, agency: 'police' | 'childrens_services' | 'health') {
	const token = newToken();
	const syndicate = await joinExercise({ code, teamName, agency }, hashToken(token), nextAddress());
	const session = await syndicateByToken(hashToken(token));
	return { token, syndicate, session: session! };
}

async function start(facilitator: Awaited<ReturnType<typeof makeUser>>, id: string) {
	const [row] = await db.select().from(hydraExercises).where(eq(hydraExercises.id, id));
	return moveExercise(facilitator, { id, version: row.version, move: 'start' });
}

describe('setting up an exercise', () => {
	it('refuses a scenario nobody has signed off as anonymised, and takes a signed-off one with a readable join code', async () => {
		const facilitator = await makeUser('consultant');
		const { scenario } = await makeScenario();
		const refused = createExercise(facilitator, { scenarioId: scenario.id, title: 'Too soon', eventId: null, areaId: null });
		await expect(refused).rejects.toBeInstanceOf(InputError);
		await expect(refused).rejects.toThrow(/not been signed off/);
		expect(await db.select().from(hydraExercises).where(eq(hydraExercises.scenarioId, scenario.id))).toEqual([]);

		const { exercise } = await liveExercise();
		expect(exercise.status).toBe('ready');
		expect(exercise.joinCode).toHaveLength(JOIN_CODE_LENGTH);
		expect([...exercise.joinCode].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
		expect(exercise.title).toMatch(/^Test scenario/);
	});

	it('is for staff only', async () => {
		const partner = await makeUser('partner');
		const { scenario } = await makeScenario({ signedOffBy: await makeUser('consultant') });
		await expect(createExercise(partner, { scenarioId: scenario.id, title: '', eventId: null, areaId: null })).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('running an exercise', () => {
	it('releases injects only while running, the next or out of order, each once; the clock follows the last released', async () => {
		const { facilitator, injects, exercise } = await liveExercise();
		await expect(releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id })).rejects.toThrow(/Start the exercise/);
		const running = await start(facilitator, exercise.id);
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id });
		// Out of order: the third before the second.
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[2].id });
		await expect(releaseInject(facilitator, { id: exercise.id, injectId: injects[2].id })).rejects.toBeInstanceOf(ConflictError);
		const control = await getControl(facilitator, exercise.id);
		expect(control.released.map((r) => r.id)).toEqual([injects[0].id, injects[2].id]);
		expect(control.next?.id).toBe(injects[1].id);
		expect(control.clock).toBe(injects[2].scenarioTime);

		const paused = await moveExercise(facilitator, { id: exercise.id, version: running.version, move: 'pause' });
		await expect(releaseInject(facilitator, { id: exercise.id, injectId: injects[1].id })).rejects.toThrow(/paused/);
		// A stale console (it read the version before the pause) cannot pause or end over it.
		await expect(moveExercise(facilitator, { id: exercise.id, version: running.version, move: 'end' })).rejects.toBeInstanceOf(ConflictError);
		await expect(moveExercise(facilitator, { id: exercise.id, version: paused.version, move: 'pause' })).rejects.toThrow(/Only a running/);
		const resumed = await moveExercise(facilitator, { id: exercise.id, version: paused.version, move: 'resume' });
		expect(resumed.status).toBe('running');
	});

	it('an inject of another scenario cannot be released into this exercise', async () => {
		const { facilitator, exercise } = await liveExercise();
		const other = await liveExercise();
		await start(facilitator, exercise.id);
		await expect(releaseInject(facilitator, { id: exercise.id, injectId: other.injects[0].id })).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('syndicates', () => {
	it('see only the injects released to them: every syndicate for an open audience, their agency for a closed one', async () => {
		const { facilitator, injects, exercise } = await liveExercise([
			{ title: 'Report to police' },
			{ title: 'Care home update', audience: ['childrens_services'] },
			{ title: 'Not yet released' }
		]);
		const police = await join(exercise.joinCode, 'Blue team', 'police');
		const children = await join(exercise.joinCode, 'Green team', 'childrens_services');
		await start(facilitator, exercise.id);
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id });
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[1].id });

		const policeView = await syndicateView(police.session);
		const childrenView = await syndicateView(children.session);
		expect(policeView.injects.map((i) => i.title)).toEqual(['Report to police']);
		// Newest first.
		expect(childrenView.injects.map((i) => i.title)).toEqual(['Care home update', 'Report to police']);
		// Control's notes never reach a syndicate.
		expect(JSON.stringify(childrenView)).not.toContain('Control only');
		// Both share the room's clock.
		expect(policeView.clock).toBe(injects[1].scenarioTime);
	});

	it('a join code opens its own exercise only, and a syndicate writes to its own exercise only', async () => {
		const first = await liveExercise();
		const second = await liveExercise();
		const team = await join(first.exercise.joinCode, 'Red team', 'police');
		expect(team.syndicate.exerciseId).toBe(first.exercise.id);
		expect(team.session.exercise.id).toBe(first.exercise.id);

		await start(first.facilitator, first.exercise.id);
		await start(second.facilitator, second.exercise.id);
		await releaseInject(second.facilitator, { id: second.exercise.id, injectId: second.injects[0].id });
		// The other exercise's released inject is not visible, nor open to a decision.
		expect((await syndicateView(team.session)).injects).toEqual([]);
		await expect(logDecision(team.session, { injectId: second.injects[0].id, decision: 'Go', rationale: '', agency: 'police' })).rejects.toBeInstanceOf(InputError);

		// A code nobody was given opens nothing.
		const unknown = first.exercise.joinCode === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
		await expect(join(unknown, 'Lost team', 'police')).rejects.toThrow(/No exercise has this code/);
	});

	it('cannot log a decision against an inject not released to them', async () => {
		const { facilitator, injects, exercise } = await liveExercise([{ title: 'For everyone' }, { title: 'Health only', audience: ['health'] }, { title: 'Later' }]);
		const police = await join(exercise.joinCode, 'Police syndicate', 'police');
		await start(facilitator, exercise.id);
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id });
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[1].id });
		const input = { decision: 'Grade as high risk', rationale: 'History of going missing', agency: 'police' as const };
		// Released, but to health only; and not released at all.
		await expect(logDecision(police.session, { ...input, injectId: injects[1].id })).rejects.toBeInstanceOf(InputError);
		await expect(logDecision(police.session, { ...input, injectId: injects[2].id })).rejects.toBeInstanceOf(InputError);
		expect(await db.select().from(hydraDecisions).where(eq(hydraDecisions.exerciseId, exercise.id))).toEqual([]);

		const decision = await logDecision(police.session, { ...input, injectId: injects[0].id });
		const control = await getControl(facilitator, exercise.id);
		expect(control.decisions).toMatchObject([{ id: decision.id, syndicateId: police.syndicate.id, decision: 'Grade as high risk', agency: 'police' }]);
		const debrief = await getDebrief(facilitator, exercise.id);
		expect(debrief.rows.map((r) => r.inject.title)).toEqual(['For everyone', 'Health only']);
		expect(debrief.rows[0].cells[0].decisions.map((d) => d.decision)).toEqual(['Grade as high risk']);
		expect(debrief.rows[1].cells[0].sawIt).toBe(false);
	});

	it('may log decisions while paused, not once the exercise has ended; an ended exercise takes no more syndicates', async () => {
		const { facilitator, injects, exercise } = await liveExercise();
		const team = await join(exercise.joinCode, 'Amber', 'health');
		const running = await start(facilitator, exercise.id);
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id });
		const paused = await moveExercise(facilitator, { id: exercise.id, version: running.version, move: 'pause' });
		await logDecision(team.session, { injectId: injects[0].id, decision: 'Call the ward', rationale: '', agency: 'health' });
		await moveExercise(facilitator, { id: exercise.id, version: paused.version, move: 'end' });
		await expect(logDecision(team.session, { injectId: injects[0].id, decision: 'Too late', rationale: '', agency: 'health' })).rejects.toThrow(/ended/);
		await expect(join(exercise.joinCode, 'Latecomers', 'police')).rejects.toThrow(/has ended/);
	});

	it('two syndicates of one exercise cannot share a team name, whatever the case', async () => {
		const { exercise } = await liveExercise();
		await join(exercise.joinCode, 'Team One', 'police');
		await expect(join(exercise.joinCode, 'team one', 'health')).rejects.toThrow(/already has that name/);
	});
});

describe('notes and the anonymous board', () => {
	it('keeps observers’ notes about a syndicate of this exercise only', async () => {
		const { facilitator, exercise } = await liveExercise();
		const other = await liveExercise();
		const outsider = await join(other.exercise.joinCode, 'Elsewhere', 'police');
		const team = await join(exercise.joinCode, 'Observed', 'police');
		await expect(addObserverNote(facilitator, { id: exercise.id, syndicateId: outsider.syndicate.id, text: 'Wrong room' })).rejects.toBeInstanceOf(InputError);
		await addObserverNote(facilitator, { id: exercise.id, syndicateId: team.syndicate.id, text: 'Did not call the care home' });
		const control = await getControl(facilitator, exercise.id);
		expect(control.notes).toMatchObject([{ text: 'Did not call the care home', syndicateId: team.syndicate.id, author: facilitator.name }]);
	});

	it('takes answers only while a prompt is open, and keeps nothing that says who wrote them', async () => {
		const { facilitator, exercise } = await liveExercise();
		const team = await join(exercise.joinCode, 'Writers', 'police');
		await expect(postToBoard(team.session, { text: 'Too early' })).rejects.toThrow(/board is closed/);
		await setBoardPrompt(facilitator, { id: exercise.id, basePrompt: '', prompt: 'Why did you grade the risk as you did?' });
		// A second facilitator whose form still showed the board closed is refused, and the question stands.
		await expect(setBoardPrompt(facilitator, { id: exercise.id, basePrompt: '', prompt: 'Something else' })).rejects.toThrow(/changed the board’s question/);
		// A change of the exercise's state in between is no reason to refuse a form based on the question as it stands.
		await start(facilitator, exercise.id);
		const asked = 'Why did you grade the risk as you did?';
		expect((await setBoardPrompt(facilitator, { id: exercise.id, basePrompt: asked, prompt: asked })).boardPrompt).toBe(asked);
		const post = await postToBoard(team.session, { text: 'We followed the form, not the child.' });
		expect(Object.keys(post).sort()).toEqual(['createdAt', 'exerciseId', 'flagged', 'hiddenReason', 'id', 'moderatedAt', 'moderatedBy', 'prompt', 'status', 'text']);
		expect(post).toMatchObject({ status: 'shown', flagged: '', moderatedBy: null });
		const [trail] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'hydra_board_post'), eq(auditLog.entityId, post.id)));
		expect(trail.actorId).toBeNull();
		expect(JSON.stringify(trail.after)).not.toContain(team.syndicate.id);
		// Each request reads the syndicate's session afresh, as the syndicate's page does.
		const now = (await syndicateByToken(hashToken(team.token)))!;
		expect((await syndicateView(now)).board.map((p) => p.text)).toEqual(['We followed the form, not the child.']);
		expect(await db.select().from(hydraBoardPosts).where(eq(hydraBoardPosts.exerciseId, exercise.id))).toHaveLength(1);
	});
});

describe('live updates', () => {
	it('publish an exercise’s changes to its room only, after commit, with the topic of what changed', async () => {
		const stop = await startRealtime();
		try {
			const { facilitator, injects, exercise } = await liveExercise();
			const other = await liveExercise();
			const heard: RoomChange[] = [];
			const elsewhere: RoomChange[] = [];
			// Each exercise's own set-up may still be on its way (PostgreSQL delivers notices asynchronously): not counted.
			const setUp = (c: RoomChange) => c.entity === 'hydra_exercise' && c.action === 'create';
			const unfollow = followRoom(exerciseRoom(exercise.id), (c) => setUp(c) || heard.push(c));
			followRoom(exerciseRoom(other.exercise.id), (c) => setUp(c) || elsewhere.push(c));
			const team = await join(exercise.joinCode, 'Live team', 'police');
			await start(facilitator, exercise.id);
			await releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id });
			await logDecision(team.session, { injectId: injects[0].id, decision: 'Search the park', rationale: '', agency: 'police' });
			const end = Date.now() + 2000;
			while (heard.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			expect(heard.map((c) => [c.topic, c.entity, c.action])).toEqual([
				['exercise', 'hydra_syndicate', 'join'],
				['exercise', 'hydra_exercise', 'start'],
				['exercise', 'hydra_release', 'release'],
				['decisions', 'hydra_decision', 'create']
			]);
			expect(elsewhere).toEqual([]);
			unfollow();
		} finally {
			await stop();
		}
	});
});
