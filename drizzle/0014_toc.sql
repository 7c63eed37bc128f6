CREATE TABLE "missing_figures" (
	"area_id" text NOT NULL,
	"quarter" text NOT NULL,
	"missing_reports" integer NOT NULL,
	"people_reported" integer NOT NULL,
	"repeat_share_adults" double precision NOT NULL,
	"repeat_share_children" double precision NOT NULL,
	"return_interviews_offered" integer NOT NULL,
	"return_interviews_within_72h" integer NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "missing_figures_pk" PRIMARY KEY("area_id","quarter"),
	CONSTRAINT "missing_figures_quarter_check" CHECK ("missing_figures"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "missing_figures_counts_check" CHECK ("missing_figures"."missing_reports" >= 0 and "missing_figures"."people_reported" >= 0 and "missing_figures"."people_reported" <= "missing_figures"."missing_reports" and "missing_figures"."return_interviews_offered" >= 0 and "missing_figures"."return_interviews_within_72h" between 0 and "missing_figures"."return_interviews_offered"),
	CONSTRAINT "missing_figures_shares_check" CHECK ("missing_figures"."repeat_share_adults" between 0 and 100 and "missing_figures"."repeat_share_children" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "toc_indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"node_id" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"baseline_value" double precision NOT NULL,
	"baseline_date" date NOT NULL,
	"target_value" double precision NOT NULL,
	"target_date" date NOT NULL,
	"data_source" text DEFAULT '' NOT NULL,
	"owner_actor_id" text,
	"frequency" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "toc_indicators_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "toc_indicators_direction_check" CHECK ("toc_indicators"."direction" in ('up', 'down')),
	CONSTRAINT "toc_indicators_frequency_check" CHECK ("toc_indicators"."frequency" in ('monthly', 'quarterly', 'six_monthly', 'yearly')),
	CONSTRAINT "toc_indicators_name_check" CHECK (length(trim("toc_indicators"."name")) between 1 and 200),
	CONSTRAINT "toc_indicators_target_check" CHECK ((("toc_indicators"."direction" = 'up' and "toc_indicators"."target_value" > "toc_indicators"."baseline_value") or ("toc_indicators"."direction" = 'down' and "toc_indicators"."target_value" < "toc_indicators"."baseline_value")) and "toc_indicators"."target_date" > "toc_indicators"."baseline_date")
);
--> statement-breakpoint
CREATE TABLE "toc_links" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"from_node_id" text NOT NULL,
	"to_node_id" text NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"assumptions" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "toc_links_not_self_check" CHECK ("toc_links"."from_node_id" <> "toc_links"."to_node_id")
);
--> statement-breakpoint
CREATE TABLE "toc_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_actor_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "toc_nodes_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "toc_nodes_kind_check" CHECK ("toc_nodes"."kind" in ('impact', 'long_term_outcome', 'intermediate_outcome', 'short_term_outcome', 'output', 'activity', 'input')),
	CONSTRAINT "toc_nodes_title_check" CHECK (length(trim("toc_nodes"."title")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "toc_readings" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"indicator_id" text NOT NULL,
	"date" date NOT NULL,
	"value" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_links" DROP CONSTRAINT "action_links_one_target_check";--> statement-breakpoint
ALTER TABLE "action_links" ADD COLUMN "toc_node_id" text;--> statement-breakpoint
ALTER TABLE "missing_figures" ADD CONSTRAINT "missing_figures_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missing_figures" ADD CONSTRAINT "missing_figures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_indicators" ADD CONSTRAINT "toc_indicators_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_indicators" ADD CONSTRAINT "toc_indicators_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_indicators" ADD CONSTRAINT "toc_indicators_node_fk" FOREIGN KEY ("area_id","node_id") REFERENCES "public"."toc_nodes"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_indicators" ADD CONSTRAINT "toc_indicators_owner_actor_fk" FOREIGN KEY ("area_id","owner_actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE SET NULL ("owner_actor_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_links" ADD CONSTRAINT "toc_links_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_links" ADD CONSTRAINT "toc_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_links" ADD CONSTRAINT "toc_links_from_fk" FOREIGN KEY ("area_id","from_node_id") REFERENCES "public"."toc_nodes"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_links" ADD CONSTRAINT "toc_links_to_fk" FOREIGN KEY ("area_id","to_node_id") REFERENCES "public"."toc_nodes"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_nodes" ADD CONSTRAINT "toc_nodes_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_nodes" ADD CONSTRAINT "toc_nodes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_nodes" ADD CONSTRAINT "toc_nodes_owner_actor_fk" FOREIGN KEY ("area_id","owner_actor_id") REFERENCES "public"."map_actors"("area_id","id") ON DELETE SET NULL ("owner_actor_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_readings" ADD CONSTRAINT "toc_readings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_readings" ADD CONSTRAINT "toc_readings_indicator_fk" FOREIGN KEY ("area_id","indicator_id") REFERENCES "public"."toc_indicators"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "toc_indicators_node_idx" ON "toc_indicators" USING btree ("area_id","node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "toc_links_pair_unique" ON "toc_links" USING btree ("area_id","from_node_id","to_node_id");--> statement-breakpoint
CREATE INDEX "toc_links_to_idx" ON "toc_links" USING btree ("area_id","to_node_id");--> statement-breakpoint
CREATE INDEX "toc_nodes_area_idx" ON "toc_nodes" USING btree ("area_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "toc_readings_date_unique" ON "toc_readings" USING btree ("indicator_id","date");--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_toc_node_fk" FOREIGN KEY ("area_id","toc_node_id") REFERENCES "public"."toc_nodes"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_links_toc_node_unique" ON "action_links" USING btree ("action_id","toc_node_id");--> statement-breakpoint
CREATE INDEX "action_links_toc_node_idx" ON "action_links" USING btree ("area_id","toc_node_id");--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_one_target_check" CHECK (num_nonnulls("action_links"."handoff_id", "action_links"."toc_node_id") = 1);