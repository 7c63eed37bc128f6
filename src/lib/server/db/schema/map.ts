// The actor and handoff map: actors, handoffs between them, pinned positions and named snapshots, all per area.
// Composite foreign keys (area_id, actor_id) -> actors(area_id, id) make a cross-area handoff impossible in the
// database itself, not only in the verbs.
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	foreignKey,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	real,
	text,
	timestamp,
	unique,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { AUDIENCES, KINDS, PASSES, RATINGS, SECTORS, STAGES } from '../../../domain/map/enums';
import type { KumuRows } from '../../../domain/map/kumu';
import type { MapData } from '../../../domain/map/types';
import type { Step } from '../../../domain/map/history';
import { areas, users } from './core';
import { inList } from './columns';

const stamps = () => ({
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	version: integer('version').notNull().default(1)
});

export const mapActors = pgTable(
	'map_actors',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		sector: text('sector', { enum: SECTORS }).notNull(),
		kind: text('kind', { enum: KINDS }).notNull(),
		description: text('description').notNull().default(''),
		audience: text('audience', { enum: AUDIENCES }).notNull(),
		...stamps()
	},
	(t) => [
		unique('map_actors_area_id_unique').on(t.areaId, t.id),
		// Names identify actors in imports and in the handoff forms.
		uniqueIndex('map_actors_area_name_unique').on(t.areaId, sql`lower(${t.name})`),
		check('map_actors_sector_check', sql`${t.sector} in (${inList(SECTORS)})`),
		check('map_actors_kind_check', sql`${t.kind} in (${inList(KINDS)})`),
		check('map_actors_audience_check', sql`${t.audience} in (${inList(AUDIENCES)})`),
		check('map_actors_name_check', sql`length(trim(${t.name})) between 1 and 120`)
	]
);

export const mapHandoffs = pgTable(
	'map_handoffs',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		fromActorId: text('from_actor_id').notNull(),
		toActorId: text('to_actor_id').notNull(),
		label: text('label').notNull(),
		stage: text('stage', { enum: STAGES }).notNull(),
		passes: text('passes', { enum: PASSES }).notNull(),
		trigger: text('trigger').notNull().default(''),
		standard: text('standard').notNull().default(''),
		audience: text('audience', { enum: AUDIENCES }).notNull(),
		rating: text('rating', { enum: RATINGS }).notNull(),
		evidence: text('evidence').notNull().default(''),
		notes: text('notes').notNull().default(''),
		isGap: boolean('is_gap').notNull().default(false),
		...stamps()
	},
	(t) => [
		foreignKey({
			name: 'map_handoffs_from_actor_fk',
			columns: [t.areaId, t.fromActorId],
			foreignColumns: [mapActors.areaId, mapActors.id]
		}).onDelete('cascade'),
		foreignKey({
			name: 'map_handoffs_to_actor_fk',
			columns: [t.areaId, t.toActorId],
			foreignColumns: [mapActors.areaId, mapActors.id]
		}).onDelete('cascade'),
		// Lets action links (and later capabilities) point at a handoff of the same area with a composite FK.
		unique('map_handoffs_area_id_unique').on(t.areaId, t.id),
		index('map_handoffs_area_idx').on(t.areaId),
		index('map_handoffs_from_idx').on(t.areaId, t.fromActorId),
		index('map_handoffs_to_idx').on(t.areaId, t.toActorId),
		uniqueIndex('map_handoffs_natural_unique').on(t.areaId, t.fromActorId, t.toActorId, sql`lower(${t.label})`),
		check('map_handoffs_not_self_check', sql`${t.fromActorId} <> ${t.toActorId}`),
		check('map_handoffs_stage_check', sql`${t.stage} in (${inList(STAGES)})`),
		check('map_handoffs_passes_check', sql`${t.passes} in (${inList(PASSES)})`),
		check('map_handoffs_audience_check', sql`${t.audience} in (${inList(AUDIENCES)})`),
		check('map_handoffs_rating_check', sql`${t.rating} in (${inList(RATINGS)})`),
		check('map_handoffs_label_check', sql`length(trim(${t.label})) between 1 and 160`)
	]
);

// Where someone put an actor by dragging it or with the move buttons; absent means the layout decides.
export const mapActorPositions = pgTable(
	'map_actor_positions',
	{
		areaId: text('area_id').notNull(),
		actorId: text('actor_id').notNull(),
		x: real('x').notNull(),
		y: real('y').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.areaId, t.actorId] }),
		foreignKey({
			name: 'map_actor_positions_actor_fk',
			columns: [t.areaId, t.actorId],
			foreignColumns: [mapActors.areaId, mapActors.id]
		}).onDelete('cascade'),
		check('map_actor_positions_range_check', sql`${t.x} between 0 and 10000 and ${t.y} between 0 and 10000`)
	]
);

export const mapSnapshots = pgTable(
	'map_snapshots',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		data: jsonb('data').$type<MapData>().notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('map_snapshots_area_name_unique').on(t.areaId, sql`lower(${t.name})`),
		check('map_snapshots_name_check', sql`length(trim(${t.name})) between 1 and 80`)
	]
);

export type MapActor = typeof mapActors.$inferSelect;
export type MapHandoff = typeof mapHandoffs.$inferSelect;
export type MapSnapshot = typeof mapSnapshots.$inferSelect;

/** The kinds of map page a saved view opens. */
export const MAP_VIEW_PAGES = ['network', 'journey', 'table'] as const;

/**
 * Saved views: a name for a map address (filter, focus, search, model, size, colour) on one of the map's pages. The
 * query is stored as the app writes it (valid parameters only, in a fixed order), so opening it shows the same picture.
 */
export const mapViews = pgTable(
	'map_views',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		page: text('page', { enum: MAP_VIEW_PAGES }).notNull(),
		query: text('query').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('map_views_area_name_unique').on(t.areaId, sql`lower(${t.name})`),
		check('map_views_name_check', sql`length(trim(${t.name})) between 1 and 80`),
		check('map_views_page_check', sql`${t.page} in (${inList(MAP_VIEW_PAGES)})`),
		check('map_views_query_check', sql`length(${t.query}) <= 1000`)
	]
);

/**
 * A Kumu file uploaded and read, waiting for its mapping step: its rows as read, for the person who uploaded it, for an
 * hour. Confirming the import (or the retention job at expiry) deletes it.
 */
export const mapImports = pgTable(
	'map_imports',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		fileName: text('file_name').notNull(),
		rows: jsonb('rows').$type<KumuRows>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('map_imports_area_user_idx').on(t.areaId, t.userId), check('map_imports_file_name_check', sql`length(${t.fileName}) <= 200`)]
);

/**
 * Each person's own map edits in an area, newest last, for Undo and Redo across page loads: what each record was
 * before and after (see $lib/domain/map/history). `undone` marks the edits that Redo can put back.
 */
export const mapHistory = pgTable(
	'map_history',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		label: text('label').notNull(),
		steps: jsonb('steps').$type<Step[]>().notNull(),
		undone: boolean('undone').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('map_history_person_seq_unique').on(t.areaId, t.userId, t.seq)]
);
