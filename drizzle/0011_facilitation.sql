CREATE TABLE "presentations" (
	"area_id" text PRIMARY KEY NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_dots" (
	"area_id" text NOT NULL,
	"vote_id" text NOT NULL,
	"user_id" text NOT NULL,
	"handoff_id" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "vote_dots_vote_id_user_id_handoff_id_pk" PRIMARY KEY("vote_id","user_id","handoff_id"),
	CONSTRAINT "vote_dots_count_check" CHECK ("vote_dots"."count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"question" text NOT NULL,
	"scope" text NOT NULL,
	"dots" integer NOT NULL,
	"opened_by" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "votes_area_id_unique" UNIQUE("area_id","id"),
	CONSTRAINT "votes_dots_check" CHECK ("votes"."dots" between 1 and 10),
	CONSTRAINT "votes_scope_check" CHECK ("votes"."scope" in ('gaps', 'all'))
);
--> statement-breakpoint
ALTER TABLE "presentations" ADD CONSTRAINT "presentations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentations" ADD CONSTRAINT "presentations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD CONSTRAINT "vote_dots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD CONSTRAINT "vote_dots_vote_fk" FOREIGN KEY ("area_id","vote_id") REFERENCES "public"."votes"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_dots" ADD CONSTRAINT "vote_dots_handoff_fk" FOREIGN KEY ("area_id","handoff_id") REFERENCES "public"."map_handoffs"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "votes_area_idx" ON "votes" USING btree ("area_id","opened_at");