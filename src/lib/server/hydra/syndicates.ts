// Syndicates in a live Hydra exercise: teams that join with the exercise's short code, without an account. Their
// browser holds a random token whose hash is stored with the syndicate; everything here is reached through that
// token only, so a syndicate sees and writes only its own exercise, only the injects released to its agency.
import { and, desc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { hydraBoardPosts, hydraDecisions, hydraExercises, hydraInjects, hydraReleases, hydraSyndicates } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { HYDRA_JOIN_PER_ADDRESS } from '$lib/domain/rate-limit';
import { canDecide, canJoin, scenarioClock, seesInject } from '$lib/domain/hydra/exercise';
import type { HydraSector } from '$lib/domain/hydra';
import type { HydraExercise, HydraSyndicate } from '$lib/server/db/schema';
import { flaggedKinds } from '$lib/domain/hydra/identifiers';
import { boardPosts } from './exercises';
import { messagesFor } from './messages';
import { roomClock } from '$lib/domain/hydra/clock';


export interface JoinInput {
	/** Already normalised (see normaliseJoinCode). */
	code: string;
	teamName: string;
	agency: HydraSector;
}

/**
 * Joins the exercise whose code this is, as a new syndicate holding `tokenHash`. A code opens its own exercise and no
 * other; an ended exercise refuses joins. Rate limited per client address (a venue often shares one).
 */
export async function joinExercise(input: JoinInput, tokenHash: string, clientAddress: string) {
	await takeFromWindow('hydra-join', clientAddress, HYDRA_JOIN_PER_ADDRESS);
	try {
		return await db.transaction(async (tx) => {
			const [exercise] = await tx.select().from(hydraExercises).where(eq(hydraExercises.joinCode, input.code)).for('share');
			if (!exercise) throw new InputError({ code: 'No exercise has this code. Check it with your facilitator: it is on the screen in the room.' });
			if (!canJoin(exercise.status)) throw new InputError({ code: 'This exercise has ended, so it takes no more syndicates. Ask your facilitator for the code of the current one.' });
			const [taken] = await tx
				.select({ id: hydraSyndicates.id })
				.from(hydraSyndicates)
				.where(and(eq(hydraSyndicates.exerciseId, exercise.id), eq(sql`lower(${hydraSyndicates.teamName})`, input.teamName.toLowerCase())));
			if (taken) throw new InputError({ teamName: 'Another syndicate in this exercise already has that name. Choose another.' });
			const [syndicate] = await tx
				.insert(hydraSyndicates)
				.values({ id: newId(), exerciseId: exercise.id, teamName: input.teamName, agency: input.agency, tokenHash })
				.returning();
			await audit(tx, { actorId: null, entity: 'hydra_syndicate', entityId: syndicate.id, action: 'join', after: syndicate, exerciseId: exercise.id });
			return syndicate;
		});
	} catch (err) {
		// The same name in another case, or two teams racing for one name: the unique index decides.
		if (pgCode(err) === PG.uniqueViolation) throw new InputError({ teamName: 'Another syndicate in this exercise already has that name. Choose another.' });
		throw err;
	}
}

export interface SyndicateSession {
	syndicate: HydraSyndicate;
	exercise: HydraExercise;
}

/** The syndicate a browser's token belongs to, with its exercise; null for an unknown token. */
export async function syndicateByToken(tokenHash: string): Promise<SyndicateSession | null> {
	const [row] = await db
		.select({ syndicate: hydraSyndicates, exercise: hydraExercises })
		.from(hydraSyndicates)
		.innerJoin(hydraExercises, eq(hydraExercises.id, hydraSyndicates.exerciseId))
		.where(eq(hydraSyndicates.tokenHash, tokenHash));
	return row ?? null;
}

/**
 * The injects released to this syndicate (its agency in the audience, or an audience of all), newest first, and the
 * scenario clock (the time of the inject released last, to whichever syndicate: the room shares one clock).
 */
export async function releasedTo(session: SyndicateSession) {
	const rows = await db
		.select({
			id: hydraInjects.id,
			position: hydraInjects.position,
			scenarioTime: hydraInjects.scenarioTime,
			title: hydraInjects.title,
			content: hydraInjects.content,
			audience: hydraInjects.audience,
			prompts: hydraInjects.prompts,
			releasedAt: hydraReleases.releasedAt
		})
		.from(hydraReleases)
		.innerJoin(hydraInjects, eq(hydraInjects.id, hydraReleases.injectId))
		.where(eq(hydraReleases.exerciseId, session.exercise.id))
		.orderBy(desc(hydraReleases.releasedAt), desc(hydraInjects.position));
	// Prompts guide the syndicate's discussion; facilitator notes never leave control, nor who else an inject went to.
	return {
		clock: scenarioClock(rows),
		injects: rows.filter((r) => seesInject(r.audience as HydraSector[], session.syndicate.agency)).map(({ audience: _audience, ...inject }) => inject)
	};
}

/** What a syndicate's screen shows: its exercise's state, its injects, its own log, and the anonymous board. */
export async function syndicateView(session: SyndicateSession) {
	const { exercise, syndicate } = session;
	const { clock, injects } = await releasedTo(session);
	const decisions = await db
		.select({ id: hydraDecisions.id, injectId: hydraDecisions.injectId, decision: hydraDecisions.decision, rationale: hydraDecisions.rationale, agency: hydraDecisions.agency, createdAt: hydraDecisions.createdAt })
		.from(hydraDecisions)
		.where(and(eq(hydraDecisions.exerciseId, exercise.id), eq(hydraDecisions.syndicateId, syndicate.id)))
		.orderBy(desc(hydraDecisions.createdAt), desc(hydraDecisions.id));
	return {
		exercise: { title: exercise.title, status: exercise.status, boardPrompt: exercise.boardPrompt },
		syndicate: { teamName: syndicate.teamName, agency: syndicate.agency },
		clock,
		roomClock: roomClock(exercise, new Date()),
		messages: await messagesFor(session),
		injects,
		decisions: decisions.map((d) => ({ ...d, clock: scenarioClock(injects, d.createdAt) })),
		board: await boardPosts(exercise)
	};
}

export interface DecisionInput {
	injectId: string;
	decision: string;
	rationale: string;
	agency: HydraSector;
}

/** Records a decision against an inject released to this syndicate, while its exercise runs or is paused. */
export async function logDecision(session: SyndicateSession, input: DecisionInput) {
	return db.transaction(async (tx) => {
		// The exercise's current state, read under a share lock so an "end" in control is ordered with this.
		const [exercise] = await tx.select().from(hydraExercises).where(eq(hydraExercises.id, session.exercise.id)).for('share');
		if (!exercise) throw new NotFoundError();
		if (!canDecide(exercise.status))
			throw new ConflictError(exercise.status === 'ended' ? 'The exercise has ended: the decision log is closed.' : 'The exercise has not started yet.');
		const [inject] = await tx
			.select({ id: hydraInjects.id, audience: hydraInjects.audience })
			.from(hydraReleases)
			.innerJoin(hydraInjects, eq(hydraInjects.id, hydraReleases.injectId))
			.where(and(eq(hydraReleases.exerciseId, exercise.id), eq(hydraReleases.injectId, input.injectId)));
		if (!inject || !seesInject(inject.audience as HydraSector[], session.syndicate.agency))
			throw new InputError({ injectId: 'Choose one of the injects your syndicate has been given.' });
		const [decision] = await tx
			.insert(hydraDecisions)
			.values({ id: newId(), exerciseId: exercise.id, syndicateId: session.syndicate.id, injectId: inject.id, decision: input.decision, rationale: input.rationale, agency: input.agency })
			.returning();
		await audit(tx, { actorId: null, entity: 'hydra_decision', entityId: decision.id, action: 'create', after: decision, exerciseId: exercise.id });
		return decision;
	});
}

/**
 * Posts an answer to the board's current prompt: stored with the prompt and the words only, never who wrote it. The
 * identifier check runs first: an answer it flags is held, seen by control alone until control shows or hides it.
 */
export async function postToBoard(session: SyndicateSession, input: { text: string }) {
	const flagged = flaggedKinds(input.text);
	return db.transaction(async (tx) => {
		const [exercise] = await tx.select().from(hydraExercises).where(eq(hydraExercises.id, session.exercise.id)).for('share');
		if (!exercise) throw new NotFoundError();
		if (!exercise.boardPrompt) throw new ConflictError('The board is closed: control has not asked a question yet.');
		const [post] = await tx
			.insert(hydraBoardPosts)
			.values({ id: newId(), exerciseId: exercise.id, prompt: exercise.boardPrompt, text: input.text, status: flagged ? 'held' : 'shown', flagged })
			.returning();
		// The trail, like the board, does not say which syndicate wrote it.
		await audit(tx, { actorId: null, entity: 'hydra_board_post', entityId: post.id, action: 'create', after: post, exerciseId: exercise.id });
		return post;
	});
}
