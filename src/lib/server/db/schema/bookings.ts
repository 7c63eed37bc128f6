// Free consultations: each consultant's availability and date overrides, and the bookings leads make.
// The no-double-booking rule is an exclusion constraint added by the custom migration `booking_constraints`
// (drizzle-kit cannot express EXCLUDE): no two time-holding bookings of one consultant overlap, buffer included.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users, areas } from './core';
import { BOOKING_STATUSES, JOINING_KINDS, ORGANISATION_TYPES, OVERRIDE_KINDS } from '../../../domain/bookings';
import type { WeeklyHours } from '../../../domain/slots';
import { inList } from './columns';
import { partnerEnquiries } from './enquiries';

const HHMM = sql.raw(`'^([01][0-9]|2[0-3]):[0-5][0-9]$'`);

export const availability = pgTable(
	'consultant_availability',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		acceptingBookings: boolean('accepting_bookings').notNull().default(true),
		weekly: jsonb('weekly').$type<WeeklyHours>().notNull().default({}),
		meetingMinutes: integer('meeting_minutes').notNull().default(45),
		bufferMinutes: integer('buffer_minutes').notNull().default(15),
		noticeWorkingDays: integer('notice_working_days').notNull().default(1),
		horizonWeeks: integer('horizon_weeks').notNull().default(8),
		dailyCap: integer('daily_cap').notNull().default(4),
		// The consultant's default joining details, used by every booking that has none of its own.
		joiningKind: text('joining_kind', { enum: JOINING_KINDS }),
		joiningDetail: text('joining_detail'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		check('availability_meeting_check', sql`${t.meetingMinutes} between 15 and 240`),
		check('availability_buffer_check', sql`${t.bufferMinutes} between 0 and 120`),
		check('availability_notice_check', sql`${t.noticeWorkingDays} between 0 and 20`),
		check('availability_horizon_check', sql`${t.horizonWeeks} between 1 and 26`),
		check('availability_cap_check', sql`${t.dailyCap} between 1 and 20`),
		check('availability_joining_check', sql`${t.joiningKind} is null or ${t.joiningKind} in (${inList(JOINING_KINDS)})`)
	]
);

export const availabilityOverrides = pgTable(
	'availability_overrides',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		date: date('date').notNull(),
		kind: text('kind', { enum: OVERRIDE_KINDS }).notNull(),
		// London wall-clock times, HH:MM; only for extra hours.
		startTime: text('start_time'),
		endTime: text('end_time'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('availability_overrides_user_idx').on(t.userId, t.date),
		check('availability_overrides_kind_check', sql`${t.kind} in (${inList(OVERRIDE_KINDS)})`),
		check(
			'availability_overrides_times_check',
			sql`(${t.kind} = 'off' and ${t.startTime} is null and ${t.endTime} is null) or (${t.kind} = 'extra' and ${t.startTime} ~ ${HHMM} and ${t.endTime} ~ ${HHMM} and ${t.startTime} < ${t.endTime})`
		)
	]
);

export const bookings = pgTable(
	'bookings',
	{
		id: text('id').primaryKey(),
		consultantId: text('consultant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		// The end of the meeting plus the consultant's buffer: the time the exclusion constraint holds.
		blocksUntil: timestamp('blocks_until', { withTimezone: true }).notNull(),
		status: text('status', { enum: BOOKING_STATUSES }).notNull().default('confirmed'),
		leadName: text('lead_name').notNull(),
		leadRole: text('lead_role').notNull(),
		organisation: text('organisation').notNull(),
		organisationType: text('organisation_type', { enum: ORGANISATION_TYPES }).notNull(),
		localArea: text('local_area').notNull(),
		email: text('email').notNull(),
		phone: text('phone').notNull().default(''),
		situation: text('situation').notNull(),
		consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
		notes: text('notes').notNull().default(''),
		// SHA-256 of the lead's manage link token; the token itself only ever travels in the mail.
		tokenHash: text('token_hash').notNull(),
		tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }).notNull(),
		// The same token sealed with ENCRYPTION_KEY (AES-256-GCM), so that every later email to the lead (a move, a
		// reminder, a cancellation) can carry the manage link again. Null for bookings made before it was kept.
		tokenSealed: text('token_sealed'),
		// The calendar invite's SEQUENCE: raised at every change the lead's calendar must follow.
		sequence: integer('sequence').notNull().default(0),
		// This booking's own joining details (null: the consultant's default).
		joiningKind: text('joining_kind', { enum: JOINING_KINDS }),
		joiningDetail: text('joining_detail'),
		// Why it was cancelled (by a consultant), and whether the lead was told that reason.
		cancelReason: text('cancel_reason'),
		cancelReasonShared: boolean('cancel_reason_shared').notNull().default(false),
		// The enquiry whose consultation offer this booking was made through.
		enquiryId: text('enquiry_id').references(() => partnerEnquiries.id, { onDelete: 'set null' }),
		engagementAreaId: text('engagement_area_id').references(() => areas.id, { onDelete: 'set null' }),
		reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
		lastContactAt: timestamp('last_contact_at', { withTimezone: true }).notNull().defaultNow(),
		anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		uniqueIndex('bookings_token_unique').on(t.tokenHash),
		index('bookings_consultant_idx').on(t.consultantId, t.startsAt),
		index('bookings_starts_idx').on(t.startsAt),
		index('bookings_enquiry_idx').on(t.enquiryId),
		check('bookings_status_check', sql`${t.status} in (${inList(BOOKING_STATUSES)})`),
		check('bookings_type_check', sql`${t.organisationType} in (${inList(ORGANISATION_TYPES)})`),
		check('bookings_joining_check', sql`${t.joiningKind} is null or ${t.joiningKind} in (${inList(JOINING_KINDS)})`),
		check('bookings_times_check', sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.blocksUntil}`)
	]
);

/**
 * A consultant's private calendar feed: an ICS subscription URL whose token (only its hash kept) can be revoked.
 * One live feed per consultant; a new link revokes the old one.
 */
export const calendarFeeds = pgTable(
	'calendar_feeds',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('calendar_feeds_token_unique').on(t.tokenHash), index('calendar_feeds_user_idx').on(t.userId)]
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
export type Availability = typeof availability.$inferSelect;
export type AvailabilityOverride = typeof availabilityOverrides.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
