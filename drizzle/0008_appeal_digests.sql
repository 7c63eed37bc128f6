CREATE TABLE "appeal_deliveries" (
	"appeal_id" text NOT NULL,
	"subscriber_id" text NOT NULL,
	"outbox_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_deliveries_appeal_id_subscriber_id_pk" PRIMARY KEY("appeal_id","subscriber_id")
);
--> statement-breakpoint
-- Hand-written: every appeal already mailed counts as delivered to its recipient, so the first digest does not repeat it.
INSERT INTO "appeal_deliveries" ("appeal_id", "subscriber_id", "outbox_id")
SELECT m."appeal_id", s."id", m."outbox_id"
FROM "appeal_mails" m
JOIN "outbox" o ON o."id" = m."outbox_id"
JOIN "hero_subscribers" s ON lower(s."email") = lower(o."to_address")
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP TABLE "appeal_mails" CASCADE;--> statement-breakpoint
ALTER TABLE "appeal_deliveries" ADD CONSTRAINT "appeal_deliveries_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_deliveries" ADD CONSTRAINT "appeal_deliveries_subscriber_id_hero_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."hero_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_deliveries" ADD CONSTRAINT "appeal_deliveries_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_deliveries_outbox_idx" ON "appeal_deliveries" USING btree ("outbox_id");