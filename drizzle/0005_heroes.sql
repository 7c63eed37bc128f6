CREATE TABLE "appeal_mails" (
	"appeal_id" text NOT NULL,
	"outbox_id" text NOT NULL,
	CONSTRAINT "appeal_mails_appeal_id_outbox_id_pk" PRIMARY KEY("appeal_id","outbox_id")
);
--> statement-breakpoint
CREATE TABLE "appeal_photos" (
	"appeal_id" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "appeal_photos_type_check" CHECK ("appeal_photos"."content_type" in ('image/jpeg', 'image/png')),
	CONSTRAINT "appeal_photos_size_check" CHECK (octet_length("appeal_photos"."bytes") between 1 and 2097152)
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" text PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"age" integer NOT NULL,
	"region" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"missing_since" date NOT NULL,
	"description" text NOT NULL,
	"has_photo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeals_age_check" CHECK ("appeals"."age" between 0 and 120),
	CONSTRAINT "appeals_region_check" CHECK ("appeals"."region" in ('north-east', 'north-west', 'yorkshire-humber', 'east-midlands', 'west-midlands', 'east-of-england', 'london', 'south-east', 'south-west', 'wales', 'scotland', 'northern-ireland')),
	CONSTRAINT "appeals_description_check" CHECK (char_length("appeals"."description") between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "hero_subscribers" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"region" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"consent_wording" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_method" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hero_subscribers_status_check" CHECK ("hero_subscribers"."status" in ('pending', 'confirmed', 'unsubscribed')),
	CONSTRAINT "hero_subscribers_region_check" CHECK ("hero_subscribers"."region" is null or "hero_subscribers"."region" in ('north-east', 'north-west', 'yorkshire-humber', 'east-midlands', 'west-midlands', 'east-of-england', 'london', 'south-east', 'south-west', 'wales', 'scotland', 'northern-ireland')),
	CONSTRAINT "hero_subscribers_confirmed_check" CHECK ("hero_subscribers"."status" <> 'confirmed' or "hero_subscribers"."confirmed_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "hero_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"subscriber_id" text NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hero_tokens_purpose_check" CHECK ("hero_tokens"."purpose" in ('confirm', 'manage'))
);
--> statement-breakpoint
CREATE TABLE "sightings" (
	"id" text PRIMARY KEY NOT NULL,
	"appeal_id" text NOT NULL,
	"seen_when" text NOT NULL,
	"seen_where" text NOT NULL,
	"what_seen" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sightings_status_check" CHECK ("sightings"."status" in ('new', 'handled')),
	CONSTRAINT "sightings_handled_check" CHECK ("sightings"."status" <> 'handled' or "sightings"."handled_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "partner_enquiries" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_type" text NOT NULL,
	"organisation" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partner_enquiries_type_check" CHECK ("partner_enquiries"."organisation_type" in ('police', 'council', 'nhs', 'school')),
	CONSTRAINT "partner_enquiries_status_check" CHECK ("partner_enquiries"."status" in ('new', 'contacted', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "appeal_mails" ADD CONSTRAINT "appeal_mails_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_mails" ADD CONSTRAINT "appeal_mails_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_photos" ADD CONSTRAINT "appeal_photos_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hero_tokens" ADD CONSTRAINT "hero_tokens_subscriber_id_hero_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."hero_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sightings" ADD CONSTRAINT "sightings_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sightings" ADD CONSTRAINT "sightings_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_created_idx" ON "appeals" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hero_subscribers_email_unique" ON "hero_subscribers" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "hero_subscribers_status_idx" ON "hero_subscribers" USING btree ("status","region");--> statement-breakpoint
CREATE INDEX "hero_tokens_subscriber_idx" ON "hero_tokens" USING btree ("subscriber_id");--> statement-breakpoint
CREATE INDEX "sightings_status_idx" ON "sightings" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "sightings_appeal_idx" ON "sightings" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "partner_enquiries_status_idx" ON "partner_enquiries" USING btree ("status","created_at");