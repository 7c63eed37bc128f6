ALTER TABLE "partner_enquiries" DROP CONSTRAINT "partner_enquiries_status_check";--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "owner_id" text;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "status_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "enquiry_id" text;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD COLUMN "owner_id" text;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD COLUMN "stage_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD COLUMN "area_id" text;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD COLUMN "offer_token_hash" text;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD COLUMN "offer_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_enquiry_id_partner_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."partner_enquiries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD CONSTRAINT "partner_enquiries_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD CONSTRAINT "partner_enquiries_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_enquiry_idx" ON "bookings" USING btree ("enquiry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_enquiries_offer_unique" ON "partner_enquiries" USING btree ("offer_token_hash");--> statement-breakpoint
CREATE INDEX "partner_enquiries_area_idx" ON "partner_enquiries" USING btree ("area_id");--> statement-breakpoint
ALTER TABLE "partner_enquiries" ADD CONSTRAINT "partner_enquiries_status_check" CHECK ("partner_enquiries"."status" in ('new', 'contacted', 'offered', 'booked', 'prospect', 'partner', 'closed'));--> statement-breakpoint
-- Rows from before the pipeline have waited in their stage since they last changed, not since this migration.
UPDATE "areas" SET "status_since" = "updated_at";--> statement-breakpoint
UPDATE "partner_enquiries" SET "stage_since" = "updated_at";
--> statement-breakpoint
-- Areas are created by staff: whoever made one carries it along the pipeline until someone else takes it on.
UPDATE "areas" SET "owner_id" = "created_by";
