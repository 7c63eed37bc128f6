// The consultants' pipeline: the list, one booking, outcomes and notes.
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, bookings, users } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { BOOKING_STATUS_LABELS, holdsTime, type BookingStatus } from '$lib/domain/bookings';
import { formatDateTime } from '$lib/domain/dates';
import type { SessionUser } from '$lib/server/auth/session';

export interface PipelineFilter {
	status?: BookingStatus;
	when?: 'upcoming' | 'past';
}

function visibleTo(user: SessionUser) {
	if (user.role === 'admin') return undefined;
	if (user.role === 'consultant') return eq(bookings.consultantId, user.id);
	return sql`false`;
}

export function listBookings(user: SessionUser, filter: PipelineFilter = {}, now = new Date()) {
	return db
		.select({
			id: bookings.id,
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			status: bookings.status,
			leadName: bookings.leadName,
			organisation: bookings.organisation,
			organisationType: bookings.organisationType,
			localArea: bookings.localArea,
			consultantName: users.name,
			engagementAreaId: bookings.engagementAreaId
		})
		.from(bookings)
		.innerJoin(users, eq(users.id, bookings.consultantId))
		.where(
			and(
				visibleTo(user),
				filter.status ? eq(bookings.status, filter.status) : undefined,
				filter.when === 'upcoming' ? gte(bookings.endsAt, now) : undefined,
				filter.when === 'past' ? lt(bookings.endsAt, now) : undefined
			)
		)
		.orderBy(filter.when === 'past' ? desc(bookings.startsAt) : asc(bookings.startsAt))
		.limit(500);
}

/** One booking for a consultant or admin; NotFoundError when it is not theirs to see. */
export async function getBooking(user: SessionUser, id: string) {
	const [row] = await db
		.select({ booking: bookings, consultantName: users.name, areaSlug: areas.slug, areaName: areas.name })
		.from(bookings)
		.innerJoin(users, eq(users.id, bookings.consultantId))
		.leftJoin(areas, eq(areas.id, bookings.engagementAreaId))
		.where(and(eq(bookings.id, id), visibleTo(user)));
	if (!row) throw new NotFoundError();
	return row;
}

/** The booking as getBooking gives it, when it is still at the version the form was read at; else ConflictError. */
export async function getBookingAt(user: SessionUser, id: string, version: number) {
	const row = await getBooking(user, id);
	if (row.booking.version !== version) throw new ConflictError();
	return row;
}

/** Outcomes that say how the meeting went: only once it has started. */
const OUTCOMES: BookingStatus[] = ['completed', 'no_show'];

/**
 * Records an outcome and private notes. "Completed" and "No-show" only once the meeting has started (set early, they
 * would also close the lead's manage link); cancelling is its own verb (cancelAsConsultant), which can give a reason.
 */
export async function updateBooking(
	user: SessionUser,
	id: string,
	input: { status: BookingStatus; notes: string; version: number },
	now = new Date()
) {
	const { booking } = await getBookingAt(user, id, input.version);
	if (input.status === 'cancelled' && booking.status !== 'cancelled') {
		throw new InputError({ status: 'To cancel, use “Cancel this consultation”, which tells the lead.' });
	}
	if (booking.status === 'cancelled' && holdsTime(input.status)) {
		throw new InputError({ status: 'A cancelled booking cannot be brought back; the lead can book again.' });
	}
	if (OUTCOMES.includes(input.status) && input.status !== booking.status && booking.startsAt > now) {
		throw new InputError({
			status: `“${BOOKING_STATUS_LABELS[input.status]}” can be recorded once the consultation has started (${formatDateTime(booking.startsAt)}).`
		});
	}
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(bookings)
			.set({ status: input.status, notes: input.notes, version: sql`${bookings.version} + 1`, updatedAt: now })
			.where(and(eq(bookings.id, id), eq(bookings.version, input.version)))
			.returning();
		if (!updated) throw new ConflictError();
		await audit(tx, { actorId: user.id, entity: 'booking', entityId: id, action: 'update', before: booking, after: updated });
		return updated;
	});
}
