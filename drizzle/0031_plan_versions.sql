CREATE TABLE "plan_signoffs" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"version_id" text NOT NULL,
	"organisation" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"signed_on" date NOT NULL,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_signoffs_version_organisation_unique" UNIQUE("version_id","organisation")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"number" integer NOT NULL,
	"changes_at_issue" integer NOT NULL,
	"model" jsonb NOT NULL,
	"pdf" "bytea" NOT NULL,
	"issued_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_area_number_unique" UNIQUE("area_id","number"),
	CONSTRAINT "plan_versions_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "plan_versions_number_check" CHECK ("plan_versions"."number" >= 1)
);
--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "plan_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_signoffs" ADD CONSTRAINT "plan_signoffs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_signoffs" ADD CONSTRAINT "plan_signoffs_version_fk" FOREIGN KEY ("area_id","version_id") REFERENCES "public"."plan_versions"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_signoffs_area_idx" ON "plan_signoffs" USING btree ("area_id");