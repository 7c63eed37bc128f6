// Live workshops: who has an area's page open right now (one row per open event stream, shared by every instance),
// where the facilitator's presentation is, and dot votes.
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { areas, users } from './core';
import { mapHandoffs } from './map';
import { VOTE_SCOPES } from '../../../domain/live';

export const presence = pgTable(
	'presence',
	{
		/** One open stream (a browser tab on a page). */
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The page's path. */
		view: text('view').notNull(),
		seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('presence_area_idx').on(t.areaId, t.seenAt)]
);

// The facilitator's place in "present" mode: which journey stage the room is looking at. One row per area.
export const presentations = pgTable('presentations', {
	areaId: text('area_id')
		.primaryKey()
		.references(() => areas.id, { onDelete: 'cascade' }),
	step: integer('step').notNull().default(0),
	updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

// Dot voting: the facilitator opens a vote on the area's handoffs; each participant spends up to `dots` dots.
export const votes = pgTable(
	'votes',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		/** Which handoffs are on the ballot: every one, or only the broken, absent and gap ones. */
		scope: text('scope', { enum: VOTE_SCOPES }).notNull(),
		dots: integer('dots').notNull(),
		openedBy: text('opened_by').references(() => users.id, { onDelete: 'set null' }),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [
		unique('votes_area_id_unique').on(t.areaId, t.id),
		index('votes_area_idx').on(t.areaId, t.openedAt),
		check('votes_dots_check', sql`${t.dots} between 1 and 10`),
		check('votes_scope_check', sql`${t.scope} in (${sql.raw(VOTE_SCOPES.map((s) => `'${s}'`).join(', '))})`)
	]
);

export const voteDots = pgTable(
	'vote_dots',
	{
		areaId: text('area_id').notNull(),
		voteId: text('vote_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		handoffId: text('handoff_id').notNull(),
		count: integer('count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.voteId, t.userId, t.handoffId] }),
		// The vote and the handoff must both belong to the dot's area.
		foreignKey({ name: 'vote_dots_vote_fk', columns: [t.areaId, t.voteId], foreignColumns: [votes.areaId, votes.id] }).onDelete('cascade'),
		foreignKey({ name: 'vote_dots_handoff_fk', columns: [t.areaId, t.handoffId], foreignColumns: [mapHandoffs.areaId, mapHandoffs.id] }).onDelete('cascade'),
		check('vote_dots_count_check', sql`${t.count} >= 1`)
	]
);
