// Live workshops: who has an area's page open right now (one row per open event stream, shared by every instance),
// where the facilitator's presentation is, and dot votes.
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { areas, users } from './core';
import { mapViews } from './map';
import { roomGuests, rooms } from './rooms';
import { VOTE_SCOPES } from '../../../domain/live';
import { PRESENT_DRAWINGS } from '../../../domain/present';

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

// The facilitator's place in "present" mode, one row per area: the slide the room is looking at (a journey stage of the
// map, a vote's results, a survey round's shift, the theory of change), the saved map view it is drawn from, and the
// timer on the screen. Followers read it; only the facilitator writes it.
export const presentations = pgTable(
	'presentations',
	{
		areaId: text('area_id')
			.primaryKey()
			.references(() => areas.id, { onDelete: 'cascade' }),
		/** The slide's key: `stage:<stage>`, `vote:<id>`, `survey:<id>` or `toc` (see $lib/domain/present). */
		slide: text('slide').notNull().default('stage:before'),
		/** The saved view the map is drawn from (null: the whole map), as a network or a swimlane. */
		viewId: text('view_id').references(() => mapViews.id, { onDelete: 'set null' }),
		drawing: text('drawing', { enum: PRESENT_DRAWINGS }).notNull().default('network'),
		/** The timer: its length, how much of it ran before the current run, and when the current run started. */
		timerSeconds: integer('timer_seconds').notNull().default(600),
		timerUsedMs: integer('timer_used_ms').notNull().default(0),
		timerStartedAt: timestamp('timer_started_at', { withTimezone: true }),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('presentations_timer_seconds', sql`${t.timerSeconds} between 60 and 10800`),
		check('presentations_drawing', sql`${t.drawing} in ('network', 'journey')`),
		check('presentations_timer_used', sql`${t.timerUsedMs} >= 0`)
	]
);

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
