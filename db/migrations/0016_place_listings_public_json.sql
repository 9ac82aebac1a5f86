ALTER TABLE "place_listings" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "place_listings" ADD COLUMN "public_json_version" smallint;