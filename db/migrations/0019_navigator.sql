CREATE TABLE "navigator_local_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"topic" text NOT NULL,
	"where" text NOT NULL,
	"bring" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source_title" text NOT NULL,
	"source_url" text NOT NULL,
	"checked_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "navigator_local_schemes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "navigator_local_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"place_id" uuid,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"hours" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "navigator_local_windows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "navigator_page_counts" (
	"municipality_code" char(6) NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "navigator_page_counts_municipality_code_day_pk" PRIMARY KEY("municipality_code","day")
);
--> statement-breakpoint
ALTER TABLE "navigator_page_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "navigator_rule_sets" (
	"version" integer PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"note" text NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE INDEX "navigator_local_schemes_from_idx" ON "navigator_local_schemes" USING btree ("municipality_code","effective_from");--> statement-breakpoint
CREATE INDEX "navigator_local_windows_kind_idx" ON "navigator_local_windows" USING btree ("municipality_code","kind");--> statement-breakpoint
CREATE POLICY "navigator_local_schemes_tenant_isolation" ON "navigator_local_schemes" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("navigator_local_schemes"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("navigator_local_schemes"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "navigator_local_windows_tenant_isolation" ON "navigator_local_windows" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("navigator_local_windows"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("navigator_local_windows"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "navigator_page_counts_scope" ON "navigator_page_counts" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(current_setting('app.tenant', true), '') = '' or "navigator_page_counts"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK (coalesce(current_setting('app.tenant', true), '') = '' or "navigator_page_counts"."municipality_code" = current_setting('app.tenant', true));