CREATE TABLE "map_views" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"name" text NOT NULL,
	"page" text NOT NULL,
	"query" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_views_name_check" CHECK (length(trim("map_views"."name")) between 1 and 80),
	CONSTRAINT "map_views_page_check" CHECK ("map_views"."page" in ('network', 'journey', 'table')),
	CONSTRAINT "map_views_query_check" CHECK (length("map_views"."query") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "map_views" ADD CONSTRAINT "map_views_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_views" ADD CONSTRAINT "map_views_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "map_views_area_name_unique" ON "map_views" USING btree ("area_id",lower("name"));