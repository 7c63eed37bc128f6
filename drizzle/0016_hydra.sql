CREATE TABLE "hydra_board_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"prompt" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_board_posts_text_check" CHECK (length(trim("hydra_board_posts"."text")) between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "hydra_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"syndicate_id" text NOT NULL,
	"inject_id" text NOT NULL,
	"decision" text NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"agency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_decisions_decision_check" CHECK (length(trim("hydra_decisions"."decision")) between 1 and 2000),
	CONSTRAINT "hydra_decisions_agency_check" CHECK ("hydra_decisions"."agency" in ('police', 'childrens_services', 'adult_services', 'health', 'mental_health', 'education', 'housing', 'care_provider', 'multi_agency', 'voluntary', 'family_community', 'other'))
);
--> statement-breakpoint
CREATE TABLE "hydra_events" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"area_id" text,
	"listed" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "hydra_events_title_check" CHECK (length(trim("hydra_events"."title")) between 1 and 160),
	CONSTRAINT "hydra_events_capacity_check" CHECK ("hydra_events"."capacity" between 1 and 500),
	CONSTRAINT "hydra_events_time_check" CHECK ("hydra_events"."ends_at" > "hydra_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "hydra_exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"scenario_id" text NOT NULL,
	"event_id" text,
	"area_id" text,
	"title" text NOT NULL,
	"join_code" text NOT NULL,
	"status" text DEFAULT 'ready' NOT NULL,
	"board_prompt" text DEFAULT '' NOT NULL,
	"facilitator_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "hydra_exercises_status_check" CHECK ("hydra_exercises"."status" in ('ready', 'running', 'paused', 'ended')),
	CONSTRAINT "hydra_exercises_title_check" CHECK (length(trim("hydra_exercises"."title")) between 1 and 160)
);
--> statement-breakpoint
CREATE TABLE "hydra_injects" (
	"id" text PRIMARY KEY NOT NULL,
	"scenario_id" text NOT NULL,
	"position" integer NOT NULL,
	"scenario_time" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"audience" text[] DEFAULT '{}'::text[] NOT NULL,
	"facilitator_notes" text DEFAULT '' NOT NULL,
	"prompts" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_injects_title_check" CHECK (length(trim("hydra_injects"."title")) between 1 and 160),
	CONSTRAINT "hydra_injects_audience_check" CHECK ("hydra_injects"."audience" <@ array['police', 'childrens_services', 'adult_services', 'health', 'mental_health', 'education', 'housing', 'care_provider', 'multi_agency', 'voluntary', 'family_community', 'other']::text[])
);
--> statement-breakpoint
CREATE TABLE "hydra_learning_points" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"text" text NOT NULL,
	"inject_id" text,
	"action_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_learning_points_text_check" CHECK (length(trim("hydra_learning_points"."text")) between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "hydra_observer_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"author_id" text,
	"syndicate_id" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_observer_notes_text_check" CHECK (length(trim("hydra_observer_notes"."text")) between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "hydra_releases" (
	"exercise_id" text NOT NULL,
	"inject_id" text NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" text,
	CONSTRAINT "hydra_releases_pk" PRIMARY KEY("exercise_id","inject_id")
);
--> statement-breakpoint
CREATE TABLE "hydra_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"event_id" text,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"organisation_type" text NOT NULL,
	"email" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "hydra_requests_kind_check" CHECK ("hydra_requests"."kind" in ('place', 'area_session')),
	CONSTRAINT "hydra_requests_type_check" CHECK ("hydra_requests"."organisation_type" in ('police', 'childrens_services', 'adult_services', 'health', 'mental_health', 'education', 'housing', 'care_provider', 'multi_agency', 'voluntary', 'family_community', 'other')),
	CONSTRAINT "hydra_requests_status_check" CHECK ("hydra_requests"."status" in ('new', 'offered', 'declined', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "hydra_scenarios" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"learning_objectives" text DEFAULT '' NOT NULL,
	"target_models" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_band" text NOT NULL,
	"circumstances" text DEFAULT '' NOT NULL,
	"created_by" text,
	"updated_by" text,
	"signed_off_by" text,
	"signed_off_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "hydra_scenarios_title_check" CHECK (length(trim("hydra_scenarios"."title")) between 1 and 160),
	CONSTRAINT "hydra_scenarios_age_band_check" CHECK ("hydra_scenarios"."age_band" in ('under_12', '12_15', '16_17', '18_25', '26_64', '65_plus')),
	CONSTRAINT "hydra_scenarios_models_check" CHECK ("hydra_scenarios"."target_models" <@ array['episode', 'police', 'adults']::text[]),
	CONSTRAINT "hydra_scenarios_sign_off_check" CHECK (("hydra_scenarios"."signed_off_by" is null) = ("hydra_scenarios"."signed_off_at" is null))
);
--> statement-breakpoint
CREATE TABLE "hydra_syndicates" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"team_name" text NOT NULL,
	"agency" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_syndicates_exercise_id_unique" UNIQUE("exercise_id","id"),
	CONSTRAINT "hydra_syndicates_team_check" CHECK (length(trim("hydra_syndicates"."team_name")) between 1 and 80),
	CONSTRAINT "hydra_syndicates_agency_check" CHECK ("hydra_syndicates"."agency" in ('police', 'childrens_services', 'adult_services', 'health', 'mental_health', 'education', 'housing', 'care_provider', 'multi_agency', 'voluntary', 'family_community', 'other'))
);
--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD CONSTRAINT "hydra_board_posts_exercise_id_hydra_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."hydra_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_decisions" ADD CONSTRAINT "hydra_decisions_syndicate_fk" FOREIGN KEY ("exercise_id","syndicate_id") REFERENCES "public"."hydra_syndicates"("exercise_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_decisions" ADD CONSTRAINT "hydra_decisions_release_fk" FOREIGN KEY ("exercise_id","inject_id") REFERENCES "public"."hydra_releases"("exercise_id","inject_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_events" ADD CONSTRAINT "hydra_events_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_events" ADD CONSTRAINT "hydra_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD CONSTRAINT "hydra_exercises_scenario_id_hydra_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."hydra_scenarios"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD CONSTRAINT "hydra_exercises_event_id_hydra_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."hydra_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD CONSTRAINT "hydra_exercises_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD CONSTRAINT "hydra_exercises_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_injects" ADD CONSTRAINT "hydra_injects_scenario_id_hydra_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."hydra_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_learning_points" ADD CONSTRAINT "hydra_learning_points_exercise_id_hydra_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."hydra_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_learning_points" ADD CONSTRAINT "hydra_learning_points_inject_id_hydra_injects_id_fk" FOREIGN KEY ("inject_id") REFERENCES "public"."hydra_injects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_learning_points" ADD CONSTRAINT "hydra_learning_points_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_learning_points" ADD CONSTRAINT "hydra_learning_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_observer_notes" ADD CONSTRAINT "hydra_observer_notes_exercise_id_hydra_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."hydra_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_observer_notes" ADD CONSTRAINT "hydra_observer_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_observer_notes" ADD CONSTRAINT "hydra_observer_notes_syndicate_fk" FOREIGN KEY ("exercise_id","syndicate_id") REFERENCES "public"."hydra_syndicates"("exercise_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_releases" ADD CONSTRAINT "hydra_releases_exercise_id_hydra_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."hydra_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_releases" ADD CONSTRAINT "hydra_releases_inject_id_hydra_injects_id_fk" FOREIGN KEY ("inject_id") REFERENCES "public"."hydra_injects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_releases" ADD CONSTRAINT "hydra_releases_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_requests" ADD CONSTRAINT "hydra_requests_event_id_hydra_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."hydra_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_scenarios" ADD CONSTRAINT "hydra_scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_scenarios" ADD CONSTRAINT "hydra_scenarios_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_scenarios" ADD CONSTRAINT "hydra_scenarios_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_syndicates" ADD CONSTRAINT "hydra_syndicates_exercise_id_hydra_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."hydra_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hydra_board_posts_exercise_idx" ON "hydra_board_posts" USING btree ("exercise_id","created_at");--> statement-breakpoint
CREATE INDEX "hydra_decisions_exercise_idx" ON "hydra_decisions" USING btree ("exercise_id","inject_id","created_at");--> statement-breakpoint
CREATE INDEX "hydra_events_starts_idx" ON "hydra_events" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hydra_exercises_join_code_unique" ON "hydra_exercises" USING btree ("join_code");--> statement-breakpoint
CREATE INDEX "hydra_injects_scenario_idx" ON "hydra_injects" USING btree ("scenario_id","position");--> statement-breakpoint
CREATE INDEX "hydra_learning_points_exercise_idx" ON "hydra_learning_points" USING btree ("exercise_id","created_at");--> statement-breakpoint
CREATE INDEX "hydra_observer_notes_exercise_idx" ON "hydra_observer_notes" USING btree ("exercise_id","created_at");--> statement-breakpoint
CREATE INDEX "hydra_releases_time_idx" ON "hydra_releases" USING btree ("exercise_id","released_at");--> statement-breakpoint
CREATE INDEX "hydra_requests_status_idx" ON "hydra_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "hydra_requests_email_idx" ON "hydra_requests" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "hydra_syndicates_token_unique" ON "hydra_syndicates" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "hydra_syndicates_team_unique" ON "hydra_syndicates" USING btree ("exercise_id",lower("team_name"));