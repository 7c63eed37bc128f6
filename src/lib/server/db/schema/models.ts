// Mental models of an area, the survey statements that measure them, their links to the map, and workshop survey
// rounds with their anonymous responses. Composite foreign keys (area_id, x_id) keep every link, statement, round and
// answer inside one area in the database itself.
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { PROGRAMME_MODEL_KEYS } from '../../../domain/programme';
import { PARTICIPANT_SECTORS, ROUND_STATUSES } from '../../../domain/surveys';
import { areas, users } from './core';
import { mapActors, mapHandoffs } from './map';
import { inList } from './columns';

export const mentalModels = pgTable(
	'mental_models',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** Which of the programme's three models this is; null for the area's own. */
		programmeKey: text('programme_key', { enum: PROGRAMME_MODEL_KEYS }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		unique('mental_models_area_id_unique').on(t.areaId, t.id),
		uniqueIndex('mental_models_area_title_unique').on(t.areaId, sql`lower(${t.title})`),
		// Each programme model once per area.
		uniqueIndex('mental_models_area_programme_unique').on(t.areaId, t.programmeKey),
		check('mental_models_title_check', sql`length(trim(${t.title})) between 1 and 160`),
		check('mental_models_programme_check', sql`${t.programmeKey} is null or ${t.programmeKey} in (${inList(PROGRAMME_MODEL_KEYS)})`)
	]
);

export const modelStatements = pgTable(
	'model_statements',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		modelId: text('model_id').notNull(),
		text: text('text').notNull(),
		position: integer('position').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('model_statements_area_id_unique').on(t.areaId, t.id),
		foreignKey({ name: 'model_statements_model_fk', columns: [t.areaId, t.modelId], foreignColumns: [mentalModels.areaId, mentalModels.id] }).onDelete('cascade'),
		index('model_statements_model_idx').on(t.modelId, t.position),
		check('model_statements_text_check', sql`length(trim(${t.text})) between 1 and 300`)
	]
);

/** The actors that hold a model. */
export const modelActorLinks = pgTable(
	'model_actor_links',
	{
		areaId: text('area_id').notNull(),
		modelId: text('model_id').notNull(),
		actorId: text('actor_id').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.modelId, t.actorId] }),
		foreignKey({ name: 'model_actor_links_model_fk', columns: [t.areaId, t.modelId], foreignColumns: [mentalModels.areaId, mentalModels.id] }).onDelete('cascade'),
		foreignKey({ name: 'model_actor_links_actor_fk', columns: [t.areaId, t.actorId], foreignColumns: [mapActors.areaId, mapActors.id] }).onDelete('cascade'),
		index('model_actor_links_actor_idx').on(t.areaId, t.actorId)
	]
);

/** The handoffs a model shapes. */
export const modelHandoffLinks = pgTable(
	'model_handoff_links',
	{
		areaId: text('area_id').notNull(),
		modelId: text('model_id').notNull(),
		handoffId: text('handoff_id').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.modelId, t.handoffId] }),
		foreignKey({ name: 'model_handoff_links_model_fk', columns: [t.areaId, t.modelId], foreignColumns: [mentalModels.areaId, mentalModels.id] }).onDelete('cascade'),
		foreignKey({ name: 'model_handoff_links_handoff_fk', columns: [t.areaId, t.handoffId], foreignColumns: [mapHandoffs.areaId, mapHandoffs.id] }).onDelete('cascade'),
		index('model_handoff_links_handoff_idx').on(t.areaId, t.handoffId)
	]
);

/** A survey round of a workshop series ("Baseline", "Follow-up 1"): open while participants answer, then closed. */
export const surveyRounds = pgTable(
	'survey_rounds',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		/** The short code of the public link /s/<code>. */
		code: text('code').notNull().unique(),
		status: text('status', { enum: ROUND_STATUSES }).notNull().default('open'),
		openedBy: text('opened_by').references(() => users.id, { onDelete: 'set null' }),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		unique('survey_rounds_area_id_unique').on(t.areaId, t.id),
		uniqueIndex('survey_rounds_area_label_unique').on(t.areaId, sql`lower(${t.label})`),
		index('survey_rounds_area_idx').on(t.areaId, t.openedAt),
		check('survey_rounds_status_check', sql`${t.status} in (${inList(ROUND_STATUSES)})`),
		check('survey_rounds_label_check', sql`length(trim(${t.label})) between 1 and 80`),
		check('survey_rounds_closed_check', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`)
	]
);

/** The statements a round asks, with the wording participants saw (a later edit of the statement changes no result). */
export const surveyRoundStatements = pgTable(
	'survey_round_statements',
	{
		areaId: text('area_id').notNull(),
		roundId: text('round_id').notNull(),
		statementId: text('statement_id').notNull(),
		text: text('text').notNull(),
		position: integer('position').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.roundId, t.statementId] }),
		foreignKey({ name: 'survey_round_statements_round_fk', columns: [t.areaId, t.roundId], foreignColumns: [surveyRounds.areaId, surveyRounds.id] }).onDelete('cascade'),
		// A statement asked in a round stays (checked at the end of the statement, so deleting a whole area still works).
		foreignKey({ name: 'survey_round_statements_statement_fk', columns: [t.areaId, t.statementId], foreignColumns: [modelStatements.areaId, modelStatements.id] }).onDelete('no action'),
		index('survey_round_statements_statement_idx').on(t.areaId, t.statementId)
	]
);

/** One participant's anonymous response to a round: no account, only a hash of the token in their browser's cookie. */
export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		roundId: text('round_id').notNull(),
		/** SHA-256 of the participant's cookie token: one response per browser per round. */
		participantHash: text('participant_hash').notNull(),
		sector: text('sector', { enum: PARTICIPANT_SECTORS as [string, ...string[]] }),
		comment: text('comment').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('survey_responses_round_id_unique').on(t.roundId, t.id),
		uniqueIndex('survey_responses_participant_unique').on(t.roundId, t.participantHash),
		foreignKey({ name: 'survey_responses_round_fk', columns: [t.areaId, t.roundId], foreignColumns: [surveyRounds.areaId, surveyRounds.id] }).onDelete('cascade'),
		check('survey_responses_sector_check', sql`${t.sector} is null or ${t.sector} in (${inList(PARTICIPANT_SECTORS)})`),
		check('survey_responses_comment_check', sql`length(${t.comment}) <= 2000`)
	]
);

export const surveyAnswers = pgTable(
	'survey_answers',
	{
		responseId: text('response_id').notNull(),
		roundId: text('round_id').notNull(),
		statementId: text('statement_id').notNull(),
		score: smallint('score').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.statementId] }),
		foreignKey({ name: 'survey_answers_response_fk', columns: [t.roundId, t.responseId], foreignColumns: [surveyResponses.roundId, surveyResponses.id] }).onDelete('cascade'),
		// Only a statement the round asks can be answered.
		foreignKey({ name: 'survey_answers_statement_fk', columns: [t.roundId, t.statementId], foreignColumns: [surveyRoundStatements.roundId, surveyRoundStatements.statementId] }).onDelete('cascade'),
		index('survey_answers_round_idx').on(t.roundId, t.statementId),
		check('survey_answers_score_check', sql`${t.score} between 1 and 5`)
	]
);

export type MentalModel = typeof mentalModels.$inferSelect;
export type ModelStatement = typeof modelStatements.$inferSelect;
export type SurveyRound = typeof surveyRounds.$inferSelect;
export type SurveyResponse = typeof surveyResponses.$inferSelect;
