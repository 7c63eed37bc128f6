ALTER TABLE "room_proposals" DROP CONSTRAINT "room_proposals_shape_check";--> statement-breakpoint
ALTER TABLE "room_proposals" ADD COLUMN "stage" text;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD COLUMN "passes" text;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD COLUMN "rating" text;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "room_proposals" ADD CONSTRAINT "room_proposals_description_check" CHECK (length("room_proposals"."description") <= 280);--> statement-breakpoint
ALTER TABLE "room_proposals" ADD CONSTRAINT "room_proposals_shape_check" CHECK (("room_proposals"."kind" = 'actor' and "room_proposals"."sector" is not null) or ("room_proposals"."kind" = 'handoff' and "room_proposals"."from_actor_id" is not null and "room_proposals"."to_actor_id" is not null and "room_proposals"."stage" is not null and "room_proposals"."passes" is not null and "room_proposals"."rating" is not null));