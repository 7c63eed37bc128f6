// A consultant's own tools on a booking (move it, cancel it with a reason) and the team's view of every consultation.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { bookings, users } from '$lib/server/db/schema';
import { InputError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { londonInstant, londonDate } from '$lib/domain/slots';
import type { BookingStatus } from '$lib/domain/bookings';
import type { SessionUser } from '$lib/server/auth/session';
import { getBooking, getBookingAt } from './pipeline';
import { cancelBooking, moveTo, rescheduleOptions } from './manage';

const UPCOMING_ONLY = 'Only an upcoming, confirmed consultation can be moved.';

/** The times a consultant may move a booking to: their own open slots, this booking's time set free. */
export async function moveOptions(user: SessionUser, id: string, now = new Date()) {
	const { booking } = await getBooking(user, id);
	if (booking.status !== 'confirmed' || booking.startsAt <= now) return [];
	return rescheduleOptions(booking, now);
}

/** Moves a booking to another free slot of its consultant; the lead gets the updated invite and the note why. */
export async function moveBooking(user: SessionUser, id: string, input: { slot: string; note: string; version: number }, now = new Date()) {
	const { booking, consultantName } = await getBookingAt(user, id, input.version);
	if (booking.status !== 'confirmed' || booking.startsAt <= now) throw new InputError({ slot: UPCOMING_ONLY });
	const [consultant] = await db.select({ email: users.email }).from(users).where(eq(users.id, booking.consultantId));
	return moveTo(booking, { name: consultantName, email: consultant.email }, input.slot, now, {
		actorId: user.id,
		reason: 'moved',
		note: input.note
	});
}

/** Cancels a booking with an optional reason, kept with it and told to the lead only when the consultant chooses. */
export async function cancelAsConsultant(
	user: SessionUser,
	id: string,
	input: { reason: string; shareReason: boolean; version: number },
	now = new Date()
) {
	const { booking } = await getBookingAt(user, id, input.version);
	if (booking.status !== 'confirmed') throw new InputError({ _form: 'Only a confirmed consultation can be cancelled.' });
	if (input.shareReason && !input.reason) throw new InputError({ reason: 'Write the reason to tell the lead, or untick the box.' });
	return db.transaction((tx) =>
		cancelBooking(tx, booking, user.id, now, { cancelReason: input.reason || null, cancelReasonShared: input.shareReason && !!input.reason })
	);
}

export interface TeamFilter {
	consultantId?: string;
	status?: BookingStatus;
	/** London dates, inclusive. */
	from?: string;
	to?: string;
}

/** The day after a London date, as a London date (the clock change days are 23 and 25 hours long). */
function nextDay(date: string) {
	return londonDate(new Date(londonInstant(date, '12:00').getTime() + 24 * 60 * 60_000));
}

/** Every consultation of the team, for any staff member. */
export async function listTeamBookings(user: SessionUser, filter: TeamFilter) {
	assertStaff(user);
	const rows = await db
		.select({
			id: bookings.id,
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			status: bookings.status,
			leadName: bookings.leadName,
			organisation: bookings.organisation,
			localArea: bookings.localArea,
			consultantId: bookings.consultantId,
			consultantName: users.name
		})
		.from(bookings)
		.innerJoin(users, eq(users.id, bookings.consultantId))
		.where(
			and(
				filter.consultantId ? eq(bookings.consultantId, filter.consultantId) : undefined,
				filter.status ? eq(bookings.status, filter.status) : undefined,
				filter.from ? gte(bookings.startsAt, londonInstant(filter.from, '00:00')) : undefined,
				filter.to ? lt(bookings.startsAt, londonInstant(nextDay(filter.to), '00:00')) : undefined
			)
		)
		.orderBy(asc(bookings.startsAt))
		.limit(500);
	// A consultant opens only their own bookings; an administrator opens any.
	return rows.map((r) => ({ ...r, canOpen: user.role === 'admin' || r.consultantId === user.id }));
}

/** The staff who have had bookings, to filter the team view by. */
export function teamConsultants(user: SessionUser) {
	assertStaff(user);
	return db
		.selectDistinct({ id: users.id, name: users.name })
		.from(users)
		.innerJoin(bookings, eq(bookings.consultantId, users.id))
		.orderBy(asc(users.name));
}
