// Releasing an inject in a live exercise: the one path for control's button and for the room clock, so syndicates get
// an inject the same way (an audited release published to the exercise's room) whoever let it go.
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import { hydraInjects, hydraReleases, type HydraExercise } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { NotFoundError } from '$lib/server/errors';

/**
 * Releases one inject of the exercise's scenario inside `tx` (which holds the exercise's row locked); `by` is control's
 * user, or null for the clock. Null when it was already out: the primary key lets an inject out once only, so a
 * second attempt (a double click, two instances' clocks racing) changes nothing.
 */
export async function releaseIn(tx: Transaction, exercise: HydraExercise, injectId: string, by: string | null) {
	const [inject] = await tx
		.select({ id: hydraInjects.id, title: hydraInjects.title })
		.from(hydraInjects)
		.where(and(eq(hydraInjects.id, injectId), eq(hydraInjects.scenarioId, exercise.scenarioId)));
	if (!inject) throw new NotFoundError();
	const [release] = await tx
		.insert(hydraReleases)
		.values({ exerciseId: exercise.id, injectId: inject.id, releasedBy: by })
		.onConflictDoNothing()
		.returning();
	if (!release) return { inject, release: null };
	await audit(tx, { actorId: by, entity: 'hydra_release', entityId: inject.id, action: by ? 'release' : 'release_on_clock', after: release, exerciseId: exercise.id });
	return { inject, release };
}
