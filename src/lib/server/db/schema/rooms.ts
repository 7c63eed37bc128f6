// Workshop rooms: an area's workshop joined by code, its guests (no account: a browser token whose hash is here), the
// sticky notes left in it and the map additions proposed in it. Everything carries its area, so a room's record stays
// with the area after the room closes.
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { areas, users } from './core';
import { createdAt, inList } from './columns';
import { NOTE_KINDS, NOTE_STATUSES, NOTE_TARGETS, PROPOSAL_KINDS, PROPOSAL_STATUSES, ROOM_LIMITS } from '../../../domain/rooms';
import type { Passes, Rating, Sector, Stage } from '../../../domain/map/enums';

export const rooms = pgTable(
	'rooms',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** What guests type to join; a room's code opens that room and no other. */
		code: text('code').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		/** The room closes at this time at the latest; guests' cookies expire with it. */
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		openedBy: text('opened_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		unique('rooms_area_id_unique').on(t.areaId, t.id),
		uniqueIndex('rooms_code_unique').on(t.code),
		index('rooms_area_idx').on(t.areaId, t.startsAt),
		check('rooms_title_check', sql`length(trim(${t.title})) between 1 and ${sql.raw(String(ROOM_LIMITS.title))}`),
		check('rooms_times_check', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

export const roomGuests = pgTable(
	'room_guests',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		roomId: text('room_id').notNull(),
		displayName: text('display_name').notNull(),
		organisation: text('organisation').notNull(),
		tokenHash: text('token_hash').notNull(),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		removedAt: timestamp('removed_at', { withTimezone: true })
	},
	(t) => [
		foreignKey({ name: 'room_guests_room_fk', columns: [t.areaId, t.roomId], foreignColumns: [rooms.areaId, rooms.id] }).onDelete('cascade'),
		unique('room_guests_room_id_unique').on(t.roomId, t.id),
		uniqueIndex('room_guests_token_unique').on(t.tokenHash),
		index('room_guests_room_idx').on(t.roomId, t.joinedAt),
		check('room_guests_name_check', sql`length(trim(${t.displayName})) between 1 and ${sql.raw(String(ROOM_LIMITS.displayName))}`),
		check('room_guests_organisation_check', sql`length(trim(${t.organisation})) between 1 and ${sql.raw(String(ROOM_LIMITS.organisation))}`)
	]
);

/** Who wrote something in a room: a guest, or a member of the area signed in. Names are kept as they were then. */
const authorship = () => ({
	guestId: text('guest_id'),
	userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
	authorName: text('author_name').notNull(),
	authorOrganisation: text('author_organisation').notNull()
});

export const roomNotes = pgTable(
	'room_notes',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		roomId: text('room_id').notNull(),
		...authorship(),
		kind: text('kind', { enum: NOTE_KINDS }).notNull(),
		targetKind: text('target_kind', { enum: NOTE_TARGETS }).notNull(),
		/** An actor's, handoff's or outcome's id, or a journey stage's key. */
		targetId: text('target_id').notNull(),
		/** What the note was on, by name, as it was then (the record stays readable if the thing is renamed or deleted). */
		targetLabel: text('target_label').notNull(),
		text: text('text').notNull(),
		status: text('status', { enum: NOTE_STATUSES }).notNull(),
		/** What the identifier check found in a held note (its kinds), for the facilitator only. */
		flagged: text('flagged').notNull().default(''),
		moderatedBy: text('moderated_by').references(() => users.id, { onDelete: 'set null' }),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({ name: 'room_notes_room_fk', columns: [t.areaId, t.roomId], foreignColumns: [rooms.areaId, rooms.id] }).onDelete('cascade'),
		foreignKey({ name: 'room_notes_guest_fk', columns: [t.roomId, t.guestId], foreignColumns: [roomGuests.roomId, roomGuests.id] }),
		index('room_notes_room_idx').on(t.roomId, t.createdAt),
		check('room_notes_text_check', sql`length(trim(${t.text})) between 1 and ${sql.raw(String(ROOM_LIMITS.note))}`),
		check('room_notes_kind_check', sql`${t.kind} in (${inList(NOTE_KINDS)})`),
		check('room_notes_target_check', sql`${t.targetKind} in (${inList(NOTE_TARGETS)})`),
		check('room_notes_status_check', sql`${t.status} in (${inList(NOTE_STATUSES)})`)
	]
);

export const roomProposals = pgTable(
	'room_proposals',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		roomId: text('room_id').notNull(),
		...authorship(),
		kind: text('kind', { enum: PROPOSAL_KINDS }).notNull(),
		/** An actor's name, or a handoff's label. */
		name: text('name').notNull(),
		sector: text('sector').$type<Sector>(),
		fromActorId: text('from_actor_id'),
		toActorId: text('to_actor_id'),
		/** A proposed handoff's journey stage, what passes and how well it works today, as the map's short form asks. */
		stage: text('stage').$type<Stage>(),
		passes: text('passes').$type<Passes>(),
		rating: text('rating').$type<Rating>(),
		/** A proposed handoff's short description, which becomes its notes on the map. */
		description: text('description').notNull().default(''),
		status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
		decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		/** The actor or handoff an accepted proposal became. */
		resultId: text('result_id'),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({ name: 'room_proposals_room_fk', columns: [t.areaId, t.roomId], foreignColumns: [rooms.areaId, rooms.id] }).onDelete('cascade'),
		foreignKey({ name: 'room_proposals_guest_fk', columns: [t.roomId, t.guestId], foreignColumns: [roomGuests.roomId, roomGuests.id] }),
		index('room_proposals_room_idx').on(t.roomId, t.createdAt),
		check('room_proposals_kind_check', sql`${t.kind} in (${inList(PROPOSAL_KINDS)})`),
		check('room_proposals_status_check', sql`${t.status} in (${inList(PROPOSAL_STATUSES)})`),
		// An actor has a sector; a handoff has both ends, a stage, what passes and a rating.
		check(
			'room_proposals_shape_check',
			sql`(${t.kind} = 'actor' and ${t.sector} is not null) or (${t.kind} = 'handoff' and ${t.fromActorId} is not null and ${t.toActorId} is not null and ${t.stage} is not null and ${t.passes} is not null and ${t.rating} is not null)`
		),
		check('room_proposals_description_check', sql`length(${t.description}) <= ${sql.raw(String(ROOM_LIMITS.proposalDescription))}`)
	]
);

export type Room = typeof rooms.$inferSelect;
export type RoomGuest = typeof roomGuests.$inferSelect;
export type RoomNote = typeof roomNotes.$inferSelect;
export type RoomProposal = typeof roomProposals.$inferSelect;
