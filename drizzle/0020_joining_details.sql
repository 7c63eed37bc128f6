ALTER TABLE "consultant_availability" ADD COLUMN "joining_kind" text;--> statement-breakpoint
ALTER TABLE "consultant_availability" ADD COLUMN "joining_detail" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "joining_kind" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "joining_detail" text;--> statement-breakpoint
ALTER TABLE "consultant_availability" ADD CONSTRAINT "availability_joining_check" CHECK ("consultant_availability"."joining_kind" is null or "consultant_availability"."joining_kind" in ('video', 'phone', 'place'));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_joining_check" CHECK ("bookings"."joining_kind" is null or "bookings"."joining_kind" in ('video', 'phone', 'place'));