// Live workshops: who has an area's page open right now (one row per open event stream, shared by every instance),
// where the facilitator's presentation is, and dot votes.
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { areas, users } from './core';
import { roomGuests, rooms } from './rooms';
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

// Dot voting: the facilitator opens a vote on the area's handoffs (or actors, outcomes, mental models, actions); each
// participant spends up to `dots` dots. A vote opened in a workshop room is open to its guests too, keeps its tallies
// hidden until the facilitator reveals them, and may run against a countdown.
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
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** The workshop room the vote runs in, whose guests vote too. */
		roomId: text('room_id'),
		/** Tallies stay hidden from everyone until the facilitator reveals them. */
		hidden: boolean('hidden').notNull().default(false),
		/** The countdown: dots are placed until then. */
		endsAt: timestamp('ends_at', { withTimezone: true })
	},
	(t) => [
		unique('votes_area_id_unique').on(t.areaId, t.id),
		foreignKey({ name: 'votes_room_fk', columns: [t.areaId, t.roomId], foreignColumns: [rooms.areaId, rooms.id] }).onDelete('cascade'),
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
		/** Who placed the dots: the member's user id or the guest's id (exactly one of the two below). */
		voter: text('voter').notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
		guestId: text('guest_id').references(() => roomGuests.id, { onDelete: 'cascade' }),
		/** The handoff, actor, outcome, mental model or action the dots are on (the vote's scope says which). */
		itemId: text('item_id').notNull(),
		count: integer('count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.voteId, t.voter, t.itemId] }),
		// The vote must belong to the dot's area; the item is checked against the vote's ballot when a dot is placed.
		foreignKey({ name: 'vote_dots_vote_fk', columns: [t.areaId, t.voteId], foreignColumns: [votes.areaId, votes.id] }).onDelete('cascade'),
		check('vote_dots_count_check', sql`${t.count} >= 1`),
		check('vote_dots_voter_check', sql`${t.voter} = coalesce(${t.userId}, ${t.guestId}) and (${t.userId} is null) <> (${t.guestId} is null)`)
	]
);
