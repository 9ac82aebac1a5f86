CREATE TABLE "case_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_code" char(6) NOT NULL,
	"case_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "case_attachments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "case_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_code" char(6) NOT NULL,
	"asker_code" char(6) NOT NULL,
	"case_id" uuid NOT NULL,
	"asker_account_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid
);
--> statement-breakpoint
ALTER TABLE "case_questions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "case_themes" (
	"code" text PRIMARY KEY NOT NULL,
	"label_ja" text NOT NULL,
	"label_en" text NOT NULL,
	"label_easy" text NOT NULL,
	"reading" text NOT NULL,
	"sort_order" smallint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"author_code" char(6) NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" jsonb NOT NULL,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "case_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_code" char(6) NOT NULL,
	"reviewer_code" char(6) NOT NULL,
	"author_kind" text NOT NULL,
	"author_name" text NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"prefecture_code" char(2) NOT NULL,
	"municipality_name" text NOT NULL,
	"prefecture_name" text NOT NULL,
	"municipality_type" text NOT NULL,
	"population_band" text,
	"area_class" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"themes" text[] NOT NULL,
	"life_stages" text[] NOT NULL,
	"content" jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_reading" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
ALTER TABLE "cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_questions" ADD CONSTRAINT "case_questions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_versions" ADD CONSTRAINT "case_versions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_attachments_case_idx" ON "case_attachments" USING btree ("author_code","case_id");--> statement-breakpoint
CREATE INDEX "case_questions_author_idx" ON "case_questions" USING btree ("author_code","asked_at");--> statement-breakpoint
CREATE INDEX "case_questions_asker_idx" ON "case_questions" USING btree ("asker_code","asked_at");--> statement-breakpoint
CREATE INDEX "case_versions_case_idx" ON "case_versions" USING btree ("author_code","case_id","id");--> statement-breakpoint
CREATE INDEX "cases_author_idx" ON "cases" USING btree ("author_code","state","updated_at");--> statement-breakpoint
CREATE INDEX "cases_reviewer_idx" ON "cases" USING btree ("reviewer_code","state");--> statement-breakpoint
CREATE INDEX "cases_state_prefecture_idx" ON "cases" USING btree ("state","prefecture_code","published_at");--> statement-breakpoint
CREATE INDEX "cases_search_text_trgm" ON "cases" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_search_reading_trgm" ON "cases" USING gin ("search_reading" gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "case_attachments_read" ON "case_attachments" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (exists (select 1 from cases c where c.id = case_id));--> statement-breakpoint
CREATE POLICY "case_attachments_write" ON "case_attachments" AS PERMISSIVE FOR INSERT TO "tsunagari_app" WITH CHECK (author_code = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "case_questions_parties" ON "case_questions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (author_code = coalesce(current_setting('app.tenant', true), '') or asker_code = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (author_code = coalesce(current_setting('app.tenant', true), '') or asker_code = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "case_versions_read" ON "case_versions" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (exists (select 1 from cases c where c.id = case_id));--> statement-breakpoint
CREATE POLICY "case_versions_insert" ON "case_versions" AS PERMISSIVE FOR INSERT TO "tsunagari_app" WITH CHECK (exists (select 1 from cases c where c.id = case_id));--> statement-breakpoint
CREATE POLICY "cases_read" ON "cases" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (author_code = coalesce(current_setting('app.tenant', true), '')
   or (reviewer_code = coalesce(current_setting('app.tenant', true), '') and state <> 'draft')
   or (coalesce(current_setting('app.tenant', true), '') = '' and state in ('accepted', 'published'))
   or state = 'published');--> statement-breakpoint
CREATE POLICY "cases_insert" ON "cases" AS PERMISSIVE FOR INSERT TO "tsunagari_app" WITH CHECK (author_code = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "cases_update" ON "cases" AS PERMISSIVE FOR UPDATE TO "tsunagari_app" USING (author_code = coalesce(current_setting('app.tenant', true), '')
   or (reviewer_code = coalesce(current_setting('app.tenant', true), '') and state in ('submitted', 'returned', 'accepted'))
   or (coalesce(current_setting('app.tenant', true), '') = '' and state in ('accepted', 'published'))) WITH CHECK (author_code = coalesce(current_setting('app.tenant', true), '')
   or (reviewer_code = coalesce(current_setting('app.tenant', true), '') and state in ('submitted', 'returned', 'accepted'))
   or (coalesce(current_setting('app.tenant', true), '') = '' and state in ('accepted', 'published')));