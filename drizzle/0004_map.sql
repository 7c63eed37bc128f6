CREATE TABLE "map_actor_positions" (
	"area_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"x" real NOT NULL,
	"y" real NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_actor_positions_area_id_actor_id_pk" PRIMARY KEY("area_id","actor_id"),
	CONSTRAINT "map_actor_positions_range_check" CHECK ("map_actor_positions"."x" between 0 and 10000 and "map_actor_positions"."y" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "map_actors" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "map_actors_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "map_actors_sector_check" CHECK ("map_actors"."sector" in ('police', 'childrens_services', 'adult_services', 'health', 'mental_health', 'education', 'housing', 'care_provider', 'multi_agency', 'voluntary', 'family_community', 'person', 'other')),
	CONSTRAINT "map_actors_kind_check" CHECK ("map_actors"."kind" in ('organisation', 'team', 'role')),
	CONSTRAINT "map_actors_audience_check" CHECK ("map_actors"."audience" in ('children', 'adults', 'both')),
	CONSTRAINT "map_actors_name_check" CHECK (length(trim("map_actors"."name")) between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "map_handoffs" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"from_actor_id" text NOT NULL,
	"to_actor_id" text NOT NULL,
	"label" text NOT NULL,
	"stage" text NOT NULL,
	"passes" text NOT NULL,
	"trigger" text DEFAULT '' NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"rating" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"is_gap" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "map_handoffs_not_self_check" CHECK ("map_handoffs"."from_actor_id" <> "map_handoffs"."to_actor_id"),
	CONSTRAINT "map_handoffs_stage_check" CHECK ("map_handoffs"."stage" in ('before', 'during', 'return', 'after', 'repeat')),
	CONSTRAINT "map_handoffs_passes_check" CHECK ("map_handoffs"."passes" in ('information', 'referral', 'person', 'form')),
	CONSTRAINT "map_handoffs_audience_check" CHECK ("map_handoffs"."audience" in ('children', 'adults', 'both')),
	CONSTRAINT "map_handoffs_rating_check" CHECK ("map_handoffs"."rating" in ('working', 'patchy', 'broken', 'absent')),
	CONSTRAINT "map_handoffs_label_check" CHECK (length(trim("map_handoffs"."label")) between 1 and 160)
);
--> statement-breakpoint
CREATE TABLE "map_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_snapshots_name_check" CHECK (length(trim("map_snapshots"."name")) between 1 and 80)
);
--> statement-breakpoint
ALTER TABLE "map_actor_positions" ADD CONSTRAINT "map_actor_positions_actor_fk" FOREIGN KEY ("area_id","actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_actors" ADD CONSTRAINT "map_actors_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_handoffs" ADD CONSTRAINT "map_handoffs_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_handoffs" ADD CONSTRAINT "map_handoffs_from_actor_fk" FOREIGN KEY ("area_id","from_actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_handoffs" ADD CONSTRAINT "map_handoffs_to_actor_fk" FOREIGN KEY ("area_id","to_actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_snapshots" ADD CONSTRAINT "map_snapshots_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_snapshots" ADD CONSTRAINT "map_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "map_actors_area_name_unique" ON "map_actors" USING btree ("area_id",lower("name"));--> statement-breakpoint
CREATE INDEX "map_handoffs_area_idx" ON "map_handoffs" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "map_handoffs_from_idx" ON "map_handoffs" USING btree ("area_id","from_actor_id");--> statement-breakpoint
CREATE INDEX "map_handoffs_to_idx" ON "map_handoffs" USING btree ("area_id","to_actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "map_handoffs_natural_unique" ON "map_handoffs" USING btree ("area_id","from_actor_id","to_actor_id",lower("label"));--> statement-breakpoint
CREATE UNIQUE INDEX "map_snapshots_area_name_unique" ON "map_snapshots" USING btree ("area_id",lower("name"));