CREATE TABLE "place_search" (
	"id" uuid PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"prefecture_code" char(2) NOT NULL,
	"kind" text NOT NULL,
	"name_kana" text NOT NULL,
	"district" text,
	"lat" double precision,
	"lng" double precision,
	"delivery" text NOT NULL,
	"audience" text NOT NULL,
	"life_stages" text[] NOT NULL,
	"first_visit" text[] NOT NULL,
	"weekday_mask" smallint DEFAULT 0 NOT NULL,
	"search_text" text NOT NULL,
	"search_reading" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "place_listings_prefecture_order_idx";--> statement-breakpoint
DROP INDEX "place_listings_text_trgm";--> statement-breakpoint
DROP INDEX "place_listings_reading_trgm";--> statement-breakpoint
ALTER TABLE "place_search" ADD CONSTRAINT "place_search_id_place_listings_id_fk" FOREIGN KEY ("id") REFERENCES "public"."place_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_search_prefecture_order_idx" ON "place_search" USING btree ("prefecture_code","name_kana","id");--> statement-breakpoint
CREATE INDEX "place_search_municipality_order_idx" ON "place_search" USING btree ("municipality_code","name_kana","id");--> statement-breakpoint
CREATE INDEX "place_search_text_trgm" ON "place_search" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "place_search_reading_trgm" ON "place_search" USING gin ("search_reading" gin_trgm_ops);--> statement-breakpoint
-- Written by hand (drizzle-kit cannot declare triggers or copy rows): the narrow search projection
-- `place_search` gets the same tenant write guard as `place_listings` (0007; the function now names the
-- table it guards), and is filled from the listings already published. See decision 0005.
CREATE OR REPLACE FUNCTION place_listings_tenant_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'tsunagari_app' THEN
    IF (TG_OP IN ('UPDATE', 'DELETE') AND OLD.municipality_code IS DISTINCT FROM current_setting('app.tenant', true))
       OR (TG_OP IN ('INSERT', 'UPDATE') AND NEW.municipality_code IS DISTINCT FROM current_setting('app.tenant', true)) THEN
      RAISE EXCEPTION '%: a listing of another tenant cannot be written', TG_TABLE_NAME USING ERRCODE = '42501';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER place_search_tenant_guard BEFORE INSERT OR UPDATE OR DELETE ON "place_search"
  FOR EACH ROW EXECUTE FUNCTION place_listings_tenant_guard();--> statement-breakpoint
INSERT INTO "place_search" ("id", "municipality_code", "prefecture_code", "kind", "name_kana", "district", "lat", "lng",
  "delivery", "audience", "life_stages", "first_visit", "weekday_mask", "search_text", "search_reading")
SELECT "id", "municipality_code", "prefecture_code", "kind", "name_kana", "district", "lat", "lng",
  "delivery", "audience", "life_stages", "first_visit", "weekday_mask", "search_text", "search_reading"
FROM "place_listings";
