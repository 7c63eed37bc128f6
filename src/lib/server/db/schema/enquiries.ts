// Partner enquiries from the public site: the consultants' pipeline of areas asking to work with us.
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, integer, index, check, uniqueIndex } from 'drizzle-orm/pg-core';
import { areas, users } from './core';
import { ENQUIRY_STATUSES, ENQUIRY_TOPICS, ORGANISATION_TYPES } from '../../../domain/enquiries';
import { inList } from './columns';

export const partnerEnquiries = pgTable(
	'partner_enquiries',
	{
		id: text('id').primaryKey(),
		topic: text('topic', { enum: ENQUIRY_TOPICS }).notNull().default('partnership'),
		organisationType: text('organisation_type', { enum: ORGANISATION_TYPES }).notNull(),
		organisation: text('organisation').notNull(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		phone: text('phone').notNull().default(''),
		place: text('place').notNull().default(''),
		message: text('message').notNull(),
		status: text('status', { enum: ENQUIRY_STATUSES }).notNull().default('new'),
		// The staff member who carries it forward; when it entered the pipeline stage it is in now.
		ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
		stageSince: timestamp('stage_since', { withTimezone: true }).notNull().defaultNow(),
		// The prospect area started from it: from then on the enquiry's status follows the area's.
		areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
		// SHA-256 of the consultation offer's booking link token (the token travels only in the mail to the enquirer).
		offerTokenHash: text('offer_token_hash'),
		offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		index('partner_enquiries_status_idx').on(t.status, t.createdAt),
		uniqueIndex('partner_enquiries_offer_unique').on(t.offerTokenHash),
		index('partner_enquiries_area_idx').on(t.areaId),
		check('partner_enquiries_type_check', sql`${t.organisationType} in (${inList(ORGANISATION_TYPES)})`),
		check('partner_enquiries_topic_check', sql`${t.topic} in (${inList(ENQUIRY_TOPICS)})`),
		check('partner_enquiries_status_check', sql`${t.status} in (${inList(ENQUIRY_STATUSES)})`)
	]
);

export type PartnerEnquiry = typeof partnerEnquiries.$inferSelect;
