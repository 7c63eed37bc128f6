// The lead's self-service, by the token in their manage link: see, move, cancel.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { db, type Transaction } from '$lib/server/db';
import { bookings, users, type Booking } from '$lib/server/db/schema';
import { hashToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { ConflictError, InputError } from '$lib/server/errors';
import { canSelfServe, needsReminder } from '$lib/domain/bookings';
import { rangeFor } from '$lib/domain/slots';
import { refusalFor, SlotTakenError, isExclusionViolation, loadSchedules, slotsFor, lockConsultant, dayIsFull } from './schedule';
import { joiningOf, mailBoth } from './mail';
import { offerBookingCancelled } from '$lib/server/enquiries';

/** The booking a manage link names, while the link is valid (until the meeting ends); null otherwise. */
export async function findByToken(token: string, now = new Date()) {
	const [row] = await db
		.select({ booking: bookings, consultantName: users.name, consultantEmail: users.email })
		.from(bookings)
		.innerJoin(users, eq(users.id, bookings.consultantId))
		.where(and(eq(bookings.tokenHash, hashToken(token)), gt(bookings.tokenExpiresAt, now), isNull(bookings.anonymisedAt)));
	if (!row) return null;
	return {
		...row,
		joining: await joiningOf(db, row.booking),
		canChange: canSelfServe(row.booking.status, row.booking.startsAt, now, config.bookingCutoffHours)
	};
}

const LINK_GONE = 'This link has expired or is not valid. Reply to your confirmation email and we will help.';
const TOO_LATE = 'It is too close to the start to change this booking here. Reply to your confirmation email instead.';

async function changeable(token: string, now: Date) {
	const found = await findByToken(token, now);
	if (!found) throw new InputError({ _form: LINK_GONE });
	if (!found.canChange) throw new InputError({ _form: TOO_LATE });
	return found;
}

/** The times the lead may move to: the same consultant's open slots, their own booking's time set free. */
export async function rescheduleOptions(booking: Booking, now = new Date()) {
	const [schedule] = await loadSchedules(now, booking.consultantId);
	if (!schedule) return [];
	return slotsFor(schedule, now, booking.id).filter((s) => s.start.getTime() !== booking.startsAt.getTime());
}

export async function rescheduleByToken(token: string, slot: string, now = new Date()) {
	const { booking, consultantName, consultantEmail } = await changeable(token, now);
	return moveTo(booking, { name: consultantName, email: consultantEmail }, slot, now, { actorId: null, reason: 'rescheduled' });
}

/**
 * Moves a confirmed booking to another of its consultant's open slots, raising the invite's SEQUENCE, and sends both
 * the updated invite: the lead's own move (`rescheduled`) or the consultant's, with a note why (`moved`).
 */
export async function moveTo(
	booking: Booking,
	consultant: { name: string; email: string },
	slot: string,
	now: Date,
	by: { actorId: string | null; reason: 'rescheduled' | 'moved'; note?: string }
) {
	const start = new Date(slot);
	const [schedule] = await loadSchedules(now, booking.consultantId);
	if (!schedule || !slotsFor(schedule, now, booking.id).some((s) => s.start.getTime() === start.getTime())) {
		throw refusalFor(start, schedule ? [schedule] : [], now);
	}
	const range = rangeFor(start, schedule.rules);
	try {
		return await db.transaction(async (tx) => {
			await lockConsultant(tx, booking.consultantId);
			if (await dayIsFull(tx, booking.consultantId, start, schedule.rules.dailyCap, booking.id)) throw new SlotTakenError();
			const [moved] = await tx
				.update(bookings)
				.set({
					startsAt: range.start,
					endsAt: range.end,
					blocksUntil: range.until,
					tokenExpiresAt: range.end,
					sequence: sql`${bookings.sequence} + 1`,
					version: sql`${bookings.version} + 1`,
					lastContactAt: now,
					// The new time gets its own reminder, unless this email, so close to it, serves as one.
					reminderSentAt: needsReminder(range.start, now) ? null : now,
					updatedAt: now
				})
				.where(and(eq(bookings.id, booking.id), eq(bookings.version, booking.version), eq(bookings.status, 'confirmed')))
				.returning();
			if (!moved) throw new ConflictError('This booking changed a moment ago. Please look at it again.');
			await audit(tx, { actorId: by.actorId, entity: 'booking', entityId: booking.id, action: by.reason === 'moved' ? 'move' : 'reschedule', before: booking, after: moved });
			await mailBoth(tx, moved, consultant, by.reason, now, { note: by.note });
			return moved;
		});
	} catch (err) {
		if (isExclusionViolation(err)) throw new SlotTakenError();
		throw err;
	}
}

export async function cancelBooking(
	tx: Transaction,
	booking: Booking,
	actorId: string | null,
	now: Date,
	patch: { cancelReason?: string | null; cancelReasonShared?: boolean } = {}
) {
	const [cancelled] = await tx
		.update(bookings)
		.set({
			status: 'cancelled',
			sequence: sql`${bookings.sequence} + 1`,
			version: sql`${bookings.version} + 1`,
			lastContactAt: now,
			updatedAt: now,
			...patch
		})
		.where(and(eq(bookings.id, booking.id), eq(bookings.version, booking.version)))
		.returning();
	if (!cancelled) throw new ConflictError();
	const [consultant] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, booking.consultantId));
	await audit(tx, { actorId, entity: 'booking', entityId: booking.id, action: 'cancel', before: booking, after: cancelled });
	await mailBoth(tx, cancelled, consultant, 'cancelled', now);
	await offerBookingCancelled(tx, actorId, cancelled.enquiryId, now);
	return cancelled;
}

export async function cancelByToken(token: string, now = new Date()) {
	const { booking } = await changeable(token, now);
	return db.transaction((tx) => cancelBooking(tx, booking, null, now));
}
