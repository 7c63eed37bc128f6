// Who can take which start: consultants' schedules read in one go, slots, the per-consultant lock and daily cap,
// and the refusal a lead sees when a time cannot be booked.
import { and, eq, gt, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { availability, availabilityOverrides, bookings, users } from '$lib/server/db/schema';
import { ConflictError } from '$lib/server/errors';
import {
	consultantSlots,
	londonDate,
	londonInstant,
	openSlots,
	SLOT_REFUSALS,
	whyRefused,
	type SlotRefusal,
	type BusyRange, type Candidate, type DateOverride, type OpenSlot, type Slot, type SlotRules } from '$lib/domain/slots';

export const SLOT_TAKEN = SLOT_REFUSALS.taken;

/**
 * The start asked for is not an open slot: someone else got it first, or (with a stale or forged form) it is too
 * soon, too far ahead or outside the consultant's hours. The message says which; the lead picks again.
 */
export class SlotTakenError extends ConflictError {
	constructor(readonly reason: SlotRefusal = 'taken') {
		super(SLOT_REFUSALS[reason]);
	}
}

/** The refusal for a start none of these consultants can take now. */
export function refusalFor(start: Date, schedules: ConsultantSchedule[], now: Date) {
	return new SlotTakenError(Number.isNaN(start.getTime()) ? 'outside_hours' : whyRefused(start, schedules, now));
}

const BOOKING_LOCK = 7_351_202;

export const isExclusionViolation = (err: unknown) => pgCode(err) === PG.exclusionViolation;

// ---------------------------------------------------------------- scheduling data

export interface ConsultantSchedule {
	candidate: Candidate;
	name: string;
	email: string;
	rules: SlotRules;
	overrides: DateOverride[];
	busy: (BusyRange & { bookingId: string })[];
}

/** Everything slot computation needs for the consultants taking bookings (or one of them), read in one go. */
export async function loadSchedules(now: Date, onlyConsultant?: string): Promise<ConsultantSchedule[]> {
	const rows = await db
		.select({ availability, name: users.name, email: users.email })
		.from(availability)
		.innerJoin(users, eq(users.id, availability.userId))
		.where(
			and(
				eq(availability.acceptingBookings, true),
				isNull(users.disabledAt),
				inArray(users.role, ['admin', 'consultant']),
				onlyConsultant ? eq(availability.userId, onlyConsultant) : undefined
			)
		);
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.availability.userId);
	// From the start of yesterday, so that today's bookings count towards today's cap whatever the notice.
	const from = new Date(now.getTime() - 2 * 24 * 60 * 60_000);
	const [overrides, busy, last] = await Promise.all([
		db
			.select()
			.from(availabilityOverrides)
			.where(and(inArray(availabilityOverrides.userId, ids), gte(availabilityOverrides.date, londonDate(from)))),
		db
			.select({ id: bookings.id, consultantId: bookings.consultantId, start: bookings.startsAt, until: bookings.blocksUntil })
			.from(bookings)
			.where(and(inArray(bookings.consultantId, ids), ne(bookings.status, 'cancelled'), gt(bookings.blocksUntil, from))),
		db
			.select({ consultantId: bookings.consultantId, at: sql<string>`max(${bookings.createdAt})` })
			.from(bookings)
			.where(inArray(bookings.consultantId, ids))
			.groupBy(bookings.consultantId)
	]);
	return rows.map(({ availability: a, name, email }) => {
		const lastAt = last.find((l) => l.consultantId === a.userId)?.at;
		return {
			candidate: { id: a.userId, lastBookedAt: lastAt ? new Date(lastAt) : null },
			name,
			email,
			rules: a,
			overrides: overrides.filter((o) => o.userId === a.userId),
			busy: busy.filter((b) => b.consultantId === a.userId).map((b) => ({ bookingId: b.id, start: b.start, until: b.until }))
		};
	});
}

export function slotsFor(schedule: ConsultantSchedule, now: Date, ignoreBooking?: string): Slot[] {
	return consultantSlots({
		rules: schedule.rules,
		overrides: schedule.overrides,
		busy: schedule.busy.filter((b) => b.bookingId !== ignoreBooking),
		now
	});
}

/** The slots open to the public now: each start with at least one consultant free, least recently booked first. */
export async function listOpenSlots(now = new Date()): Promise<OpenSlot[]> {
	const schedules = await loadSchedules(now);
	return openSlots(schedules.map((s) => ({ candidate: s.candidate, slots: slotsFor(s, now) })));
}


/** Holds the consultant's day while a booking is written, so that the daily cap holds under concurrency. */
export async function lockConsultant(tx: Transaction, consultantId: string) {
	await tx.execute(sql`select pg_advisory_xact_lock(${BOOKING_LOCK}, hashtext(${consultantId}))`);
}

export async function dayIsFull(tx: Executor, consultantId: string, start: Date, cap: number, ignoreBooking?: string) {
	const date = londonDate(start);
	const next = londonDate(new Date(londonInstant(date, '12:00').getTime() + 24 * 60 * 60_000));
	const [{ n }] = await tx
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(bookings)
		.where(
			and(
				eq(bookings.consultantId, consultantId),
				ne(bookings.status, 'cancelled'),
				gte(bookings.startsAt, londonInstant(date, '00:00')),
				lt(bookings.startsAt, londonInstant(next, '00:00')),
				ignoreBooking ? ne(bookings.id, ignoreBooking) : undefined
			)
		);
	return n >= cap;
}
