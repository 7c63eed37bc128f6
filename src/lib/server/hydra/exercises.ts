// Live Hydra exercises, as control runs them: set up from a signed-off scenario with a join code, started, injects
// released (next or out of order), paused, resumed and ended; observers' notes; the debrief board's prompt; and what
// the control console and the plenary show. Staff only (consultants and admins); every change is audited and
// published to the exercise's room for its live screens.
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import {
	areas,
	hydraBoardPosts,
	hydraDecisions,
	hydraEvents,
	hydraExercises,
	hydraInjects,
	hydraObserverNotes,
	hydraReleases,
	hydraScenarios,
	hydraSyndicates,
	users
} from '$lib/server/db/schema';
import { newId, newJoinCode } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { usableLive, type HydraSector } from '$lib/domain/hydra';
import { canMove, canRelease, compareDecisions, EXERCISE_MOVES, nextInject, scenarioClock, type ExerciseMove } from '$lib/domain/hydra/exercise';
import type { SessionUser } from '$lib/server/auth/session';
import { clockAfterMove, clockQueue, roomClock } from '$lib/domain/hydra/clock';
import { connectedScreens } from './screens';
import { messagesOf } from './messages';
import { releaseIn } from './releases';
import { isSyndicateOf } from './membership';
import { wakeClock } from './clock';



/** Every exercise, newest first, with its scenario's title and how many syndicates joined. */
export async function listExercises(actor: SessionUser) {
	assertStaff(actor);
	return db
		.select({
			id: hydraExercises.id,
			title: hydraExercises.title,
			status: hydraExercises.status,
			joinCode: hydraExercises.joinCode,
			createdAt: hydraExercises.createdAt,
			scenarioTitle: hydraScenarios.title,
			facilitator: users.name,
			syndicates: sql<number>`(select count(*) from hydra_syndicates s where s.exercise_id = hydra_exercises.id)`.mapWith(Number)
		})
		.from(hydraExercises)
		.innerJoin(hydraScenarios, eq(hydraScenarios.id, hydraExercises.scenarioId))
		.leftJoin(users, eq(users.id, hydraExercises.facilitatorId))
		.orderBy(desc(hydraExercises.createdAt), desc(hydraExercises.id));
}

/** What the set-up form offers: scenarios (marked usable or not), upcoming events, and areas. */
export async function exerciseChoices(actor: SessionUser) {
	assertStaff(actor);
	const scenarios = await db
		.select({ id: hydraScenarios.id, title: hydraScenarios.title, signedOffAt: hydraScenarios.signedOffAt })
		.from(hydraScenarios)
		.orderBy(asc(hydraScenarios.title));
	const events = await db
		.select({ id: hydraEvents.id, title: hydraEvents.title, startsAt: hydraEvents.startsAt })
		.from(hydraEvents)
		.where(gte(hydraEvents.endsAt, new Date(Date.now() - 7 * 86_400_000)))
		.orderBy(asc(hydraEvents.startsAt));
	const areaList = await db.select({ id: areas.id, name: areas.name }).from(areas).orderBy(asc(areas.name));
	return { scenarios: scenarios.map((s) => ({ id: s.id, title: s.title, usable: usableLive(s) })), events, areas: areaList };
}

export interface CreateExerciseInput {
	scenarioId: string;
	title: string;
	eventId: string | null;
	areaId: string | null;
}

/** Sets up an exercise from a scenario signed off as anonymised, with a fresh join code; the actor facilitates. */
export async function createExercise(actor: SessionUser, input: CreateExerciseInput) {
	assertStaff(actor);
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.transaction(async (tx) => {
				const [scenario] = await tx.select().from(hydraScenarios).where(eq(hydraScenarios.id, input.scenarioId)).for('share');
				if (!scenario) throw new InputError({ scenarioId: 'Choose a scenario from the library.' });
				if (!usableLive(scenario))
					throw new InputError({
						scenarioId: 'This scenario has not been signed off as anonymised by a second consultant, so it cannot run live yet. Ask a colleague to sign it off in the scenario library.'
					});
				const [{ n }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(hydraInjects).where(eq(hydraInjects.scenarioId, scenario.id));
				if (n === 0) throw new InputError({ scenarioId: 'This scenario has no injects to release. Add some in the scenario library first.' });
				if (input.eventId) {
					const [event] = await tx.select({ id: hydraEvents.id }).from(hydraEvents).where(eq(hydraEvents.id, input.eventId));
					if (!event) throw new InputError({ eventId: 'Choose one of the scheduled sessions, or none.' });
				}
				if (input.areaId) {
					const [area] = await tx.select({ id: areas.id }).from(areas).where(eq(areas.id, input.areaId));
					if (!area) throw new InputError({ areaId: 'Choose one of the areas, or none.' });
				}
				const [exercise] = await tx
					.insert(hydraExercises)
					.values({
						id: newId(),
						scenarioId: scenario.id,
						eventId: input.eventId,
						areaId: input.areaId,
						title: input.title || scenario.title,
						joinCode: newJoinCode(),
						facilitatorId: actor.id
					})
					.returning();
				await audit(tx, { actorId: actor.id, entity: 'hydra_exercise', entityId: exercise.id, action: 'create', after: exercise, exerciseId: exercise.id });
				return exercise;
			});
		} catch (err) {
			// Two exercises drew the same join code: draw again (rare: 25^6 codes).
			if (pgCode(err) === PG.uniqueViolation && attempt < 5) continue;
			throw err;
		}
	}
}

async function exerciseOf(executor: Executor, id: string, lock = false) {
	const query = executor.select().from(hydraExercises).where(eq(hydraExercises.id, id));
	const [row] = lock ? await query.for('update') : await query;
	if (!row) throw new NotFoundError();
	return row;
}

/** The exercise for staff, e.g. to open its event stream; NotFoundError for an unknown id. */
export async function findExercise(actor: SessionUser, id: string) {
	assertStaff(actor);
	return exerciseOf(db, id);
}

const MOVE_REFUSED: Record<ExerciseMove, string> = {
	start: 'The exercise has already started.',
	pause: 'Only a running exercise can be paused.',
	resume: 'Only a paused exercise can be resumed.',
	end: 'The exercise has already ended.'
};

/** Starts, pauses, resumes or ends an exercise; refused if control changed it meanwhile (another facilitator's click). */
export async function moveExercise(actor: SessionUser, input: { id: string; version: number; move: ExerciseMove }) {
	assertStaff(actor);
	const moved = await db.transaction(async (tx) => {
		const before = await exerciseOf(tx, input.id, true);
		if (before.version !== input.version) throw new ConflictError('Someone else in control changed this exercise a moment ago. The console now shows where it stands.');
		if (!canMove(before.status, input.move)) throw new ConflictError(MOVE_REFUSED[input.move]);
		const now = new Date();
		const [after] = await tx
			.update(hydraExercises)
			.set({
				status: EXERCISE_MOVES[input.move].to,
				...clockAfterMove(before, input.move, now),
				startedAt: input.move === 'start' ? now : before.startedAt,
				endedAt: input.move === 'end' ? now : before.endedAt,
				version: sql`${hydraExercises.version} + 1`
			})
			.where(and(eq(hydraExercises.id, input.id), eq(hydraExercises.version, input.version)))
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_exercise', entityId: input.id, action: input.move, before, after, exerciseId: input.id });
		return after;
	});
	// A resume may make an inject due at once; a pause or an end makes nothing due.
	wakeClock();
	return moved;
}

/** Releases an inject of the exercise's scenario, the next one or any other, while the exercise runs; once only. */
export async function releaseInject(actor: SessionUser, input: { id: string; injectId: string }) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const exercise = await exerciseOf(tx, input.id, true);
		if (!canRelease(exercise.status))
			throw new ConflictError(exercise.status === 'paused' ? 'The exercise is paused. Resume it to release injects.' : exercise.status === 'ready' ? 'Start the exercise before releasing injects.' : 'The exercise has ended.');
		const { inject, release } = await releaseIn(tx, exercise, input.injectId, actor.id);
		if (!release) throw new ConflictError(`“${inject.title}” has already been released.`);
		return release;
	});
}

/**
 * Sets the exercise to run on the clock (the server releases injects at their times after the start; from "ready" it
 * starts the exercise too) or back to release by hand. Names the version control's console was based on.
 */
export async function runOnClock(actor: SessionUser, input: { id: string; version: number; on: boolean }) {
	assertStaff(actor);
	const after = await db.transaction(async (tx) => {
		const before = await exerciseOf(tx, input.id, true);
		if (before.version !== input.version) throw new ConflictError('Someone else in control changed this exercise a moment ago. The console now shows where it stands.');
		if (before.status === 'ended') throw new ConflictError('The exercise has ended.');
		const now = new Date();
		const starting = input.on && before.status === 'ready';
		const [row] = await tx
			.update(hydraExercises)
			.set({
				clockAuto: input.on,
				...(starting ? { status: 'running' as const, startedAt: now, ...clockAfterMove(before, 'start', now) } : {}),
				version: sql`${hydraExercises.version} + 1`
			})
			.where(eq(hydraExercises.id, input.id))
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_exercise', entityId: input.id, action: input.on ? 'clock_on' : 'clock_off', before, after: row, exerciseId: input.id });
		return row;
	});
	wakeClock();
	return after;
}

/** Holds one inject back from the clock (control releases it by hand, or lets it go again), or lets it go. */
export async function holdInject(actor: SessionUser, input: { id: string; injectId: string; hold: boolean }) {
	assertStaff(actor);
	const after = await db.transaction(async (tx) => {
		const before = await exerciseOf(tx, input.id, true);
		const [inject] = await tx
			.select({ id: hydraInjects.id })
			.from(hydraInjects)
			.where(and(eq(hydraInjects.id, input.injectId), eq(hydraInjects.scenarioId, before.scenarioId)));
		if (!inject) throw new NotFoundError();
		const held = before.heldInjectIds.filter((id) => id !== inject.id);
		if (input.hold) held.push(inject.id);
		const [row] = await tx.update(hydraExercises).set({ heldInjectIds: held }).where(eq(hydraExercises.id, input.id)).returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_exercise', entityId: input.id, action: input.hold ? 'hold_inject' : 'let_go_inject', before, after: row, exerciseId: input.id });
		return row;
	});
	wakeClock();
	return after;
}

/** An observer's note for the facilitator, about the exercise or one of its syndicates. Never shown to syndicates. */
export async function addObserverNote(actor: SessionUser, input: { id: string; syndicateId: string | null; text: string }) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const exercise = await exerciseOf(tx, input.id);
		if (input.syndicateId && !(await isSyndicateOf(tx, exercise.id, input.syndicateId)))
			throw new InputError({ syndicateId: 'Choose one of this exercise’s syndicates, or none.' });
		const [note] = await tx
			.insert(hydraObserverNotes)
			.values({ id: newId(), exerciseId: exercise.id, authorId: actor.id, syndicateId: input.syndicateId, text: input.text })
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_observer_note', entityId: note.id, action: 'create', after: note, exerciseId: exercise.id });
		return note;
	});
}

/** Opens the anonymous board with a prompt, changes the prompt, or (empty) closes the board. */
/**
 * Asks the board a question (or closes it with an empty one). It names the question the facilitator's form was based
 * on: a pause or a release in between is no reason to refuse, but someone else having changed the question is.
 */
export async function setBoardPrompt(actor: SessionUser, input: { id: string; basePrompt: string; prompt: string }) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const before = await exerciseOf(tx, input.id, true);
		if (before.boardPrompt !== input.basePrompt)
			throw new ConflictError(
				before.boardPrompt
					? `Someone else in control changed the board’s question a moment ago. It now reads: “${before.boardPrompt}”.`
					: 'Someone else in control closed the board a moment ago.'
			);
		const [after] = await tx
			.update(hydraExercises)
			.set({ boardPrompt: input.prompt, version: sql`${hydraExercises.version} + 1` })
			.where(eq(hydraExercises.id, input.id))
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_exercise', entityId: input.id, action: input.prompt ? 'board_prompt' : 'board_close', before, after, exerciseId: input.id });
		return after;
	});
}

/** The scenario's injects in order, each with its release (if any). */
async function injectsWithReleases(exercise: { id: string; scenarioId: string }) {
	const rows = await db
		.select({
			id: hydraInjects.id,
			position: hydraInjects.position,
			scenarioTime: hydraInjects.scenarioTime,
			title: hydraInjects.title,
			content: hydraInjects.content,
			audience: hydraInjects.audience,
			facilitatorNotes: hydraInjects.facilitatorNotes,
			prompts: hydraInjects.prompts,
			expectedResponse: hydraInjects.expectedResponse,
			releaseOffset: hydraInjects.releaseOffset,
			releasedAt: hydraReleases.releasedAt
		})
		.from(hydraInjects)
		.leftJoin(hydraReleases, and(eq(hydraReleases.injectId, hydraInjects.id), eq(hydraReleases.exerciseId, exercise.id)))
		.where(eq(hydraInjects.scenarioId, exercise.scenarioId))
		.orderBy(asc(hydraInjects.position), asc(hydraInjects.id));
	// The column's element type is the sectors the check constraint allows.
	const injects = rows.map((r) => ({ ...r, audience: r.audience as HydraSector[] }));
	const released = injects
		.filter((r): r is typeof r & { releasedAt: Date } => r.releasedAt !== null)
		.sort((a, b) => a.releasedAt.getTime() - b.releasedAt.getTime() || a.position - b.position);
	return { injects, released };
}

async function syndicatesOf(exerciseId: string) {
	return db
		.select({ id: hydraSyndicates.id, teamName: hydraSyndicates.teamName, agency: hydraSyndicates.agency, createdAt: hydraSyndicates.createdAt })
		.from(hydraSyndicates)
		.where(eq(hydraSyndicates.exerciseId, exerciseId))
		.orderBy(asc(hydraSyndicates.createdAt), asc(hydraSyndicates.id));
}

async function decisionsOf(exerciseId: string) {
	return db
		.select({
			id: hydraDecisions.id,
			syndicateId: hydraDecisions.syndicateId,
			injectId: hydraDecisions.injectId,
			decision: hydraDecisions.decision,
			rationale: hydraDecisions.rationale,
			agency: hydraDecisions.agency,
			createdAt: hydraDecisions.createdAt
		})
		.from(hydraDecisions)
		.where(eq(hydraDecisions.exerciseId, exerciseId))
		.orderBy(asc(hydraDecisions.createdAt), asc(hydraDecisions.id));
}

/** The anonymous board's answers to the current prompt that the room may see, oldest first: only the words. */
export async function boardPosts(exercise: { id: string; boardPrompt: string }) {
	if (!exercise.boardPrompt) return [];
	return db
		.select({ id: hydraBoardPosts.id, text: hydraBoardPosts.text })
		.from(hydraBoardPosts)
		.where(and(eq(hydraBoardPosts.exerciseId, exercise.id), eq(hydraBoardPosts.prompt, exercise.boardPrompt), eq(hydraBoardPosts.status, 'shown')))
		.orderBy(asc(hydraBoardPosts.createdAt), asc(hydraBoardPosts.id));
}

/** Control's view of the board's current prompt: every answer, held and hidden ones too, with why. */
async function boardForControl(exercise: { id: string; boardPrompt: string }) {
	if (!exercise.boardPrompt) return [];
	return db
		.select({ id: hydraBoardPosts.id, text: hydraBoardPosts.text, status: hydraBoardPosts.status, flagged: hydraBoardPosts.flagged, hiddenReason: hydraBoardPosts.hiddenReason })
		.from(hydraBoardPosts)
		.where(and(eq(hydraBoardPosts.exerciseId, exercise.id), eq(hydraBoardPosts.prompt, exercise.boardPrompt)))
		.orderBy(asc(hydraBoardPosts.createdAt), asc(hydraBoardPosts.id));
}

/**
 * Moderates one board answer: `hide` takes it off every screen (and out of the debrief PDF) with a reason; `show`
 * puts a held or hidden answer on the board. The answer must belong to this exercise (a forged id changes nothing).
 */
export async function moderateBoardPost(actor: SessionUser, input: { id: string; postId: string; move: 'hide' | 'show'; reason?: string }) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		await exerciseOf(tx, input.id);
		const [before] = await tx
			.select()
			.from(hydraBoardPosts)
			.where(and(eq(hydraBoardPosts.id, input.postId), eq(hydraBoardPosts.exerciseId, input.id)))
			.for('update');
		if (!before) throw new NotFoundError();
		const status = input.move === 'hide' ? 'hidden' : 'shown';
		if (before.status === status) return before;
		const [after] = await tx
			.update(hydraBoardPosts)
			.set({ status, hiddenReason: input.move === 'hide' ? (input.reason ?? '') : '', moderatedBy: actor.id, moderatedAt: new Date() })
			.where(eq(hydraBoardPosts.id, before.id))
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_board_post', entityId: before.id, action: input.move === 'hide' ? 'hide' : before.status === 'held' ? 'release' : 'restore', before, after, exerciseId: input.id });
		return after;
	});
}

async function scenarioOf(exercise: { scenarioId: string }) {
	const [scenario] = await db
		.select({ id: hydraScenarios.id, title: hydraScenarios.title, summary: hydraScenarios.summary })
		.from(hydraScenarios)
		.where(eq(hydraScenarios.id, exercise.scenarioId));
	return scenario;
}

/** Observers' notes, newest first, with who wrote them: for staff screens only. */
async function notesOf(exerciseId: string) {
	return db
		.select({ id: hydraObserverNotes.id, text: hydraObserverNotes.text, syndicateId: hydraObserverNotes.syndicateId, createdAt: hydraObserverNotes.createdAt, author: users.name })
		.from(hydraObserverNotes)
		.leftJoin(users, eq(users.id, hydraObserverNotes.authorId))
		.where(eq(hydraObserverNotes.exerciseId, exerciseId))
		.orderBy(desc(hydraObserverNotes.createdAt), desc(hydraObserverNotes.id));
}

/** Everything the control console shows: the exercise, every inject with control's notes, syndicates' logs, notes. */
export async function getControl(actor: SessionUser, id: string) {
	assertStaff(actor);
	const exercise = await exerciseOf(db, id);
	const { injects, released } = await injectsWithReleases(exercise);
	const [scenario, syndicates, decisions, board] = await Promise.all([scenarioOf(exercise), syndicatesOf(exercise.id), decisionsOf(exercise.id), boardForControl(exercise)]);
	const [notes, screens, messages] = await Promise.all([notesOf(exercise.id), connectedScreens(exercise.id), messagesOf(exercise.id)]);
	const now = new Date();
	return {
		exercise,
		roomClock: roomClock(exercise, now),
		queue: clockQueue(injects, released.map((r) => r.id), exercise.heldInjectIds).map((i) => ({ id: i.id, title: i.title, position: i.position, releaseOffset: i.releaseOffset })),
		screens,
		messages,
		scenario,
		injects,
		released,
		next: nextInject(injects, released.map((r) => r.id)),
		clock: scenarioClock(released),
		syndicates,
		decisions,
		notes,
		board
	};
}

/** The plenary debrief: syndicates' decisions compared inject by inject, in release order, and the board. */
export async function getDebrief(actor: SessionUser, id: string) {
	assertStaff(actor);
	const exercise = await exerciseOf(db, id);
	const { released } = await injectsWithReleases(exercise);
	const [scenario, syndicates, decisions, board, notes] = await Promise.all([
		scenarioOf(exercise),
		syndicatesOf(exercise.id),
		decisionsOf(exercise.id),
		boardPosts(exercise),
		notesOf(exercise.id)
	]);
	return {
		exercise,
		roomClock: roomClock(exercise, new Date()),
		scenario,
		syndicates,
		rows: compareDecisions(
			released.map((r) => ({ id: r.id, title: r.title, scenarioTime: r.scenarioTime, audience: r.audience, expectedResponse: r.expectedResponse })),
			syndicates,
			decisions
		),
		board,
		notes
	};
}
