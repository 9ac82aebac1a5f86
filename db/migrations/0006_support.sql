CREATE TABLE "consultation_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"consultation_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_account_id" uuid,
	"body_encrypted" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"reply_code_hash" text NOT NULL,
	"writer" text NOT NULL,
	"easy_japanese" text DEFAULT 'no' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"awaiting_reply_since" timestamp with time zone,
	"message_count" integer DEFAULT 1 NOT NULL,
	"person_id" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"recipient_name" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"decided_on" date NOT NULL,
	"expires_on" date,
	"method" text NOT NULL,
	"decided_by" text NOT NULL,
	"supersedes" uuid,
	"note_encrypted" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_family_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"age" smallint,
	"lives_together" boolean DEFAULT true NOT NULL,
	"is_main_contact" boolean DEFAULT false NOT NULL,
	"details_encrypted" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_family_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"encoding" text NOT NULL,
	"rows_encrypted" text NOT NULL,
	"problems" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"result" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "support_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_intake_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"intake_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"urgency" text NOT NULL,
	"content_encrypted" text NOT NULL,
	"author_account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_intake_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"taken_on" date NOT NULL,
	"score" real NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"answers_encrypted" text NOT NULL,
	"plan_id" uuid,
	"replaces" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_measures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_note_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"note_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"contact_type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"duration_minutes" smallint,
	"participants" text[] NOT NULL,
	"text_encrypted" text NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"readable_by" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_account_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_note_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"external_id" text,
	"nickname_encrypted" text NOT NULL,
	"nickname_index" text NOT NULL,
	"real_name_encrypted" text,
	"real_name_index" text,
	"real_name_kana_encrypted" text,
	"real_name_kana_index" text,
	"birth_date_encrypted" text,
	"birth_date_index" text,
	"contact_encrypted" text,
	"phone_index" text,
	"contact_preferences_encrypted" text NOT NULL,
	"age_group" text DEFAULT 'unknown' NOT NULL,
	"family_only" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into" uuid,
	"merged_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"lead_worker_id" uuid,
	"urgency" text,
	"last_contact_at" timestamp with time zone,
	"next_review_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "support_persons" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_plan_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"review_on" date NOT NULL,
	"content_encrypted" text NOT NULL,
	"author_account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_plan_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "consultation_messages_thread_idx" ON "consultation_messages" USING btree ("municipality_code","consultation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_reply_code_key" ON "consultations" USING btree ("municipality_code","reply_code_hash");--> statement-breakpoint
CREATE INDEX "consultations_queue_idx" ON "consultations" USING btree ("municipality_code","status","awaiting_reply_since");--> statement-breakpoint
CREATE INDEX "support_consents_person_idx" ON "support_consents" USING btree ("municipality_code","person_id","purpose","recipient","seq");--> statement-breakpoint
CREATE INDEX "support_family_person_idx" ON "support_family_members" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_intake_version_key" ON "support_intake_versions" USING btree ("municipality_code","intake_id","version");--> statement-breakpoint
CREATE INDEX "support_intake_person_idx" ON "support_intake_versions" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE INDEX "support_measures_person_idx" ON "support_measures" USING btree ("municipality_code","person_id","kind","taken_on");--> statement-breakpoint
CREATE UNIQUE INDEX "support_note_version_key" ON "support_note_versions" USING btree ("municipality_code","note_id","version");--> statement-breakpoint
CREATE INDEX "support_note_timeline_idx" ON "support_note_versions" USING btree ("municipality_code","person_id","occurred_at" DESC NULLS LAST,"note_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_persons_external_id_key" ON "support_persons" USING btree ("municipality_code","external_id") WHERE "support_persons"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "support_persons_nickname_idx" ON "support_persons" USING btree ("municipality_code","nickname_index");--> statement-breakpoint
CREATE INDEX "support_persons_real_name_idx" ON "support_persons" USING btree ("municipality_code","real_name_index");--> statement-breakpoint
CREATE INDEX "support_persons_kana_idx" ON "support_persons" USING btree ("municipality_code","real_name_kana_index");--> statement-breakpoint
CREATE INDEX "support_persons_birth_idx" ON "support_persons" USING btree ("municipality_code","birth_date_index");--> statement-breakpoint
CREATE INDEX "support_persons_phone_idx" ON "support_persons" USING btree ("municipality_code","phone_index");--> statement-breakpoint
CREATE INDEX "support_persons_worker_idx" ON "support_persons" USING btree ("municipality_code","lead_worker_id","status");--> statement-breakpoint
CREATE INDEX "support_persons_review_idx" ON "support_persons" USING btree ("municipality_code","next_review_on");--> statement-breakpoint
CREATE UNIQUE INDEX "support_plan_version_key" ON "support_plan_versions" USING btree ("municipality_code","plan_id","version");--> statement-breakpoint
CREATE INDEX "support_plan_person_idx" ON "support_plan_versions" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE POLICY "consultation_messages_tenant_isolation" ON "consultation_messages" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("consultation_messages"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("consultation_messages"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "consultations_tenant_isolation" ON "consultations" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("consultations"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("consultations"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_consents_tenant_isolation" ON "support_consents" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_consents"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_consents"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_family_members_tenant_isolation" ON "support_family_members" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_family_members"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_family_members"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_imports_tenant_isolation" ON "support_imports" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_imports"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_imports"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_intake_versions_tenant_isolation" ON "support_intake_versions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_intake_versions"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_intake_versions"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_measures_tenant_isolation" ON "support_measures" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_measures"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_measures"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_note_versions_tenant_isolation" ON "support_note_versions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_note_versions"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_note_versions"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_persons_tenant_isolation" ON "support_persons" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_persons"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_persons"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "support_plan_versions_tenant_isolation" ON "support_plan_versions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("support_plan_versions"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("support_plan_versions"."municipality_code" = current_setting('app.tenant', true));