ALTER TABLE "presentations" ADD COLUMN "slide" text DEFAULT 'stage:before' NOT NULL;--> statement-breakpoint
ALTER TABLE "presentations" ADD COLUMN "view_id" text;--> statement-breakpoint
ALTER TABLE "presentations" ADD COLUMN "drawing" text DEFAULT 'network' NOT NULL;--> statement-breakpoint
ALTER TABLE "presentations" ADD COLUMN "timer_seconds" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "presentations" ADD COLUMN "timer_used_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "presentations" ADD COLUMN "timer_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "presentations" ADD CONSTRAINT "presentations_view_id_map_views_id_fk" FOREIGN KEY ("view_id") REFERENCES "public"."map_views"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentations" ADD CONSTRAINT "presentations_timer_seconds" CHECK ("presentations"."timer_seconds" between 60 and 10800);--> statement-breakpoint
ALTER TABLE "presentations" ADD CONSTRAINT "presentations_drawing" CHECK ("presentations"."drawing" in ('network', 'journey'));--> statement-breakpoint
ALTER TABLE "presentations" ADD CONSTRAINT "presentations_timer_used" CHECK ("presentations"."timer_used_ms" >= 0);--> statement-breakpoint
-- Where a presentation stood on a stage, it stays on that stage's slide.
UPDATE "presentations" SET "slide" = 'stage:' || (ARRAY['before','during','return','after','repeat'])["step" + 1] WHERE "step" BETWEEN 0 AND 4;
