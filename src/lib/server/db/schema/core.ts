// Core tables: users, sessions, areas and memberships, invitations, resets, rate limits, outbox, audit, job runs.
import { sql } from 'drizzle-orm';
import {
	pgTable,
	text,
	timestamp,
	integer,
	jsonb,
	primaryKey,
	index,
	uniqueIndex,
	check,
	bigserial,
	boolean
} from 'drizzle-orm/pg-core';
import { AREA_ROLES, AREA_STATUSES, GLOBAL_ROLES } from '../../../domain/roles';
import { createdAt, inList } from './columns';

export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		name: text('name').notNull(),
		organisation: text('organisation').notNull().default(''),
		role: text('role', { enum: GLOBAL_ROLES }).notNull(),
		passwordHash: text('password_hash').notNull(),
		// TOTP key, AES-GCM encrypted (see $lib/server/crypto); null when no authenticator is enrolled.
		totpKey: text('totp_key'),
		// The newest authenticator time-step (30 s) accepted for this account: that code and older ones are spent.
		totpLastStep: integer('totp_last_step'),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
		check('users_role_check', sql`${t.role} in (${inList(GLOBAL_ROLES)})`)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		// SHA-256 of the token, hex: the token itself is never stored.
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
		twoFactorVerified: boolean('two_factor_verified').notNull().default(false)
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

// Single-use recovery codes for two-factor sign-in, stored as SHA-256 hashes and shown to the user once.
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [index('recovery_codes_user_idx').on(t.userId)]
);

export const areas = pgTable(
	'areas',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		policeForce: text('police_force').notNull(),
		localAuthorities: text('local_authorities').notNull().default(''),
		status: text('status', { enum: AREA_STATUSES }).notNull().default('prospect'),
		description: text('description').notNull().default(''),
		/** The lead's words on what the plan will change: they open the plan. */
		planSummary: text('plan_summary').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		// The staff member who carries the area along the partner pipeline, and since when it has held its status.
		ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
		statusSince: timestamp('status_since', { withTimezone: true }).notNull().defaultNow(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1),
		/**
		 * Names the state of the area's map (actors, handoffs, positions): a database trigger gives it a new number from
		 * one sequence (never reused) in the transaction of every statement that changes them, whichever code made the
		 * change, so a map read can be reused until it moves (src/lib/server/map/cache.ts). Not the area's `version`,
		 * which guards edits of the area's own fields. Set by migration 0032's trigger only.
		 */
		mapVersion: integer('map_version').notNull().default(0)
	},
	(t) => [check('areas_status_check', sql`${t.status} in (${inList(AREA_STATUSES)})`)]
);

export const memberships = pgTable(
	'memberships',
	{
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: AREA_ROLES }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.areaId, t.userId] }),
		index('memberships_user_idx').on(t.userId),
		check('memberships_role_check', sql`${t.role} in (${inList(AREA_ROLES)})`)
	]
);

export const invitations = pgTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		tokenHash: text('token_hash').notNull().unique(),
		email: text('email').notNull(),
		role: text('role', { enum: GLOBAL_ROLES }).notNull(),
		areaId: text('area_id').references(() => areas.id, { onDelete: 'cascade' }),
		areaRole: text('area_role', { enum: AREA_ROLES }),
		invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('invitations_area_idx').on(t.areaId)]
);

export const passwordResets = pgTable('password_resets', {
	id: text('id').primaryKey(),
	tokenHash: text('token_hash').notNull().unique(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	createdAt: createdAt(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});

// Every counted attempt (failed sign-in, reset request, ...) for database-backed rate limits shared by all instances.
export const rateLimitHits = pgTable(
	'rate_limit_hits',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		bucket: text('bucket').notNull(),
		key: text('key').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('rate_limit_hits_lookup_idx').on(t.bucket, t.key, t.at)]
);

export interface MailAttachment {
	filename: string;
	/** e.g. `text/calendar; method=REQUEST` */
	contentType: string;
	content: string;
}

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;

// Mail is written here inside the transaction that causes it; a worker sends it when SMTP is configured.
export const outbox = pgTable(
	'outbox',
	{
		id: text('id').primaryKey(),
		to: text('to_address').notNull(),
		subject: text('subject').notNull(),
		text: text('body_text').notNull(),
		kind: text('kind').notNull(),
		headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
		// Files sent with the mail (calendar invites): small text parts kept whole so a retry sends the same thing.
		attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
		status: text('status', { enum: MAIL_STATUSES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		lastError: text('last_error'),
		createdAt: createdAt(),
		sentAt: timestamp('sent_at', { withTimezone: true })
	},
	(t) => [
		index('outbox_due_idx').on(t.status, t.nextAttemptAt),
		check('outbox_status_check', sql`${t.status} in (${inList(MAIL_STATUSES)})`)
	]
);

export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		action: text('action').notNull(),
		before: jsonb('before'),
		after: jsonb('after')
	},
	(t) => [
		index('audit_area_idx').on(t.areaId, t.at),
		index('audit_entity_idx').on(t.entity, t.entityId)
	]
);

// Scheduled jobs that must run once per period however many instances tick: the first to insert its row does the work.
export const jobRuns = pgTable(
	'job_runs',
	{
		job: text('job').notNull(),
		period: text('period').notNull(),
		ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
		outcome: jsonb('outcome')
	},
	(t) => [primaryKey({ columns: [t.job, t.period] })]
);

export type User = typeof users.$inferSelect;
export type Area = typeof areas.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
