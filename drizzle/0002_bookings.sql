CREATE TABLE "consultant_availability" (
	"user_id" text PRIMARY KEY NOT NULL,
	"accepting_bookings" boolean DEFAULT true NOT NULL,
	"weekly" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"meeting_minutes" integer DEFAULT 45 NOT NULL,
	"buffer_minutes" integer DEFAULT 15 NOT NULL,
	"notice_working_days" integer DEFAULT 1 NOT NULL,
	"horizon_weeks" integer DEFAULT 8 NOT NULL,
	"daily_cap" integer DEFAULT 4 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "availability_meeting_check" CHECK ("consultant_availability"."meeting_minutes" between 15 and 240),
	CONSTRAINT "availability_buffer_check" CHECK ("consultant_availability"."buffer_minutes" between 0 and 120),
	CONSTRAINT "availability_notice_check" CHECK ("consultant_availability"."notice_working_days" between 0 and 20),
	CONSTRAINT "availability_horizon_check" CHECK ("consultant_availability"."horizon_weeks" between 1 and 26),
	CONSTRAINT "availability_cap_check" CHECK ("consultant_availability"."daily_cap" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "availability_overrides" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_overrides_kind_check" CHECK ("availability_overrides"."kind" in ('off', 'extra')),
	CONSTRAINT "availability_overrides_times_check" CHECK (("availability_overrides"."kind" = 'off' and "availability_overrides"."start_time" is null and "availability_overrides"."end_time" is null) or ("availability_overrides"."kind" = 'extra' and "availability_overrides"."start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "availability_overrides"."end_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "availability_overrides"."start_time" < "availability_overrides"."end_time"))
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"consultant_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocks_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"lead_name" text NOT NULL,
	"lead_role" text NOT NULL,
	"organisation" text NOT NULL,
	"organisation_type" text NOT NULL,
	"local_area" text NOT NULL,
	"email" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"situation" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"token_hash" text NOT NULL,
	"token_expires_at" timestamp with time zone NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"engagement_area_id" text,
	"reminder_sent_at" timestamp with time zone,
	"last_contact_at" timestamp with time zone DEFAULT now() NOT NULL,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('confirmed', 'completed', 'no_show', 'cancelled')),
	CONSTRAINT "bookings_type_check" CHECK ("bookings"."organisation_type" in ('police', 'local_authority', 'nhs', 'education', 'voluntary', 'other')),
	CONSTRAINT "bookings_times_check" CHECK ("bookings"."starts_at" < "bookings"."ends_at" and "bookings"."ends_at" <= "bookings"."blocks_until")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "consultant_availability" ADD CONSTRAINT "consultant_availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_overrides" ADD CONSTRAINT "availability_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_consultant_id_users_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_engagement_area_id_areas_id_fk" FOREIGN KEY ("engagement_area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "availability_overrides_user_idx" ON "availability_overrides" USING btree ("user_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_token_unique" ON "bookings" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "bookings_consultant_idx" ON "bookings" USING btree ("consultant_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_starts_idx" ON "bookings" USING btree ("starts_at");