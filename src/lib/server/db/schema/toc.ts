// An area's theory of change: steps (nodes) of seven kinds, "leads to" links between them, indicators on the steps
// whose change is measured, their readings over time, and the area's quarterly missing-episode figures.
// Composite foreign keys (area_id, x_id) keep every link, indicator, reading and owner inside the step's area.
// Mental models join steps through their own link table keyed by (area_id, node_id) -> toc_nodes(area_id, id), as
// action_links does for handoffs; the acyclic rule is kept by the verbs (under a lock on the area row).
import { sql } from 'drizzle-orm';
import {
	check,
	date,
	doublePrecision,
	foreignKey,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { DIRECTIONS, FREQUENCIES, TOC_KINDS } from '../../../domain/toc';
import { areas, users } from './core';
import { mapActors } from './map';
import { inList } from './columns';

const stamps = () => ({
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	version: integer('version').notNull().default(1)
});

export const tocNodes = pgTable(
	'toc_nodes',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: TOC_KINDS }).notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		ownerActorId: text('owner_actor_id'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		...stamps()
	},
	(t) => [
		unique('toc_nodes_area_id_unique').on(t.areaId, t.id),
		// The owner organisation is an actor of the same area; deleting the actor leaves the step unowned (the migration
		// says ON DELETE SET NULL (owner_actor_id), which Drizzle cannot express, as actions_owner_actor_fk does).
		foreignKey({
			name: 'toc_nodes_owner_actor_fk',
			columns: [t.areaId, t.ownerActorId],
			foreignColumns: [mapActors.areaId, mapActors.id]
		}),
		index('toc_nodes_area_idx').on(t.areaId, t.kind),
		check('toc_nodes_kind_check', sql`${t.kind} in (${inList(TOC_KINDS)})`),
		check('toc_nodes_title_check', sql`length(trim(${t.title})) between 1 and 200`)
	]
);

export const tocLinks = pgTable(
	'toc_links',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		fromNodeId: text('from_node_id').notNull(),
		toNodeId: text('to_node_id').notNull(),
		rationale: text('rationale').notNull().default(''),
		assumptions: text('assumptions').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		...stamps()
	},
	(t) => [
		foreignKey({
			name: 'toc_links_from_fk',
			columns: [t.areaId, t.fromNodeId],
			foreignColumns: [tocNodes.areaId, tocNodes.id]
		}).onDelete('cascade'),
		foreignKey({
			name: 'toc_links_to_fk',
			columns: [t.areaId, t.toNodeId],
			foreignColumns: [tocNodes.areaId, tocNodes.id]
		}).onDelete('cascade'),
		uniqueIndex('toc_links_pair_unique').on(t.areaId, t.fromNodeId, t.toNodeId),
		index('toc_links_to_idx').on(t.areaId, t.toNodeId),
		check('toc_links_not_self_check', sql`${t.fromNodeId} <> ${t.toNodeId}`)
	]
);

export const tocIndicators = pgTable(
	'toc_indicators',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		nodeId: text('node_id').notNull(),
		name: text('name').notNull(),
		unit: text('unit').notNull(),
		direction: text('direction', { enum: DIRECTIONS }).notNull(),
		baselineValue: doublePrecision('baseline_value').notNull(),
		baselineDate: date('baseline_date', { mode: 'string' }).notNull(),
		targetValue: doublePrecision('target_value').notNull(),
		targetDate: date('target_date', { mode: 'string' }).notNull(),
		dataSource: text('data_source').notNull().default(''),
		ownerActorId: text('owner_actor_id'),
		frequency: text('frequency', { enum: FREQUENCIES }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		...stamps()
	},
	(t) => [
		unique('toc_indicators_area_id_unique').on(t.areaId, t.id),
		foreignKey({
			name: 'toc_indicators_node_fk',
			columns: [t.areaId, t.nodeId],
			foreignColumns: [tocNodes.areaId, tocNodes.id]
		}).onDelete('cascade'),
		foreignKey({
			name: 'toc_indicators_owner_actor_fk',
			columns: [t.areaId, t.ownerActorId],
			foreignColumns: [mapActors.areaId, mapActors.id]
		}),
		index('toc_indicators_node_idx').on(t.areaId, t.nodeId),
		check('toc_indicators_direction_check', sql`${t.direction} in (${inList(DIRECTIONS)})`),
		check('toc_indicators_frequency_check', sql`${t.frequency} in (${inList(FREQUENCIES)})`),
		check('toc_indicators_name_check', sql`length(trim(${t.name})) between 1 and 200`),
		// The target lies on the better side of the baseline, and after it.
		check(
			'toc_indicators_target_check',
			sql`((${t.direction} = 'up' and ${t.targetValue} > ${t.baselineValue}) or (${t.direction} = 'down' and ${t.targetValue} < ${t.baselineValue})) and ${t.targetDate} > ${t.baselineDate}`
		)
	]
);

export const tocReadings = pgTable(
	'toc_readings',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		indicatorId: text('indicator_id').notNull(),
		date: date('date', { mode: 'string' }).notNull(),
		value: doublePrecision('value').notNull(),
		note: text('note').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		foreignKey({
			name: 'toc_readings_indicator_fk',
			columns: [t.areaId, t.indicatorId],
			foreignColumns: [tocIndicators.areaId, tocIndicators.id]
		}).onDelete('cascade'),
		// One reading per indicator and date: a correction replaces it rather than sitting beside it.
		uniqueIndex('toc_readings_date_unique').on(t.indicatorId, t.date)
	]
);

/** An area's figures for one quarter ("2026-Q1"), as its police and council report them. */
export const missingFigures = pgTable(
	'missing_figures',
	{
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		quarter: text('quarter').notNull(),
		missingReports: integer('missing_reports').notNull(),
		peopleReported: integer('people_reported').notNull(),
		/** Shares of reports that were repeat episodes, 0 to 100. */
		repeatShareAdults: doublePrecision('repeat_share_adults').notNull(),
		repeatShareChildren: doublePrecision('repeat_share_children').notNull(),
		returnInterviewsOffered: integer('return_interviews_offered').notNull(),
		returnInterviewsWithin72h: integer('return_interviews_within_72h').notNull(),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		...stamps()
	},
	(t) => [
		primaryKey({ name: 'missing_figures_pk', columns: [t.areaId, t.quarter] }),
		check('missing_figures_quarter_check', sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
		check(
			'missing_figures_counts_check',
			sql`${t.missingReports} >= 0 and ${t.peopleReported} >= 0 and ${t.peopleReported} <= ${t.missingReports} and ${t.returnInterviewsOffered} >= 0 and ${t.returnInterviewsWithin72h} between 0 and ${t.returnInterviewsOffered}`
		),
		check(
			'missing_figures_shares_check',
			sql`${t.repeatShareAdults} between 0 and 100 and ${t.repeatShareChildren} between 0 and 100`
		)
	]
);

export type TocNode = typeof tocNodes.$inferSelect;
export type TocLink = typeof tocLinks.$inferSelect;
export type TocIndicator = typeof tocIndicators.$inferSelect;
export type TocReading = typeof tocReadings.$inferSelect;
export type MissingFigures = typeof missingFigures.$inferSelect;
