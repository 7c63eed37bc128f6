ALTER TABLE "hydra_releases" DROP CONSTRAINT "hydra_releases_inject_id_hydra_injects_id_fk";
--> statement-breakpoint
ALTER TABLE "hydra_releases" ADD CONSTRAINT "hydra_releases_inject_id_hydra_injects_id_fk" FOREIGN KEY ("inject_id") REFERENCES "public"."hydra_injects"("id") ON DELETE restrict ON UPDATE no action;