ALTER TABLE "place_listings" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY "place_listings_public_read" ON "place_listings" CASCADE;--> statement-breakpoint
DROP POLICY "place_listings_tenant_insert" ON "place_listings" CASCADE;--> statement-breakpoint
DROP POLICY "place_listings_tenant_update" ON "place_listings" CASCADE;--> statement-breakpoint
DROP POLICY "place_listings_tenant_delete" ON "place_listings" CASCADE;--> statement-breakpoint
-- Written by hand (drizzle-kit cannot declare triggers): the published projection is readable by all
-- (no RLS, so the planner keeps its statistics), and the app role may only write rows of the tenant
-- its transaction runs for, as the dropped policies required. Owner-level work (migrations, seeds,
-- the benchmark) is not the app role and passes. See docs/decisions/0005-public-directory-search.md.
CREATE OR REPLACE FUNCTION place_listings_tenant_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'tsunagari_app' THEN
    IF (TG_OP IN ('UPDATE', 'DELETE') AND OLD.municipality_code IS DISTINCT FROM current_setting('app.tenant', true))
       OR (TG_OP IN ('INSERT', 'UPDATE') AND NEW.municipality_code IS DISTINCT FROM current_setting('app.tenant', true)) THEN
      RAISE EXCEPTION 'place_listings: a listing of another tenant cannot be written' USING ERRCODE = '42501';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER place_listings_tenant_guard BEFORE INSERT OR UPDATE OR DELETE ON "place_listings"
  FOR EACH ROW EXECUTE FUNCTION place_listings_tenant_guard();
