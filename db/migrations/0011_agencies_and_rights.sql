CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agency_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"agency_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"conference_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"text_encrypted" text NOT NULL,
	"owner_label" text DEFAULT '' NOT NULL,
	"owner_agency_id" uuid,
	"due" date,
	"agency_id" uuid,
	"basis" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conference_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"conference_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"agency_id" uuid,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "conference_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"person_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"agenda_encrypted" text NOT NULL,
	"minutes_encrypted" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"referral_id" uuid NOT NULL,
	"status" text NOT NULL,
	"by_account_id" uuid NOT NULL,
	"by_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"basis" text NOT NULL,
	"consent_id" uuid,
	"conference_item_id" uuid,
	"summary_encrypted" text NOT NULL,
	"agency_notes_encrypted" text,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referrals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "correction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"request_encrypted" text NOT NULL,
	"outcome" text,
	"explanation_encrypted" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "correction_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "disclosure_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"requested_by" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"items_encrypted" text NOT NULL,
	"item_count" integer NOT NULL,
	"withheld_count" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosure_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "purge_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"purged" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "purge_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"record_class" text NOT NULL,
	"months" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "support_consents" ADD COLUMN "recipient_agency_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_name_key" ON "agencies" USING btree ("municipality_code","name");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_members_account_key" ON "agency_members" USING btree ("municipality_code","account_id");--> statement-breakpoint
CREATE INDEX "agency_members_agency_idx" ON "agency_members" USING btree ("municipality_code","agency_id");--> statement-breakpoint
CREATE INDEX "conference_items_conference_idx" ON "conference_items" USING btree ("municipality_code","conference_id");--> statement-breakpoint
CREATE INDEX "conference_items_person_idx" ON "conference_items" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conference_members_key" ON "conference_members" USING btree ("municipality_code","conference_id","account_id");--> statement-breakpoint
CREATE INDEX "conference_members_account_idx" ON "conference_members" USING btree ("municipality_code","account_id");--> statement-breakpoint
CREATE INDEX "conferences_held_idx" ON "conferences" USING btree ("municipality_code","held_on");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("municipality_code","referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE INDEX "referrals_agency_idx" ON "referrals" USING btree ("municipality_code","agency_id","status");--> statement-breakpoint
CREATE INDEX "correction_requests_person_idx" ON "correction_requests" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE INDEX "disclosure_requests_person_idx" ON "disclosure_requests" USING btree ("municipality_code","person_id");--> statement-breakpoint
CREATE INDEX "purge_runs_ran_idx" ON "purge_runs" USING btree ("municipality_code","ran_at");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_policies_class_key" ON "retention_policies" USING btree ("municipality_code","record_class");--> statement-breakpoint
CREATE POLICY "agencies_tenant_isolation" ON "agencies" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("agencies"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("agencies"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "agency_members_tenant_isolation" ON "agency_members" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("agency_members"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("agency_members"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "conference_items_tenant_isolation" ON "conference_items" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("conference_items"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("conference_items"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "conference_members_tenant_isolation" ON "conference_members" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("conference_members"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("conference_members"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "conferences_tenant_isolation" ON "conferences" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("conferences"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("conferences"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "referral_events_tenant_isolation" ON "referral_events" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("referral_events"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("referral_events"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "referrals_tenant_isolation" ON "referrals" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("referrals"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("referrals"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "correction_requests_tenant_isolation" ON "correction_requests" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("correction_requests"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("correction_requests"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "disclosure_requests_tenant_isolation" ON "disclosure_requests" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("disclosure_requests"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("disclosure_requests"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "purge_runs_tenant_isolation" ON "purge_runs" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("purge_runs"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("purge_runs"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "retention_policies_tenant_isolation" ON "retention_policies" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("retention_policies"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("retention_policies"."municipality_code" = current_setting('app.tenant', true));