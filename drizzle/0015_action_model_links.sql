ALTER TABLE "action_links" DROP CONSTRAINT "action_links_one_target_check";--> statement-breakpoint
ALTER TABLE "action_links" ADD COLUMN "model_id" text;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_model_fk" FOREIGN KEY ("area_id","model_id") REFERENCES "public"."mental_models"("area_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_links_model_unique" ON "action_links" USING btree ("action_id","model_id");--> statement-breakpoint
CREATE INDEX "action_links_model_idx" ON "action_links" USING btree ("area_id","model_id");--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_one_target_check" CHECK (num_nonnulls("action_links"."handoff_id", "action_links"."toc_node_id", "action_links"."model_id") = 1);