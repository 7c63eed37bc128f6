CREATE TABLE "action_links" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"action_id" text NOT NULL,
	"handoff_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_links_one_target_check" CHECK (num_nonnulls("action_links"."handoff_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "action_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"action_id" text NOT NULL,
	"author_id" text,
	"body" text DEFAULT '' NOT NULL,
	"status_from" text,
	"status_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_updates_something_check" CHECK (length(trim("action_updates"."body")) > 0 or "action_updates"."status_to" is not null),
	CONSTRAINT "action_updates_status_check" CHECK (("action_updates"."status_to" is null or "action_updates"."status_to" in ('not_started', 'in_progress', 'blocked', 'done', 'dropped')) and ("action_updates"."status_from" is null or "action_updates"."status_from" in ('not_started', 'in_progress', 'blocked', 'done', 'dropped')))
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_actor_id" text,
	"owner_user_id" text,
	"due_date" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "actions_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "actions_status_check" CHECK ("actions"."status" in ('not_started', 'in_progress', 'blocked', 'done', 'dropped')),
	CONSTRAINT "actions_priority_check" CHECK ("actions"."priority" in ('high', 'medium', 'low')),
	CONSTRAINT "actions_title_check" CHECK (length(trim("actions"."title")) between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "map_handoffs" ADD CONSTRAINT "map_handoffs_area_id_unique" UNIQUE("area_id","id");--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_action_fk" FOREIGN KEY ("area_id","action_id") REFERENCES "public"."actions"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_handoff_fk" FOREIGN KEY ("area_id","handoff_id") REFERENCES "public"."map_handoffs"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_action_fk" FOREIGN KEY ("area_id","action_id") REFERENCES "public"."actions"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_actor_fk" FOREIGN KEY ("area_id","owner_actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE SET NULL ("owner_actor_id") ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_links_handoff_unique" ON "action_links" USING btree ("action_id","handoff_id");--> statement-breakpoint
CREATE INDEX "action_links_handoff_idx" ON "action_links" USING btree ("area_id","handoff_id");--> statement-breakpoint
CREATE INDEX "action_updates_action_idx" ON "action_updates" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "actions_area_idx" ON "actions" USING btree ("area_id","status");--> statement-breakpoint
CREATE INDEX "actions_owner_user_idx" ON "actions" USING btree ("owner_user_id");--> statement-breakpoint