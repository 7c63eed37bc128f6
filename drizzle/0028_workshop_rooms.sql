CREATE TABLE "room_guests" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"room_id" text NOT NULL,
	"display_name" text NOT NULL,
	"organisation" text NOT NULL,
	"token_hash" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "room_guests_room_id_unique" UNIQUE("room_id","id"),
	CONSTRAINT "room_guests_name_check" CHECK (length(trim("room_guests"."display_name")) between 1 and 60),
	CONSTRAINT "room_guests_organisation_check" CHECK (length(trim("room_guests"."organisation")) between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "room_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"room_id" text NOT NULL,
	"guest_id" text,
	"user_id" text,
	"author_name" text NOT NULL,
	"author_organisation" text NOT NULL,
	"kind" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"target_label" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"flagged" text DEFAULT '' NOT NULL,
	"moderated_by" text,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_notes_text_check" CHECK (length(trim("room_notes"."text")) between 1 and 280),
	CONSTRAINT "room_notes_kind_check" CHECK ("room_notes"."kind" in ('works', 'breaks', 'idea')),
	CONSTRAINT "room_notes_target_check" CHECK ("room_notes"."target_kind" in ('actor', 'handoff', 'stage', 'outcome')),
	CONSTRAINT "room_notes_status_check" CHECK ("room_notes"."status" in ('shown', 'held', 'discarded'))
);
--> statement-breakpoint
CREATE TABLE "room_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"room_id" text NOT NULL,
	"guest_id" text,
	"user_id" text,
	"author_name" text NOT NULL,
	"author_organisation" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"sector" text,
	"from_actor_id" text,
	"to_actor_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"result_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_proposals_kind_check" CHECK ("room_proposals"."kind" in ('actor', 'handoff')),
	CONSTRAINT "room_proposals_status_check" CHECK ("room_proposals"."status" in ('pending', 'accepted', 'declined')),
	CONSTRAINT "room_proposals_shape_check" CHECK (("room_proposals"."kind" = 'actor' and "room_proposals"."sector" is not null) or ("room_proposals"."kind" = 'handoff' and "room_proposals"."from_actor_id" is not null and "room_proposals"."to_actor_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"title" text NOT NULL,
	"code" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"opened_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "rooms_title_check" CHECK (length(trim("rooms"."title")) between 1 and 120),
	CONSTRAINT "rooms_times_check" CHECK ("rooms"."ends_at" > "rooms"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_scope_check";--> statement-breakpoint
ALTER TABLE "vote_dots" DROP CONSTRAINT "vote_dots_handoff_fk";
--> statement-breakpoint
-- Dots on anything, by members or guests: existing dots keep their voter (the member) and item (the handoff).
ALTER TABLE "vote_dots" DROP CONSTRAINT "vote_dots_vote_id_user_id_handoff_id_pk";--> statement-breakpoint
ALTER TABLE "vote_dots" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD COLUMN "voter" text;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD COLUMN "item_id" text;--> statement-breakpoint
UPDATE "vote_dots" SET "voter" = "user_id", "item_id" = "handoff_id";--> statement-breakpoint
ALTER TABLE "vote_dots" ALTER COLUMN "voter" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "vote_dots" ALTER COLUMN "item_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD CONSTRAINT "vote_dots_vote_id_voter_item_id_pk" PRIMARY KEY("vote_id","voter","item_id");--> statement-breakpoint
ALTER TABLE "vote_dots" ADD COLUMN "guest_id" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "room_id" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "room_guests" ADD CONSTRAINT "room_guests_room_fk" FOREIGN KEY ("area_id","room_id") REFERENCES "public"."rooms"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_notes" ADD CONSTRAINT "room_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_notes" ADD CONSTRAINT "room_notes_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_notes" ADD CONSTRAINT "room_notes_room_fk" FOREIGN KEY ("area_id","room_id") REFERENCES "public"."rooms"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_notes" ADD CONSTRAINT "room_notes_guest_fk" FOREIGN KEY ("room_id","guest_id") REFERENCES "public"."room_guests"("room_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD CONSTRAINT "room_proposals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD CONSTRAINT "room_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD CONSTRAINT "room_proposals_room_fk" FOREIGN KEY ("area_id","room_id") REFERENCES "public"."rooms"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD CONSTRAINT "room_proposals_guest_fk" FOREIGN KEY ("room_id","guest_id") REFERENCES "public"."room_guests"("room_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "room_guests_token_unique" ON "room_guests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "room_guests_room_idx" ON "room_guests" USING btree ("room_id","joined_at");--> statement-breakpoint
CREATE INDEX "room_notes_room_idx" ON "room_notes" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE INDEX "room_proposals_room_idx" ON "room_proposals" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_code_unique" ON "rooms" USING btree ("code");--> statement-breakpoint
CREATE INDEX "rooms_area_idx" ON "rooms" USING btree ("area_id","starts_at");--> statement-breakpoint
ALTER TABLE "vote_dots" ADD CONSTRAINT "vote_dots_guest_id_room_guests_id_fk" FOREIGN KEY ("guest_id") REFERENCES "public"."room_guests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_room_fk" FOREIGN KEY ("area_id","room_id") REFERENCES "public"."rooms"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD CONSTRAINT "vote_dots_voter_check" CHECK ("vote_dots"."voter" = coalesce("vote_dots"."user_id", "vote_dots"."guest_id") and ("vote_dots"."user_id" is null) <> ("vote_dots"."guest_id" is null));--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_scope_check" CHECK ("votes"."scope" in ('gaps', 'all', 'actors', 'outcomes', 'models', 'actions'));
