CREATE TABLE "map_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"user_id" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "map_imports_file_name_check" CHECK (length("map_imports"."file_name") <= 200)
);
--> statement-breakpoint
ALTER TABLE "map_imports" ADD CONSTRAINT "map_imports_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_imports" ADD CONSTRAINT "map_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "map_imports_area_user_idx" ON "map_imports" USING btree ("area_id","user_id");