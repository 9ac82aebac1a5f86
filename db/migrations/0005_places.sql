CREATE TABLE "place_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"status" text NOT NULL,
	"encoding" text NOT NULL,
	"total_rows" integer NOT NULL,
	"valid_rows" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_by" uuid
);
--> statement-breakpoint
ALTER TABLE "place_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "place_listings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"prefecture_code" char(2) NOT NULL,
	"municipality_name" text NOT NULL,
	"prefecture_name" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_kana" text NOT NULL,
	"status" text NOT NULL,
	"postal_code" char(7),
	"district" text,
	"lat" double precision,
	"lng" double precision,
	"delivery" text NOT NULL,
	"audience" text NOT NULL,
	"life_stages" text[] NOT NULL,
	"first_visit" text[] NOT NULL,
	"weekday_mask" smallint DEFAULT 0 NOT NULL,
	"search_text" text NOT NULL,
	"search_reading" text NOT NULL,
	"content" jsonb NOT NULL,
	"verified_on" date,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "place_listings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "place_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"place_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"actor_account_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" jsonb NOT NULL,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "place_revisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"external_id" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_kana" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"publication" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_reading" text DEFAULT '' NOT NULL,
	"verified_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_comment" text,
	"published_at" timestamp with time zone,
	"published_version" integer,
	"verification_reminded_on" date
);
--> statement-breakpoint
ALTER TABLE "places" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "place_imports_tenant_idx" ON "place_imports" USING btree ("municipality_code","created_at");--> statement-breakpoint
CREATE INDEX "place_listings_area_idx" ON "place_listings" USING btree ("prefecture_code","municipality_code","name_kana","id");--> statement-breakpoint
CREATE INDEX "place_listings_tenant_idx" ON "place_listings" USING btree ("municipality_code","kind");--> statement-breakpoint
CREATE INDEX "place_listings_text_trgm" ON "place_listings" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "place_listings_reading_trgm" ON "place_listings" USING gin ("search_reading" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "place_revisions_place_idx" ON "place_revisions" USING btree ("municipality_code","place_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "places_external_id_key" ON "places" USING btree ("municipality_code","external_id") WHERE "places"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "places_tenant_list_idx" ON "places" USING btree ("municipality_code","publication","name_kana","id");--> statement-breakpoint
CREATE INDEX "places_tenant_verified_idx" ON "places" USING btree ("municipality_code","verified_on");--> statement-breakpoint
CREATE POLICY "place_imports_tenant_isolation" ON "place_imports" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("place_imports"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("place_imports"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "place_listings_public_read" ON "place_listings" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (true);--> statement-breakpoint
CREATE POLICY "place_listings_tenant_insert" ON "place_listings" AS PERMISSIVE FOR INSERT TO "tsunagari_app" WITH CHECK (municipality_code = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "place_listings_tenant_update" ON "place_listings" AS PERMISSIVE FOR UPDATE TO "tsunagari_app" USING (municipality_code = current_setting('app.tenant', true)) WITH CHECK (municipality_code = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "place_listings_tenant_delete" ON "place_listings" AS PERMISSIVE FOR DELETE TO "tsunagari_app" USING (municipality_code = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "place_revisions_tenant_isolation" ON "place_revisions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("place_revisions"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("place_revisions"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "places_tenant_isolation" ON "places" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("places"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("places"."municipality_code" = current_setting('app.tenant', true));