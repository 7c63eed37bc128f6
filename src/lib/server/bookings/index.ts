// Free consultations: open slots, booking, the lead's self-service by token, the consultants' pipeline.
// No double booking rests on the `bookings_no_overlap` exclusion constraint: every verb that creates or moves a
// booking inserts or updates and lets PostgreSQL refuse an overlap (SQLSTATE 23P01), which becomes SlotTakenError.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import {
	areas,
	availability,
	availabilityOverrides,
	bookings,
	users,
	type Booking
} from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { addLead, grantMembership } from '$lib/server/areas';
import { BOOKING_PER_ADDRESS } from '$lib/domain/rate-limit';
import {
	canSelfServe,
	holdsTime,
	type BookingStatus,
	type OrganisationType,
	ORGANISATION_TYPE_LABELS
} from '$lib/domain/bookings';
import {
	consultantSlots,
	londonDate,
	londonInstant,
	londonTime,
	londonZoneName,
	openSlots,
	rangeFor,
	type BusyRange,
	type Candidate,
	type DateOverride,
	type OpenSlot,
	type Slot,
	type SlotRules
} from '$lib/domain/slots';
import { formatDate } from '$lib/domain/dates';
import type { SessionUser } from '$lib/server/auth/session';
import { inviteAttachment } from './invite';

export const SLOT_TAKEN = 'That time has just been taken. Please choose another time below.';

/** Someone else got the slot first (or it is no longer offered): the lead picks again from fresh slots. */
export class SlotTakenError extends ConflictError {
	constructor() {
		super(SLOT_TAKEN);
	}
}

const BOOKING_LOCK = 7_351_202;

const isExclusionViolation = (err: unknown) => pgCode(err) === PG.exclusionViolation;

// ---------------------------------------------------------------- scheduling data

interface ConsultantSchedule {
	candidate: Candidate;
	name: string;
	email: string;
	rules: SlotRules;
	overrides: DateOverride[];
	busy: (BusyRange & { bookingId: string })[];
}

/** Everything slot computation needs for the consultants taking bookings (or one of them), read in one go. */
async function loadSchedules(now: Date, onlyConsultant?: string): Promise<ConsultantSchedule[]> {
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

function slotsFor(schedule: ConsultantSchedule, now: Date, ignoreBooking?: string): Slot[] {
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

// ---------------------------------------------------------------- booking

export interface IntakeInput {
	slot: string;
	name: string;
	role: string;
	organisation: string;
	organisationType: OrganisationType;
	localArea: string;
	email: string;
	phone: string;
	situation: string;
}

/** Holds the consultant's day while a booking is written, so that the daily cap holds under concurrency. */
async function lockConsultant(tx: Transaction, consultantId: string) {
	await tx.execute(sql`select pg_advisory_xact_lock(${BOOKING_LOCK}, hashtext(${consultantId}))`);
}

async function dayIsFull(tx: Executor, consultantId: string, start: Date, cap: number, ignoreBooking?: string) {
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

function whenText(start: Date, end: Date) {
	return `${formatDate(start)}, ${londonTime(start)} to ${londonTime(end)} (${londonZoneName(start)}, UK time)`;
}

function domain() {
	return new URL(config.origin).hostname;
}

function invite(booking: Booking, consultant: { name: string; email: string }) {
	return inviteAttachment({
		bookingId: booking.id,
		sequence: booking.sequence,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		cancelled: booking.status === 'cancelled',
		title: `Free consultation with ${config.orgName}`,
		description: `A free consultation about repeat missing in ${booking.localArea}, with ${consultant.name}. We will send joining details before the call.`,
		organizer: { name: consultant.name, email: consultant.email },
		attendees: [{ name: booking.leadName, email: booking.email }],
		domain: domain()
	});
}

type MailReason = 'booked' | 'rescheduled' | 'cancelled';

async function mailBoth(
	tx: Executor,
	booking: Booking,
	consultant: { name: string; email: string },
	reason: MailReason,
	token?: string
) {
	const when = whenText(booking.startsAt, booking.endsAt);
	const manage = token
		? ['', 'To see, move or cancel this booking (until 4 hours before it starts), open:', link(`/consultation/manage/${token}`)]
		: ['', 'Use the link in your first confirmation email to see, move or cancel this booking.'];
	const leadText = {
		booked: [`Dear ${booking.leadName},`, '', `Your free consultation with ${config.orgName} is booked for ${when}.`, `${consultant.name} will speak with you.`],
		rescheduled: [`Dear ${booking.leadName},`, '', `Your free consultation has moved to ${when}.`],
		cancelled: [`Dear ${booking.leadName},`, '', `Your free consultation on ${when} has been cancelled.`]
	}[reason];
	const subjects = {
		booked: `Your free consultation on ${formatDate(booking.startsAt)}`,
		rescheduled: `Your free consultation has moved to ${formatDate(booking.startsAt)}`,
		cancelled: `Your free consultation on ${formatDate(booking.startsAt)} is cancelled`
	};
	const attachments = [invite(booking, consultant)];
	await enqueueMail(tx, {
		to: booking.email,
		kind: `booking-${reason}`,
		subject: subjects[reason],
		text: [...leadText, ...(reason === 'cancelled' ? [] : manage), '', `${config.orgName}`].join('\n'),
		attachments
	});
	await enqueueMail(tx, {
		to: consultant.email,
		kind: `booking-${reason}-consultant`,
		subject: `Consultation ${reason}: ${booking.organisation}, ${formatDate(booking.startsAt)}`,
		text: [
			`Consultation ${reason}: ${when}.`,
			'',
			`${booking.leadName}, ${booking.leadRole}, ${booking.organisation} (${ORGANISATION_TYPE_LABELS[booking.organisationType]})`,
			`Local area: ${booking.localArea}`,
			'',
			link(`/app/consultations/${booking.id}`)
		].join('\n'),
		attachments
	});
}

/**
 * Books the open slot starting at `input.slot` for a lead: rate limited per address, given to the least recently
 * booked consultant free then (the next one if the database refuses the first), with the mails in the same
 * transaction. Returns the booking and the manage token, which exists nowhere else.
 */
export async function bookConsultation(input: IntakeInput, address: string, now = new Date()) {
	await takeFromWindow('booking', address, BOOKING_PER_ADDRESS);
	const start = new Date(input.slot);
	const schedules = await loadSchedules(now);
	const open = openSlots(schedules.map((s) => ({ candidate: s.candidate, slots: slotsFor(s, now) }))).find(
		(s) => s.start.getTime() === start.getTime()
	);
	if (!open) throw new SlotTakenError();
	for (const consultantId of open.consultantIds) {
		const schedule = schedules.find((s) => s.candidate.id === consultantId)!;
		try {
			return await insertBooking(schedule, start, input, now);
		} catch (err) {
			if (isExclusionViolation(err) || err instanceof DayFullError) continue;
			throw err;
		}
	}
	throw new SlotTakenError();
}

class DayFullError extends Error {}

async function insertBooking(schedule: ConsultantSchedule, start: Date, input: IntakeInput, now: Date) {
	const token = newToken();
	const range = rangeFor(start, schedule.rules);
	return db.transaction(async (tx) => {
		await lockConsultant(tx, schedule.candidate.id);
		if (await dayIsFull(tx, schedule.candidate.id, start, schedule.rules.dailyCap)) throw new DayFullError();
		const [booking] = await tx
			.insert(bookings)
			.values({
				id: newId(),
				consultantId: schedule.candidate.id,
				startsAt: range.start,
				endsAt: range.end,
				blocksUntil: range.until,
				leadName: input.name,
				leadRole: input.role,
				organisation: input.organisation,
				organisationType: input.organisationType,
				localArea: input.localArea,
				email: input.email,
				phone: input.phone,
				situation: input.situation,
				consentAt: now,
				tokenHash: hashToken(token),
				tokenExpiresAt: range.end,
				lastContactAt: now
			})
			.returning();
		await audit(tx, { actorId: null, entity: 'booking', entityId: booking.id, action: 'create', after: booking });
		await mailBoth(tx, booking, schedule, 'booked', token);
		return { booking, token };
	});
}

// ---------------------------------------------------------------- the lead's self-service, by token

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
	const start = new Date(slot);
	const [schedule] = await loadSchedules(now, booking.consultantId);
	if (!schedule || !slotsFor(schedule, now, booking.id).some((s) => s.start.getTime() === start.getTime())) {
		throw new SlotTakenError();
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
					updatedAt: now
				})
				.where(and(eq(bookings.id, booking.id), eq(bookings.version, booking.version), eq(bookings.status, 'confirmed')))
				.returning();
			if (!moved) throw new ConflictError('This booking changed a moment ago. Please look at it again.');
			await audit(tx, { actorId: null, entity: 'booking', entityId: booking.id, action: 'reschedule', before: booking, after: moved });
			await mailBoth(tx, moved, { name: consultantName, email: consultantEmail }, 'rescheduled');
			return moved;
		});
	} catch (err) {
		if (isExclusionViolation(err)) throw new SlotTakenError();
		throw err;
	}
}

async function cancelBooking(tx: Transaction, booking: Booking, actorId: string | null, now: Date, patch: { notes?: string } = {}) {
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
	await mailBoth(tx, cancelled, consultant, 'cancelled');
	return cancelled;
}

export async function cancelByToken(token: string, now = new Date()) {
	const { booking } = await changeable(token, now);
	return db.transaction((tx) => cancelBooking(tx, booking, null, now));
}

// ---------------------------------------------------------------- the consultants' pipeline

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

/** Records an outcome and private notes; cancelling here also tells the lead, with a cancelled invite. */
export async function updateBooking(
	user: SessionUser,
	id: string,
	input: { status: BookingStatus; notes: string; version: number },
	now = new Date()
) {
	const { booking } = await getBooking(user, id);
	if (booking.version !== input.version) throw new ConflictError();
	return db.transaction(async (tx) => {
		if (input.status === 'cancelled' && booking.status !== 'cancelled') {
			return cancelBooking(tx, booking, user.id, now, { notes: input.notes });
		}
		if (booking.status === 'cancelled' && holdsTime(input.status)) {
			throw new InputError({ status: 'A cancelled booking cannot be brought back; the lead can book again.' });
		}
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

function slugify(text: string) {
	return (
		text
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40)
			.replace(/-+$/, '') || 'area'
	);
}

/**
 * Starts an engagement from a consultation: a `prospect` area named after the lead's local area, led by the acting
 * consultant, with the lead invited as a partner (editor). Once per booking.
 */
export async function startEngagement(user: SessionUser, id: string, version: number) {
	const { booking } = await getBooking(user, id);
	if (booking.engagementAreaId) throw new InputError({ _form: 'An engagement has already been started from this consultation.' });
	if (booking.anonymisedAt) throw new InputError({ _form: 'This consultation has been anonymised.' });
	if (booking.version !== version) throw new ConflictError();
	return db.transaction(async (tx) => {
		const base = slugify(booking.localArea);
		const taken = await tx
			.select({ slug: areas.slug })
			.from(areas)
			.where(or(eq(areas.slug, base), sql`${areas.slug} like ${base + '-%'}`));
		let slug = base.length >= 3 ? base : `${base}-area`;
		for (let n = 2; taken.some((t) => t.slug === slug); n++) slug = `${base}-${n}`;
		const [area] = await tx
			.insert(areas)
			.values({
				id: newId(),
				slug,
				name: booking.localArea,
				policeForce: booking.organisationType === 'police' ? booking.organisation : 'To be confirmed',
				localAuthorities: booking.organisationType === 'local_authority' ? booking.organisation : '',
				status: 'prospect',
				description: booking.situation,
				createdBy: user.id
			})
			.returning();
		await addLead(tx, user, area.id);
		await audit(tx, { actorId: user.id, areaId: area.id, entity: 'area', entityId: area.id, action: 'create', after: area });
		if (booking.email.toLowerCase() !== user.email.toLowerCase()) {
			// The consultation page has no email field: an address refused for the invitation (on the suppression list)
			// is said at the top of the form.
			await grantMembership(tx, user, area, booking.email, 'editor').catch((err) => {
				if (err instanceof InputError && err.errors.email) throw new InputError({ _form: err.errors.email });
				throw err;
			});
		}
		const [updated] = await tx
			.update(bookings)
			.set({ engagementAreaId: area.id, version: sql`${bookings.version} + 1`, updatedAt: new Date(), lastContactAt: new Date() })
			.where(and(eq(bookings.id, id), eq(bookings.version, version)))
			.returning();
		if (!updated) throw new ConflictError();
		await audit(tx, { actorId: user.id, areaId: area.id, entity: 'booking', entityId: id, action: 'start-engagement', before: booking, after: updated });
		return area;
	});
}

// ---------------------------------------------------------------- scheduled jobs

/** Sends the 24-hour reminder once per booking; SKIP LOCKED lets several instances run it together. */
export async function sendReminders(now = new Date()) {
	return db.transaction(async (tx) => {
		const due = await tx
			.select()
			.from(bookings)
			.where(
				and(
					eq(bookings.status, 'confirmed'),
					isNull(bookings.reminderSentAt),
					gt(bookings.startsAt, now),
					lte(bookings.startsAt, new Date(now.getTime() + 24 * 60 * 60_000))
				)
			)
			.for('update', { skipLocked: true });
		for (const booking of due) {
			await tx.update(bookings).set({ reminderSentAt: now }).where(eq(bookings.id, booking.id));
			await enqueueMail(tx, {
				to: booking.email,
				kind: 'booking-reminder',
				subject: `Reminder: your free consultation ${formatDate(booking.startsAt)}`,
				text: [
					`Dear ${booking.leadName},`,
					'',
					`A reminder that your free consultation with ${config.orgName} is on ${whenText(booking.startsAt, booking.endsAt)}.`,
					'Use the link in your confirmation email if you need to move or cancel it.',
					'',
					config.orgName
				].join('\n')
			});
		}
		return due.length;
	});
}

export const ANONYMISED = 'Anonymised';

