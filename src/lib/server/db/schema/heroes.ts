// Digital Search Heroes: subscribers with their consent record, their hashed link tokens, appeals with photos,
// which hero each appeal has reached, and sightings (safeguarding information: staff only).
import { sql } from 'drizzle-orm';
import {
	pgTable,
	text,
	timestamp,
	integer,
	date,
	index,
	uniqueIndex,
	check,
	customType,
	primaryKey,
	boolean
} from 'drizzle-orm/pg-core';
import { users, outbox } from './core';
import { PHOTO_TYPES, REGIONS, SIGHTING_STATUSES, SUBSCRIBER_STATUSES } from '../../../domain/heroes';
import { createdAt, inList } from './columns';

// postgres.js returns a Buffer and PGlite a Uint8Array: both become a Buffer.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => Buffer.from(value)
});

export const heroSubscribers = pgTable(
	'hero_subscribers',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		firstName: text('first_name').notNull().default(''),
		// Null: appeals from every region.
		region: text('region', { enum: REGIONS }),
		status: text('status', { enum: SUBSCRIBER_STATUSES }).notNull().default('pending'),
		// The consent record: the exact wording shown, when it was given and how.
		consentWording: text('consent_wording').notNull(),
		consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
		consentMethod: text('consent_method').notNull(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('hero_subscribers_email_unique').on(sql`lower(${t.email})`),
		index('hero_subscribers_status_idx').on(t.status, t.region),
		check('hero_subscribers_status_check', sql`${t.status} in (${inList(SUBSCRIBER_STATUSES)})`),
		check('hero_subscribers_region_check', sql`${t.region} is null or ${t.region} in (${inList(REGIONS)})`),
		check('hero_subscribers_confirmed_check', sql`${t.status} <> 'confirmed' or ${t.confirmedAt} is not null`)
	]
);

export const HERO_TOKEN_PURPOSES = ['confirm', 'manage'] as const;

// Links sent by mail. Each mail carries a fresh manage token, so only hashes are stored and old links keep working.
export const heroTokens = pgTable(
	'hero_tokens',
	{
		tokenHash: text('token_hash').primaryKey(),
		subscriberId: text('subscriber_id')
			.notNull()
			.references(() => heroSubscribers.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: HERO_TOKEN_PURPOSES }).notNull(),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [
		index('hero_tokens_subscriber_idx').on(t.subscriberId),
		check('hero_tokens_purpose_check', sql`${t.purpose} in (${inList(HERO_TOKEN_PURPOSES)})`)
	]
);

export const appeals = pgTable(
	'appeals',
	{
		id: text('id').primaryKey(),
		firstName: text('first_name').notNull(),
		age: integer('age').notNull(),
		region: text('region', { enum: REGIONS }).notNull(),
		place: text('place').notNull().default(''),
		missingSince: date('missing_since', { mode: 'string' }).notNull(),
		description: text('description').notNull(),
		hasPhoto: boolean('has_photo').notNull().default(false),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		index('appeals_created_idx').on(t.createdAt),
		check('appeals_age_check', sql`${t.age} between 0 and 120`),
		check('appeals_region_check', sql`${t.region} in (${inList(REGIONS)})`),
		check('appeals_description_check', sql`char_length(${t.description}) between 1 and 1000`)
	]
);

// Kept apart from the appeal so that listing appeals never reads image bytes; in the database so every instance
// serves the same photo.
export const appealPhotos = pgTable(
	'appeal_photos',
	{
		appealId: text('appeal_id')
			.primaryKey()
			.references(() => appeals.id, { onDelete: 'cascade' }),
		contentType: text('content_type', { enum: PHOTO_TYPES }).notNull(),
		bytes: bytea('bytes').notNull()
	},
	(t) => [
		check('appeal_photos_type_check', sql`${t.contentType} in (${inList(PHOTO_TYPES)})`),
		check('appeal_photos_size_check', sql`octet_length(${t.bytes}) between 1 and 2097152`)
	]
);

// Which appeal went to which hero in which digest mail: the key stops an appeal reaching anyone twice, and the mail
// lets removing the appeal withdraw it. A mail deleted later (removal, retention) leaves the appeal counted as sent.
export const appealDeliveries = pgTable(
	'appeal_deliveries',
	{
		appealId: text('appeal_id')
			.notNull()
			.references(() => appeals.id, { onDelete: 'cascade' }),
		subscriberId: text('subscriber_id')
			.notNull()
			.references(() => heroSubscribers.id, { onDelete: 'cascade' }),
		outboxId: text('outbox_id').references(() => outbox.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.appealId, t.subscriberId] }), index('appeal_deliveries_outbox_idx').on(t.outboxId)]
);

export const sightings = pgTable(
	'sightings',
	{
		id: text('id').primaryKey(),
		// Removing an appeal (the person is found) removes what was reported about them.
		appealId: text('appeal_id')
			.notNull()
			.references(() => appeals.id, { onDelete: 'cascade' }),
		seenWhen: text('seen_when').notNull(),
		seenWhere: text('seen_where').notNull(),
		whatSeen: text('what_seen').notNull(),
		contactName: text('contact_name').notNull().default(''),
		contactDetails: text('contact_details').notNull().default(''),
		status: text('status', { enum: SIGHTING_STATUSES }).notNull().default('new'),
		handledAt: timestamp('handled_at', { withTimezone: true }),
		handledBy: text('handled_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		index('sightings_status_idx').on(t.status, t.createdAt),
		index('sightings_appeal_idx').on(t.appealId),
		check('sightings_status_check', sql`${t.status} in (${inList(SIGHTING_STATUSES)})`),
		check('sightings_handled_check', sql`${t.status} <> 'handled' or ${t.handledAt} is not null`)
	]
);

export type HeroSubscriber = typeof heroSubscribers.$inferSelect;
export type Appeal = typeof appeals.$inferSelect;
export type Sighting = typeof sightings.$inferSelect;
