-- No double booking, enforced by the database: no two bookings of one consultant that still hold their time may
-- overlap, from the start to the end of the buffer. btree_gist lets the gist index compare consultant ids with =.
-- (PGlite loads the btree_gist extension at start-up; PostgreSQL ships it in contrib and trusts it since 13.)
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (
	"consultant_id" WITH =,
	tstzrange("starts_at", "blocks_until", '[)') WITH &&
) WHERE ("status" <> 'cancelled');
