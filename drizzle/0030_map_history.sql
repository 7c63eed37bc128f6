CREATE TABLE "map_history" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"user_id" text NOT NULL,
	"seq" integer NOT NULL,
	"label" text NOT NULL,
	"steps" jsonb NOT NULL,
	"undone" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "map_history" ADD CONSTRAINT "map_history_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_history" ADD CONSTRAINT "map_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "map_history_person_seq_unique" ON "map_history" USING btree ("area_id","user_id","seq");