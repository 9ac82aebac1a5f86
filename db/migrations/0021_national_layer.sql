CREATE TABLE "insight_aggregates" (
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"indicator" text NOT NULL,
	"disaggregation" text NOT NULL,
	"n" integer NOT NULL,
	"value" double precision,
	"lower" double precision,
	"upper" double precision,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "insight_aggregates_municipality_code_fiscal_year_indicator_disaggregation_pk" PRIMARY KEY("municipality_code","fiscal_year","indicator","disaggregation")
);
--> statement-breakpoint
ALTER TABLE "insight_aggregates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "prefecture_centres" (
	"municipality_code" char(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"hours" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prefecture_centres" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "return_deadlines" (
	"fiscal_year" smallint PRIMARY KEY NOT NULL,
	"due_on" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_return_versions" (
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"action" text NOT NULL,
	"items" jsonb NOT NULL,
	"comment" text,
	"actor_account_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_return_versions_municipality_code_fiscal_year_version_pk" PRIMARY KEY("municipality_code","fiscal_year","version")
);
--> statement-breakpoint
ALTER TABLE "status_return_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "status_returns" (
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"entered_by" text DEFAULT 'municipality' NOT NULL,
	"items" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prefill" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"corrections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_comment" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"reminded_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "status_returns_municipality_code_fiscal_year_pk" PRIMARY KEY("municipality_code","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "status_returns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "insight_aggregates_indicator_idx" ON "insight_aggregates" USING btree ("fiscal_year","indicator","disaggregation");--> statement-breakpoint
CREATE INDEX "status_returns_year_idx" ON "status_returns" USING btree ("fiscal_year","state");--> statement-breakpoint
CREATE POLICY "insight_aggregates_tenant_or_prefecture" ON "insight_aggregates" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2)))) WITH CHECK ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2))));--> statement-breakpoint
CREATE POLICY "insight_aggregates_national_read" ON "insight_aggregates" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'national');--> statement-breakpoint
CREATE POLICY "insight_aggregates_public_read" ON "insight_aggregates" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'public' and true);--> statement-breakpoint
CREATE POLICY "prefecture_centres_tenant_or_prefecture" ON "prefecture_centres" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2)))) WITH CHECK ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2))));--> statement-breakpoint
CREATE POLICY "prefecture_centres_national_read" ON "prefecture_centres" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'national');--> statement-breakpoint
CREATE POLICY "prefecture_centres_public_read" ON "prefecture_centres" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'public' and true);--> statement-breakpoint
CREATE POLICY "status_return_versions_tenant_or_prefecture" ON "status_return_versions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2)))) WITH CHECK ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2))));--> statement-breakpoint
CREATE POLICY "status_return_versions_national_read" ON "status_return_versions" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'national');--> statement-breakpoint
CREATE POLICY "status_returns_tenant_or_prefecture" ON "status_returns" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2)))) WITH CHECK ((municipality_code = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(municipality_code, 2) = left(current_setting('app.tenant', true), 2))));--> statement-breakpoint
CREATE POLICY "status_returns_national_read" ON "status_returns" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'national');--> statement-breakpoint
CREATE POLICY "status_returns_public_read" ON "status_returns" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (current_setting('app.scope', true) = 'public' and state = 'accepted');