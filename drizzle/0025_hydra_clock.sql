CREATE TABLE "hydra_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"syndicate_id" text,
	"text" text NOT NULL,
	"sent_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hydra_messages_text_check" CHECK (length(trim("hydra_messages"."text")) between 1 and 280)
);
--> statement-breakpoint
CREATE TABLE "hydra_screens" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"syndicate_id" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD COLUMN "clock_elapsed_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD COLUMN "clock_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD COLUMN "clock_auto" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD COLUMN "held_inject_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_injects" ADD COLUMN "release_offset" integer;--> statement-breakpoint
ALTER TABLE "hydra_messages" ADD CONSTRAINT "hydra_messages_exercise_id_hydra_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."hydra_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_messages" ADD CONSTRAINT "hydra_messages_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_messages" ADD CONSTRAINT "hydra_messages_syndicate_fk" FOREIGN KEY ("exercise_id","syndicate_id") REFERENCES "public"."hydra_syndicates"("exercise_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_screens" ADD CONSTRAINT "hydra_screens_syndicate_fk" FOREIGN KEY ("exercise_id","syndicate_id") REFERENCES "public"."hydra_syndicates"("exercise_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hydra_messages_exercise_idx" ON "hydra_messages" USING btree ("exercise_id","created_at");--> statement-breakpoint
CREATE INDEX "hydra_screens_exercise_idx" ON "hydra_screens" USING btree ("exercise_id","seen_at");--> statement-breakpoint
-- An exercise already running when this arrives: its room clock counts from its start.
UPDATE "hydra_exercises" SET "clock_since" = coalesce("started_at", now()) WHERE "status" = 'running';--> statement-breakpoint
ALTER TABLE "hydra_exercises" ADD CONSTRAINT "hydra_exercises_clock_check" CHECK (("hydra_exercises"."status" = 'running') = ("hydra_exercises"."clock_since" is not null));--> statement-breakpoint
ALTER TABLE "hydra_injects" ADD CONSTRAINT "hydra_injects_release_offset_check" CHECK ("hydra_injects"."release_offset" is null or "hydra_injects"."release_offset" between 0 and 28800);