ALTER TABLE "hydra_board_posts" ADD COLUMN "status" text DEFAULT 'shown' NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD COLUMN "flagged" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD COLUMN "hidden_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD COLUMN "moderated_by" text;--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD COLUMN "moderated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hydra_injects" ADD COLUMN "expected_response" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD CONSTRAINT "hydra_board_posts_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD CONSTRAINT "hydra_board_posts_status_check" CHECK ("hydra_board_posts"."status" in ('shown', 'held', 'hidden'));--> statement-breakpoint
ALTER TABLE "hydra_board_posts" ADD CONSTRAINT "hydra_board_posts_hidden_reason_check" CHECK ("hydra_board_posts"."status" <> 'hidden' or length(trim("hydra_board_posts"."hidden_reason")) between 1 and 300);