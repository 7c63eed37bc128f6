// Hydra training: the scenario library with its injects and anonymisation sign-off, scheduled events and the public's
// requests for them, and live exercises: syndicates that join by code, released injects, decision logs, observers'
// notes, the anonymous debrief board and learning points. Composite foreign keys (exercise_id, x_id) keep every
// release, decision and post inside one exercise in the database itself.
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { PROGRAMME_MODEL_KEYS } from '../../../domain/programme';
import {
	AGE_BANDS,
	BOARD_POST_STATUSES,
	EXERCISE_STATUSES,
	HYDRA_REQUEST_KINDS,
	HYDRA_REQUEST_STATUSES,
	HYDRA_SECTORS,
	type HydraSector
} from '../../../domain/hydra';
import { MAX_OFFSET_SECONDS } from '../../../domain/hydra/clock';
import { MESSAGE_MAX } from '../../../domain/hydra/messages';
import { areas, users } from './core';
import { actions } from './actions';
import { createdAt, inList } from './columns';

export const hydraScenarios = pgTable(
	'hydra_scenarios',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		/** One objective per line. */
		learningObjectives: text('learning_objectives').notNull().default(''),
		/** The programme's mental models the scenario works on. */
		targetModels: text('target_models', { enum: PROGRAMME_MODEL_KEYS }).array().notNull().default(sql`'{}'::text[]`),
		ageBand: text('age_band', { enum: AGE_BANDS }).notNull(),
		circumstances: text('circumstances').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		/** The second consultant who signed it off as anonymised; any later edit clears the sign-off. */
		signedOffBy: text('signed_off_by').references(() => users.id, { onDelete: 'set null' }),
		signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		check('hydra_scenarios_title_check', sql`length(trim(${t.title})) between 1 and 160`),
		check('hydra_scenarios_age_band_check', sql`${t.ageBand} in (${inList(AGE_BANDS)})`),
		check('hydra_scenarios_models_check', sql`${t.targetModels} <@ array[${inList(PROGRAMME_MODEL_KEYS)}]::text[]`),
		check('hydra_scenarios_sign_off_check', sql`(${t.signedOffBy} is null) = (${t.signedOffAt} is null)`)
	]
);

export const hydraInjects = pgTable(
	'hydra_injects',
	{
		id: text('id').primaryKey(),
		scenarioId: text('scenario_id')
			.notNull()
			.references(() => hydraScenarios.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		/** Scenario time, not real time: "Day 1, 22:40". */
		scenarioTime: text('scenario_time').notNull(),
		title: text('title').notNull(),
		content: text('content').notNull(),
		/** The sectors whose syndicates see it; empty means every syndicate. */
		audience: text('audience').$type<HydraSector>().array().notNull().default(sql`'{}'::text[]`),
		facilitatorNotes: text('facilitator_notes').notNull().default(''),
		/** Prompts for decisions, one per line. */
		prompts: text('prompts').notNull().default(''),
		/** What good looks like: shown beside the syndicates' decisions in the debrief; part of what is signed off. */
		expectedResponse: text('expected_response').notNull().default(''),
		/** Seconds after the start at which "run on the clock" releases it; null: released by hand only. */
		releaseOffset: integer('release_offset'),
		createdAt: createdAt()
	},
	(t) => [
		index('hydra_injects_scenario_idx').on(t.scenarioId, t.position),
		check('hydra_injects_release_offset_check', sql`${t.releaseOffset} is null or ${t.releaseOffset} between 0 and ${sql.raw(String(MAX_OFFSET_SECONDS))}`),
		check('hydra_injects_title_check', sql`length(trim(${t.title})) between 1 and 160`),
		check('hydra_injects_audience_check', sql`${t.audience} <@ array[${inList(HYDRA_SECTORS)}]::text[]`)
	]
);

export const hydraEvents = pgTable(
	'hydra_events',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		place: text('place').notNull(),
		capacity: integer('capacity').notNull(),
		/** Set when the session is run for one area's partners. */
		areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
		/** Shown on the public page; a private session (for one area's partners) is not. */
		listed: boolean('listed').notNull().default(true),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		index('hydra_events_starts_idx').on(t.startsAt),
		check('hydra_events_title_check', sql`length(trim(${t.title})) between 1 and 160`),
		check('hydra_events_capacity_check', sql`${t.capacity} between 1 and 500`),
		check('hydra_events_time_check', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

/** Personal data from the public page: kept to the minimum, under retention, found by subject access. */
export const hydraRequests = pgTable(
	'hydra_requests',
	{
		id: text('id').primaryKey(),
		kind: text('kind', { enum: HYDRA_REQUEST_KINDS }).notNull(),
		/** The session a place is asked for; null for a session in the requester's area. */
		eventId: text('event_id').references(() => hydraEvents.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		organisation: text('organisation').notNull(),
		organisationType: text('organisation_type').$type<HydraSector>().notNull(),
		email: text('email').notNull(),
		message: text('message').notNull().default(''),
		status: text('status', { enum: HYDRA_REQUEST_STATUSES }).notNull().default('new'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		index('hydra_requests_status_idx').on(t.status, t.createdAt),
		index('hydra_requests_email_idx').on(sql`lower(${t.email})`),
		check('hydra_requests_kind_check', sql`${t.kind} in (${inList(HYDRA_REQUEST_KINDS)})`),
		check('hydra_requests_type_check', sql`${t.organisationType} in (${inList(HYDRA_SECTORS)})`),
		check('hydra_requests_status_check', sql`${t.status} in (${inList(HYDRA_REQUEST_STATUSES)})`)
	]
);

export const hydraExercises = pgTable(
	'hydra_exercises',
	{
		id: text('id').primaryKey(),
		scenarioId: text('scenario_id')
			.notNull()
			.references(() => hydraScenarios.id, { onDelete: 'restrict' }),
		eventId: text('event_id').references(() => hydraEvents.id, { onDelete: 'set null' }),
		/** The area whose action plan learning points go to; may be chosen at the debrief. */
		areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		/** What syndicates type to join; usable only while the exercise has not ended. */
		joinCode: text('join_code').notNull(),
		status: text('status', { enum: EXERCISE_STATUSES }).notNull().default('ready'),
		/** The question on the anonymous debrief board; empty while the board is closed. */
		boardPrompt: text('board_prompt').notNull().default(''),
		facilitatorId: text('facilitator_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		startedAt: timestamp('started_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		/** The room clock: time run before the current stretch, and when that stretch began (null while stopped). */
		clockElapsedMs: integer('clock_elapsed_ms').notNull().default(0),
		clockSince: timestamp('clock_since', { withTimezone: true }),
		/** "Run on the clock": the server releases injects at their offsets while the exercise runs. */
		clockAuto: boolean('clock_auto').notNull().default(false),
		/** Injects control has held back from the clock (released by hand, or let go again). */
		heldInjectIds: text('held_inject_ids').array().notNull().default(sql`'{}'::text[]`),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		uniqueIndex('hydra_exercises_join_code_unique').on(t.joinCode),
		// The clock moves exactly while the exercise runs.
		check('hydra_exercises_clock_check', sql`(${t.status} = 'running') = (${t.clockSince} is not null)`),
		check('hydra_exercises_status_check', sql`${t.status} in (${inList(EXERCISE_STATUSES)})`),
		check('hydra_exercises_title_check', sql`length(trim(${t.title})) between 1 and 160`)
	]
);

/** A team in a syndicate room, joined by code without an account; its browser holds a token whose hash is here. */
export const hydraSyndicates = pgTable(
	'hydra_syndicates',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id')
			.notNull()
			.references(() => hydraExercises.id, { onDelete: 'cascade' }),
		teamName: text('team_name').notNull(),
		agency: text('agency').$type<HydraSector>().notNull(),
		tokenHash: text('token_hash').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		unique('hydra_syndicates_exercise_id_unique').on(t.exerciseId, t.id),
		uniqueIndex('hydra_syndicates_token_unique').on(t.tokenHash),
		uniqueIndex('hydra_syndicates_team_unique').on(t.exerciseId, sql`lower(${t.teamName})`),
		check('hydra_syndicates_team_check', sql`length(trim(${t.teamName})) between 1 and 80`),
		check('hydra_syndicates_agency_check', sql`${t.agency} in (${inList(HYDRA_SECTORS)})`)
	]
);

/** An inject control has released in an exercise, in the order released (which may differ from the scenario's). */
export const hydraReleases = pgTable(
	'hydra_releases',
	{
		exerciseId: text('exercise_id')
			.notNull()
			.references(() => hydraExercises.id, { onDelete: 'cascade' }),
		// A released inject stays: the exercise's decisions and debrief depend on it.
		injectId: text('inject_id')
			.notNull()
			.references(() => hydraInjects.id, { onDelete: 'restrict' }),
		releasedAt: timestamp('released_at', { withTimezone: true }).notNull().defaultNow(),
		releasedBy: text('released_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ name: 'hydra_releases_pk', columns: [t.exerciseId, t.injectId] }), index('hydra_releases_time_idx').on(t.exerciseId, t.releasedAt)]
);

export const hydraDecisions = pgTable(
	'hydra_decisions',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id').notNull(),
		syndicateId: text('syndicate_id').notNull(),
		/** The released inject the decision answers. */
		injectId: text('inject_id').notNull(),
		decision: text('decision').notNull(),
		rationale: text('rationale').notNull().default(''),
		agency: text('agency').$type<HydraSector>().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({ name: 'hydra_decisions_syndicate_fk', columns: [t.exerciseId, t.syndicateId], foreignColumns: [hydraSyndicates.exerciseId, hydraSyndicates.id] }).onDelete('cascade'),
		// A decision answers an inject released in the same exercise.
		foreignKey({ name: 'hydra_decisions_release_fk', columns: [t.exerciseId, t.injectId], foreignColumns: [hydraReleases.exerciseId, hydraReleases.injectId] }).onDelete('cascade'),
		index('hydra_decisions_exercise_idx').on(t.exerciseId, t.injectId, t.createdAt),
		check('hydra_decisions_decision_check', sql`length(trim(${t.decision})) between 1 and 2000`),
		check('hydra_decisions_agency_check', sql`${t.agency} in (${inList(HYDRA_SECTORS)})`)
	]
);

/** Observers' notes for the facilitator: staff only, never shown to syndicates. */
export const hydraObserverNotes = pgTable(
	'hydra_observer_notes',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id')
			.notNull()
			.references(() => hydraExercises.id, { onDelete: 'cascade' }),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** The syndicate observed, when the note is about one. */
		syndicateId: text('syndicate_id'),
		text: text('text').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({ name: 'hydra_observer_notes_syndicate_fk', columns: [t.exerciseId, t.syndicateId], foreignColumns: [hydraSyndicates.exerciseId, hydraSyndicates.id] }).onDelete('cascade'),
		index('hydra_observer_notes_exercise_idx').on(t.exerciseId, t.createdAt),
		check('hydra_observer_notes_text_check', sql`length(trim(${t.text})) between 1 and 2000`)
	]
);

/** The anonymous debrief board: no syndicate, no person, only the prompt it answered and the words. */
export const hydraBoardPosts = pgTable(
	'hydra_board_posts',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id')
			.notNull()
			.references(() => hydraExercises.id, { onDelete: 'cascade' }),
		prompt: text('prompt').notNull(),
		text: text('text').notNull(),
		/** shown on every screen; held by the identifier check until control looks; hidden by control. */
		status: text('status', { enum: BOARD_POST_STATUSES }).notNull().default('shown'),
		/** What the identifier check found in a held post (its kinds, e.g. "Phone number"), for control only. */
		flagged: text('flagged').notNull().default(''),
		/** Why control hid it: for control and the audit trail, never for the room. */
		hiddenReason: text('hidden_reason').notNull().default(''),
		moderatedBy: text('moderated_by').references(() => users.id, { onDelete: 'set null' }),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		index('hydra_board_posts_exercise_idx').on(t.exerciseId, t.createdAt),
		check('hydra_board_posts_text_check', sql`length(trim(${t.text})) between 1 and 1000`),
		check('hydra_board_posts_status_check', sql`${t.status} in (${inList(BOARD_POST_STATUSES)})`),
		// A hidden post always says why.
		check('hydra_board_posts_hidden_reason_check', sql`${t.status} <> 'hidden' or length(trim(${t.hiddenReason})) between 1 and 300`)
	]
);

/** One open event stream of a syndicate's screen, kept alive by its heartbeat: who is connected, across instances. */
export const hydraScreens = pgTable(
	'hydra_screens',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id').notNull(),
		syndicateId: text('syndicate_id').notNull(),
		seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		foreignKey({ name: 'hydra_screens_syndicate_fk', columns: [t.exerciseId, t.syndicateId], foreignColumns: [hydraSyndicates.exerciseId, hydraSyndicates.id] }).onDelete('cascade'),
		index('hydra_screens_exercise_idx').on(t.exerciseId, t.seenAt)
	]
);

/** Control's short messages to one syndicate or (no syndicate) to all: shown on their screens, kept in the log. */
export const hydraMessages = pgTable(
	'hydra_messages',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id')
			.notNull()
			.references(() => hydraExercises.id, { onDelete: 'cascade' }),
		syndicateId: text('syndicate_id'),
		text: text('text').notNull(),
		sentBy: text('sent_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({ name: 'hydra_messages_syndicate_fk', columns: [t.exerciseId, t.syndicateId], foreignColumns: [hydraSyndicates.exerciseId, hydraSyndicates.id] }).onDelete('cascade'),
		index('hydra_messages_exercise_idx').on(t.exerciseId, t.createdAt),
		check('hydra_messages_text_check', sql`length(trim(${t.text})) between 1 and ${sql.raw(String(MESSAGE_MAX))}`)
	]
);

/** What the debrief learned; one may become an action on an area's plan. */
export const hydraLearningPoints = pgTable(
	'hydra_learning_points',
	{
		id: text('id').primaryKey(),
		exerciseId: text('exercise_id')
			.notNull()
			.references(() => hydraExercises.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		/** The inject it arose from, when it arose from one. */
		injectId: text('inject_id').references(() => hydraInjects.id, { onDelete: 'set null' }),
		actionId: text('action_id').references(() => actions.id, { onDelete: 'set null' }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		index('hydra_learning_points_exercise_idx').on(t.exerciseId, t.createdAt),
		check('hydra_learning_points_text_check', sql`length(trim(${t.text})) between 1 and 1000`)
	]
);

export type HydraScenario = typeof hydraScenarios.$inferSelect;
export type HydraInject = typeof hydraInjects.$inferSelect;
export type HydraEvent = typeof hydraEvents.$inferSelect;
export type HydraRequest = typeof hydraRequests.$inferSelect;
export type HydraExercise = typeof hydraExercises.$inferSelect;
export type HydraSyndicate = typeof hydraSyndicates.$inferSelect;
export type HydraDecision = typeof hydraDecisions.$inferSelect;
