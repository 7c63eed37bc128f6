// The figures on the Hydra hub: what is waiting for a consultant across the library, the calendar and the inbox.
import { and, count, eq, gt, isNotNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraEvents, hydraRequests, hydraScenarios } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { isStaff } from '$lib/domain/roles';
import type { SessionUser } from '$lib/server/auth/session';

export async function hydraHub(actor: SessionUser, now = new Date()) {
	if (!isStaff(actor.role)) throw new NotFoundError();
	const [[scenarios], [signedOff], [upcoming], [newRequests]] = await Promise.all([
		db.select({ n: count() }).from(hydraScenarios),
		db.select({ n: count() }).from(hydraScenarios).where(isNotNull(hydraScenarios.signedOffAt)),
		db.select({ n: count() }).from(hydraEvents).where(gt(hydraEvents.startsAt, now)),
		db.select({ n: count() }).from(hydraRequests).where(eq(hydraRequests.status, 'new'))
	]);
	return { scenarios: scenarios.n, signedOff: signedOff.n, upcomingEvents: upcoming.n, newRequests: newRequests.n };
}
