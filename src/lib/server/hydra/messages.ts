// Control's short messages to one syndicate or to all during a live exercise: checked for identifiers like board
// answers, kept in the exercise's log (and its audit trail), shown live on the screens they are for.
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraExercises, hydraMessages, users } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { messageProblem } from '$lib/domain/hydra/messages';
import type { SessionUser } from '$lib/server/auth/session';
import type { SyndicateSession } from './syndicates';
import { isSyndicateOf } from './membership';

/** Sends a message to one of the exercise's syndicates, or (`syndicateId` null) to every syndicate. Field errors name the form's fields. */
export async function sendMessage(actor: SessionUser, input: { id: string; syndicateId: string | null; text: string }) {
	assertStaff(actor);
	const problem = messageProblem(input.text);
	if (problem) throw new InputError({ message: problem });
	return db.transaction(async (tx) => {
		const [exercise] = await tx.select().from(hydraExercises).where(eq(hydraExercises.id, input.id)).for('share');
		if (!exercise) throw new NotFoundError();
		if (exercise.status === 'ended') throw new ConflictError('The exercise has ended: syndicates’ screens no longer take messages.');
		if (input.syndicateId && !(await isSyndicateOf(tx, exercise.id, input.syndicateId)))
			throw new InputError({ to: 'Choose one of this exercise’s syndicates, or every syndicate.' });
		const [message] = await tx
			.insert(hydraMessages)
			.values({ id: newId(), exerciseId: exercise.id, syndicateId: input.syndicateId, text: input.text, sentBy: actor.id })
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_message', entityId: message.id, action: 'send', after: message, exerciseId: exercise.id });
		return message;
	});
}

/** The exercise's messages for control, newest first, with who sent them. */
export async function messagesOf(exerciseId: string) {
	return db
		.select({ id: hydraMessages.id, syndicateId: hydraMessages.syndicateId, text: hydraMessages.text, createdAt: hydraMessages.createdAt, sentBy: users.name })
		.from(hydraMessages)
		.leftJoin(users, eq(users.id, hydraMessages.sentBy))
		.where(eq(hydraMessages.exerciseId, exerciseId))
		.orderBy(desc(hydraMessages.createdAt), desc(hydraMessages.id));
}

/** The messages a syndicate's screen shows: those to it and those to every syndicate, newest first. */
export async function messagesFor(session: SyndicateSession) {
	return db
		.select({ id: hydraMessages.id, text: hydraMessages.text, createdAt: hydraMessages.createdAt, toAll: sql<boolean>`${hydraMessages.syndicateId} is null` })
		.from(hydraMessages)
		.where(and(eq(hydraMessages.exerciseId, session.exercise.id), or(isNull(hydraMessages.syndicateId), eq(hydraMessages.syndicateId, session.syndicate.id))))
		.orderBy(desc(hydraMessages.createdAt), desc(hydraMessages.id));
}
