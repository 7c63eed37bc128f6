// A booking's own joining details (a video link, phone number or place instead of the consultant's default).
import { and, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { bookings, users, type Booking } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError } from '$lib/server/errors';
import type { JoiningKind } from '$lib/domain/bookings';
import type { SessionUser } from '$lib/server/auth/session';
import { getBookingAt } from './pipeline';
import { joiningOf, mailBoth } from './mail';

/**
 * Sets (or, with no kind, clears back to the consultant's default) how this consultation is held, and sends the lead
 * and consultant the updated invite (same UID, SEQUENCE + 1), so their calendars follow.
 */
export async function setBookingJoining(
	user: SessionUser,
	id: string,
	input: { joiningKind: JoiningKind | null; joiningDetail: string | null; version: number },
	now = new Date()
) {
	const { booking } = await getBookingAt(user, id, input.version);
	if (booking.status !== 'confirmed' || booking.endsAt <= now) {
		throw new InputError({ joiningKind: 'Only an upcoming, confirmed consultation can get new joining details.' });
	}
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(bookings)
			.set({
				joiningKind: input.joiningKind,
				joiningDetail: input.joiningKind ? input.joiningDetail : null,
				sequence: sql`${bookings.sequence} + 1`,
				version: sql`${bookings.version} + 1`,
				lastContactAt: now,
				updatedAt: now
			})
			.where(and(eq(bookings.id, id), eq(bookings.version, input.version)))
			.returning();
		if (!updated) throw new ConflictError();
		await audit(tx, { actorId: user.id, entity: 'booking', entityId: id, action: 'update-joining', before: booking, after: updated });
		const [consultant] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, booking.consultantId));
		await mailBoth(tx, updated, consultant, 'updated', now);
		return updated;
	});
}

/** What a booking's pages show under "How to join". */
export function bookingJoining(booking: Booking) {
	return joiningOf(db, booking);
}
