ALTER TABLE "areas" ADD COLUMN "map_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each change to an area's actors, handoffs or pinned positions gives the area's map_version a new number from one
-- sequence, once per statement: numbers are never reused, even by an area deleted and restored under the same id.
CREATE SEQUENCE map_version_seq;
--> statement-breakpoint
CREATE FUNCTION bump_map_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		UPDATE areas SET map_version = nextval('map_version_seq') WHERE id IN (SELECT DISTINCT area_id FROM changed_new);
	ELSIF TG_OP = 'UPDATE' THEN
		UPDATE areas SET map_version = nextval('map_version_seq') WHERE id IN (SELECT area_id FROM changed_new UNION SELECT area_id FROM changed_old);
	ELSE
		UPDATE areas SET map_version = nextval('map_version_seq') WHERE id IN (SELECT DISTINCT area_id FROM changed_old);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER map_actors_inserted AFTER INSERT ON map_actors REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_actors_updated AFTER UPDATE ON map_actors REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_actors_deleted AFTER DELETE ON map_actors REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_handoffs_inserted AFTER INSERT ON map_handoffs REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_handoffs_updated AFTER UPDATE ON map_handoffs REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_handoffs_deleted AFTER DELETE ON map_handoffs REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_positions_inserted AFTER INSERT ON map_actor_positions REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_positions_updated AFTER UPDATE ON map_actor_positions REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
--> statement-breakpoint
CREATE TRIGGER map_positions_deleted AFTER DELETE ON map_actor_positions REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_map_version();
