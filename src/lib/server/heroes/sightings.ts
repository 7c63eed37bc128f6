// Sightings reported by the public: safeguarding information, shown to staff only, deleted after handling.
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { appeals, sightings } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { link } from '$lib/server/mail';
import { notifyStaff } from '$lib/server/mail/staff';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { ConflictError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { SIGHTING_PER_ADDRESS } from '$lib/domain/rate-limit';
import { sightingPurgeBefore } from '$lib/domain/heroes';
import type { SessionUser } from '$lib/server/auth/session';

export interface SightingInput {
	seenWhen: string;
	seenWhere: string;
	whatSeen: string;
	contactName: string;
	contactDetails: string;
	website: string;
}

/** Stores a sighting and tells staff there is one to look at; the mail holds no details of it. */
export async function reportSighting(appealId: string, input: SightingInput, clientAddress: string) {
	await takeFromWindow('sighting', clientAddress, SIGHTING_PER_ADDRESS);
	const [appeal] = await db.select({ id: appeals.id, firstName: appeals.firstName }).from(appeals).where(eq(appeals.id, appealId));
	if (!appeal) throw new NotFoundError();
	if (input.website) return;
	const { website: _bot, ...fields } = input;
	await db.transaction(async (tx) => {
		const id = newId();
		await tx.insert(sightings).values({ id, appealId, ...fields });
		await notifyStaff(tx, {
			kind: 'sighting',
			subject: 'A sighting has been reported',
			text: `Someone has reported a sighting for one of the current appeals.\n\nRead it in the sightings queue (sign-in needed):\n${link('/app/sightings')}`
		});
	});
}

export function listSightings(actor: SessionUser) {
	assertStaff(actor);
	return db
		.select({
			id: sightings.id,
			appealId: sightings.appealId,
			appealName: appeals.firstName,
			seenWhen: sightings.seenWhen,
			seenWhere: sightings.seenWhere,
			whatSeen: sightings.whatSeen,
			contactName: sightings.contactName,
			contactDetails: sightings.contactDetails,
			status: sightings.status,
			handledAt: sightings.handledAt,
			createdAt: sightings.createdAt,
			version: sightings.version
		})
		.from(sightings)
		.innerJoin(appeals, eq(appeals.id, sightings.appealId))
		.orderBy(sql`${sightings.status} = 'handled'`, desc(sightings.createdAt), asc(sightings.id));
}

/** Marks a sighting handled, which starts its retention clock. */
export async function markSightingHandled(actor: SessionUser, sightingId: string, version: number) {
	assertStaff(actor);
	await db.transaction(async (tx) => {
		const [before] = await tx.select({ id: sightings.id, status: sightings.status }).from(sightings).where(eq(sightings.id, sightingId));
		if (!before) throw new NotFoundError();
		const [updated] = await tx
			.update(sightings)
			.set({ status: 'handled', handledAt: new Date(), handledBy: actor.id, version: sql`${sightings.version} + 1` })
			.where(and(eq(sightings.id, sightingId), eq(sightings.version, version)))
			.returning({ id: sightings.id, status: sightings.status });
		if (!updated) throw new ConflictError('Someone else updated this sighting since you opened the queue. Check it again.');
		// Status only: the sighting's words are safeguarding information and are not copied into the audit trail.
		await audit(tx, { actorId: actor.id, entity: 'sighting', entityId: sightingId, action: 'handle', before, after: updated });
	});
}

