CREATE TABLE "mental_models" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"programme_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mental_models_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "mental_models_title_check" CHECK (length(trim("mental_models"."title")) between 1 and 160),
	CONSTRAINT "mental_models_programme_check" CHECK ("mental_models"."programme_key" is null or "mental_models"."programme_key" in ('episode', 'police', 'adults'))
);
--> statement-breakpoint
CREATE TABLE "model_actor_links" (
	"area_id" text NOT NULL,
	"model_id" text NOT NULL,
	"actor_id" text NOT NULL,
	CONSTRAINT "model_actor_links_model_id_actor_id_pk" PRIMARY KEY("model_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "model_handoff_links" (
	"area_id" text NOT NULL,
	"model_id" text NOT NULL,
	"handoff_id" text NOT NULL,
	CONSTRAINT "model_handoff_links_model_id_handoff_id_pk" PRIMARY KEY("model_id","handoff_id")
);
--> statement-breakpoint
CREATE TABLE "model_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"model_id" text NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_statements_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "model_statements_text_check" CHECK (length(trim("model_statements"."text")) between 1 and 300)
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"response_id" text NOT NULL,
	"round_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"score" smallint NOT NULL,
	CONSTRAINT "survey_answers_response_id_statement_id_pk" PRIMARY KEY("response_id","statement_id"),
	CONSTRAINT "survey_answers_score_check" CHECK ("survey_answers"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"round_id" text NOT NULL,
	"participant_hash" text NOT NULL,
	"sector" text,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_round_id_unique" UNIQUE("round_id","id"),
	CONSTRAINT "survey_responses_sector_check" CHECK ("survey_responses"."sector" is null or "survey_responses"."sector" in ('police', 'childrens_services', 'adult_services', 'health', 'mental_health', 'education', 'housing', 'care_provider', 'multi_agency', 'voluntary', 'family_community', 'other')),
	CONSTRAINT "survey_responses_comment_check" CHECK (length("survey_responses"."comment") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "survey_round_statements" (
	"area_id" text NOT NULL,
	"round_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "survey_round_statements_round_id_statement_id_pk" PRIMARY KEY("round_id","statement_id")
);
--> statement-breakpoint
CREATE TABLE "survey_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"label" text NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "survey_rounds_code_unique" UNIQUE("code"),
	CONSTRAINT "survey_rounds_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "survey_rounds_status_check" CHECK ("survey_rounds"."status" in ('open', 'closed')),
	CONSTRAINT "survey_rounds_label_check" CHECK (length(trim("survey_rounds"."label")) between 1 and 80),
	CONSTRAINT "survey_rounds_closed_check" CHECK (("survey_rounds"."status" = 'closed') = ("survey_rounds"."closed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "mental_models" ADD CONSTRAINT "mental_models_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mental_models" ADD CONSTRAINT "mental_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_actor_links" ADD CONSTRAINT "model_actor_links_model_fk" FOREIGN KEY ("area_id","model_id") REFERENCES "public"."mental_models"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_actor_links" ADD CONSTRAINT "model_actor_links_actor_fk" FOREIGN KEY ("area_id","actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_handoff_links" ADD CONSTRAINT "model_handoff_links_model_fk" FOREIGN KEY ("area_id","model_id") REFERENCES "public"."mental_models"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_handoff_links" ADD CONSTRAINT "model_handoff_links_handoff_fk" FOREIGN KEY ("area_id","handoff_id") REFERENCES "public"."map_handoffs"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_statements" ADD CONSTRAINT "model_statements_model_fk" FOREIGN KEY ("area_id","model_id") REFERENCES "public"."mental_models"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_fk" FOREIGN KEY ("round_id","response_id") REFERENCES "public"."survey_responses"("round_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_statement_fk" FOREIGN KEY ("round_id","statement_id") REFERENCES "public"."survey_round_statements"("round_id","statement_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_round_fk" FOREIGN KEY ("area_id","round_id") REFERENCES "public"."survey_rounds"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_round_statements" ADD CONSTRAINT "survey_round_statements_round_fk" FOREIGN KEY ("area_id","round_id") REFERENCES "public"."survey_rounds"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_round_statements" ADD CONSTRAINT "survey_round_statements_statement_fk" FOREIGN KEY ("area_id","statement_id") REFERENCES "public"."model_statements"("area_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rounds" ADD CONSTRAINT "survey_rounds_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rounds" ADD CONSTRAINT "survey_rounds_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mental_models_area_title_unique" ON "mental_models" USING btree ("area_id",lower("title"));--> statement-breakpoint
CREATE UNIQUE INDEX "mental_models_area_programme_unique" ON "mental_models" USING btree ("area_id","programme_key");--> statement-breakpoint
CREATE INDEX "model_actor_links_actor_idx" ON "model_actor_links" USING btree ("area_id","actor_id");--> statement-breakpoint
CREATE INDEX "model_handoff_links_handoff_idx" ON "model_handoff_links" USING btree ("area_id","handoff_id");--> statement-breakpoint
CREATE INDEX "model_statements_model_idx" ON "model_statements" USING btree ("model_id","position");--> statement-breakpoint
CREATE INDEX "survey_answers_round_idx" ON "survey_answers" USING btree ("round_id","statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_participant_unique" ON "survey_responses" USING btree ("round_id","participant_hash");--> statement-breakpoint
CREATE INDEX "survey_round_statements_statement_idx" ON "survey_round_statements" USING btree ("area_id","statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_rounds_area_label_unique" ON "survey_rounds" USING btree ("area_id",lower("label"));--> statement-breakpoint
CREATE INDEX "survey_rounds_area_idx" ON "survey_rounds" USING btree ("area_id","opened_at");--> statement-breakpoint
-- Areas that existed before this migration start with the programme's three models, as new areas do (wording from src/lib/domain/programme.ts at the time of writing).--> statement-breakpoint
INSERT INTO "mental_models" ("id", "area_id", "title", "description", "programme_key") SELECT replace(gen_random_uuid()::text, '-', ''), "id", 'Episode, not journey', 'Support is offered while someone is missing and just after, but going missing is not seen as part of a longer journey that includes what caused it.', 'episode' FROM "areas";--> statement-breakpoint
INSERT INTO "model_statements" ("id", "area_id", "model_id", "text", "position") SELECT replace(gen_random_uuid()::text, '-', ''), "area_id", "id", 'Once someone is found, our organisation’s part is done.', 0 FROM "mental_models" WHERE "programme_key" = 'episode';--> statement-breakpoint
INSERT INTO "model_statements" ("id", "area_id", "model_id", "text", "position") SELECT replace(gen_random_uuid()::text, '-', ''), "area_id", "id", 'Why someone went missing is a matter for other services, not for the missing response.', 1 FROM "mental_models" WHERE "programme_key" = 'episode';--> statement-breakpoint
INSERT INTO "mental_models" ("id", "area_id", "title", "description", "programme_key") SELECT replace(gen_random_uuid()::text, '-', ''), "id", 'It''s the police''s job', 'Missing is treated as a matter for the local police, with little part for the council, the NHS, schools and the voluntary sector.', 'police' FROM "areas";--> statement-breakpoint
INSERT INTO "model_statements" ("id", "area_id", "model_id", "text", "position") SELECT replace(gen_random_uuid()::text, '-', ''), "area_id", "id", 'Responding to people who go missing is mainly a job for the police.', 0 FROM "mental_models" WHERE "programme_key" = 'police';--> statement-breakpoint
INSERT INTO "model_statements" ("id", "area_id", "model_id", "text", "position") SELECT replace(gen_random_uuid()::text, '-', ''), "area_id", "id", 'My organisation has little to contribute when someone goes missing.', 1 FROM "mental_models" WHERE "programme_key" = 'police';--> statement-breakpoint
INSERT INTO "mental_models" ("id", "area_id", "title", "description", "programme_key") SELECT replace(gen_random_uuid()::text, '-', ''), "id", 'Adults don''t need follow-up', 'Children are offered a conversation when they come back; adults who go missing are rarely offered anything once they are found.', 'adults' FROM "areas";--> statement-breakpoint
INSERT INTO "model_statements" ("id", "area_id", "model_id", "text", "position") SELECT replace(gen_random_uuid()::text, '-', ''), "area_id", "id", 'Adults who come back from being missing do not need follow-up support.', 0 FROM "mental_models" WHERE "programme_key" = 'adults';--> statement-breakpoint
INSERT INTO "model_statements" ("id", "area_id", "model_id", "text", "position") SELECT replace(gen_random_uuid()::text, '-', ''), "area_id", "id", 'A conversation after return matters for children, not for adults.', 1 FROM "mental_models" WHERE "programme_key" = 'adults';
