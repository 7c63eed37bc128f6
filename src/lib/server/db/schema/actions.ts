// The shared action plan of an area: actions, their update history (appended, never rewritten) and links to what each
// action addresses. Composite foreign keys (area_id, x_id) keep every owner, update and link inside the action's area
// in the database itself. A link row names exactly one target: a handoff, a theory-of-change step or a mental model.
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { ACTION_STATUSES, PRIORITIES } from '../../../domain/actions';
import { areas, users } from './core';
import { mapActors, mapHandoffs } from './map';
import { tocNodes } from './toc';
import { mentalModels } from './models';
import { inList } from './columns';

export const actions = pgTable(
	'actions',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		ownerActorId: text('owner_actor_id'),
		// An area member when set; the verbs check membership (a removed member keeps their actions until reassigned).
		ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
		dueDate: date('due_date', { mode: 'string' }),
		status: text('status', { enum: ACTION_STATUSES }).notNull().default('not_started'),
		priority: text('priority', { enum: PRIORITIES }).notNull().default('medium'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		unique('actions_area_id_unique').on(t.areaId, t.id),
		// The owner organisation is an actor of the same area; deleting the actor leaves the action unowned.
		foreignKey({
			name: 'actions_owner_actor_fk',
			columns: [t.areaId, t.ownerActorId],
			foreignColumns: [mapActors.areaId, mapActors.id]
		}),
		index('actions_area_idx').on(t.areaId, t.status),
		index('actions_owner_user_idx').on(t.ownerUserId),
		check('actions_status_check', sql`${t.status} in (${inList(ACTION_STATUSES)})`),
		check('actions_priority_check', sql`${t.priority} in (${inList(PRIORITIES)})`),
		check('actions_title_check', sql`length(trim(${t.title})) between 1 and 200`)
	]
);

export const actionUpdates = pgTable(
	'action_updates',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		actionId: text('action_id').notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull().default(''),
		statusFrom: text('status_from', { enum: ACTION_STATUSES }),
		statusTo: text('status_to', { enum: ACTION_STATUSES }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		foreignKey({
			name: 'action_updates_action_fk',
			columns: [t.areaId, t.actionId],
			foreignColumns: [actions.areaId, actions.id]
		}).onDelete('cascade'),
		index('action_updates_action_idx').on(t.actionId, t.createdAt),
		check('action_updates_something_check', sql`length(trim(${t.body})) > 0 or ${t.statusTo} is not null`),
		check('action_updates_status_check', sql`(${t.statusTo} is null or ${t.statusTo} in (${inList(ACTION_STATUSES)})) and (${t.statusFrom} is null or ${t.statusFrom} in (${inList(ACTION_STATUSES)}))`)
	]
);

export const actionLinks = pgTable(
	'action_links',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		actionId: text('action_id').notNull(),
		handoffId: text('handoff_id'),
		tocNodeId: text('toc_node_id'),
		modelId: text('model_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		foreignKey({
			name: 'action_links_action_fk',
			columns: [t.areaId, t.actionId],
			foreignColumns: [actions.areaId, actions.id]
		}).onDelete('cascade'),
		foreignKey({
			name: 'action_links_handoff_fk',
			columns: [t.areaId, t.handoffId],
			foreignColumns: [mapHandoffs.areaId, mapHandoffs.id]
		}).onDelete('cascade'),
		foreignKey({
			name: 'action_links_toc_node_fk',
			columns: [t.areaId, t.tocNodeId],
			foreignColumns: [tocNodes.areaId, tocNodes.id]
		}).onDelete('cascade'),
		uniqueIndex('action_links_handoff_unique').on(t.actionId, t.handoffId),
		index('action_links_handoff_idx').on(t.areaId, t.handoffId),
		foreignKey({
			name: 'action_links_model_fk',
			columns: [t.areaId, t.modelId],
			foreignColumns: [mentalModels.areaId, mentalModels.id]
		}).onDelete('cascade'),
		uniqueIndex('action_links_toc_node_unique').on(t.actionId, t.tocNodeId),
		index('action_links_toc_node_idx').on(t.areaId, t.tocNodeId),
		uniqueIndex('action_links_model_unique').on(t.actionId, t.modelId),
		index('action_links_model_idx').on(t.areaId, t.modelId),
		// Exactly one target per link row.
		check('action_links_one_target_check', sql`num_nonnulls(${t.handoffId}, ${t.tocNodeId}, ${t.modelId}) = 1`)
	]
);

export type Action = typeof actions.$inferSelect;
export type ActionUpdate = typeof actionUpdates.$inferSelect;
export type ActionLink = typeof actionLinks.$inferSelect;
