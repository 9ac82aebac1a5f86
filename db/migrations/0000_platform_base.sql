CREATE TABLE "municipalities" (
	"code" char(6) PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"prefecture_code" char(2) NOT NULL,
	"parent_code" char(6),
	"name" text NOT NULL,
	"name_kana" text NOT NULL,
	"search_text" text NOT NULL,
	"operating" boolean DEFAULT true NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_data_versions" (
	"dataset" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"data_date" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"checksum" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_profiles" (
	"municipality_code" char(6) PRIMARY KEY NOT NULL,
	"document_name" text DEFAULT '' NOT NULL,
	"logo" jsonb,
	"population" integer,
	"population_as_of" date,
	"welfare_contact" jsonb,
	"labour_contact" jsonb,
	"on_call_contact" jsonb,
	"consultation_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_profiles" ADD CONSTRAINT "tenant_profiles_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipalities_prefecture_idx" ON "municipalities" USING btree ("prefecture_code","sort_order");--> statement-breakpoint
CREATE INDEX "municipalities_kana_idx" ON "municipalities" USING btree ("name_kana");--> statement-breakpoint
CREATE POLICY "tenant_profiles_tenant_isolation" ON "tenant_profiles" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("tenant_profiles"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("tenant_profiles"."municipality_code" = current_setting('app.tenant', true));