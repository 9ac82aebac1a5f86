CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"programme_key" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"stage" text NOT NULL,
	"amount" bigint NOT NULL,
	"source_kind" text,
	"source_id" text,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" uuid,
	CONSTRAINT "ledger_entries_fiscal_year" CHECK ("ledger_entries"."fiscal_year" between 2000 and 2200)
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"transfer_date" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"exported_by" uuid,
	"exported_at" timestamp with time zone,
	"file_sha256" text,
	"line_count" integer DEFAULT 0 NOT NULL,
	"total_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "payment_batches_four_eyes" CHECK ("payment_batches"."exported_by" is null or "payment_batches"."exported_by" <> "payment_batches"."approved_by"),
	CONSTRAINT "payment_batches_stages" CHECK (("payment_batches"."status" = 'draft' and "payment_batches"."approved_by" is null and "payment_batches"."exported_by" is null)
        or ("payment_batches"."status" = 'approved' and "payment_batches"."approved_by" is not null and "payment_batches"."exported_by" is null)
        or ("payment_batches"."status" = 'exported' and "payment_batches"."approved_by" is not null and "payment_batches"."exported_by" is not null and "payment_batches"."file_sha256" is not null))
);
--> statement-breakpoint
ALTER TABLE "payment_batches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"batch_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text NOT NULL,
	"programme_key" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"description" text NOT NULL,
	"amount" bigint NOT NULL,
	"ledger_amount" bigint NOT NULL,
	"bank_encrypted" text NOT NULL,
	"account_last4" char(4) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"result_at" timestamp with time zone,
	"result_by" uuid,
	"return_reason" text,
	"reissue_of" uuid,
	CONSTRAINT "payment_lines_amount" CHECK ("payment_lines"."amount" > 0 and "payment_lines"."amount" <= 9999999999),
	CONSTRAINT "payment_lines_ledger_amount" CHECK ("payment_lines"."ledger_amount" >= "payment_lines"."amount"),
	CONSTRAINT "payment_lines_source_kind" CHECK ("payment_lines"."source_kind" ~ '^[a-z][a-z_]{1,39}$'),
	CONSTRAINT "payment_lines_fiscal_year" CHECK ("payment_lines"."fiscal_year" between 2000 and 2200)
);
--> statement-breakpoint
ALTER TABLE "payment_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"supporter_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"shift_id" uuid,
	"activity_date" date NOT NULL,
	"minutes" integer NOT NULL,
	"kind" text NOT NULL,
	"note_encrypted" text,
	"claim_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "peer_activities_minutes" CHECK ("peer_activities"."minutes" between 1 and 1440)
);
--> statement-breakpoint
ALTER TABLE "peer_activities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"supporter_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"month" char(7) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"minutes" integer NOT NULL,
	"hourly_rate" integer NOT NULL,
	"withholding_rate_bp" smallint NOT NULL,
	"gross" bigint NOT NULL,
	"withholding" bigint NOT NULL,
	"net" bigint NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	CONSTRAINT "peer_claims_amounts" CHECK ("peer_claims"."net" = "peer_claims"."gross" - "peer_claims"."withholding" and "peer_claims"."withholding" >= 0 and "peer_claims"."net" >= 0),
	CONSTRAINT "peer_claims_four_eyes" CHECK ("peer_claims"."decided_by" is null or "peer_claims"."decided_by" <> "peer_claims"."submitted_by")
);
--> statement-breakpoint
ALTER TABLE "peer_claims" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"name" text NOT NULL,
	"hourly_rate" integer NOT NULL,
	"withholding_rate_bp" smallint NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "peer_programmes_rate" CHECK ("peer_programmes"."hourly_rate" between 0 and 100000),
	CONSTRAINT "peer_programmes_withholding" CHECK ("peer_programmes"."withholding_rate_bp" between 0 and 5000)
);
--> statement-breakpoint
ALTER TABLE "peer_programmes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_shift_swaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"shift_id" uuid NOT NULL,
	"from_supporter_id" uuid NOT NULL,
	"to_supporter_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"accepted_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "peer_shift_swaps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"supporter_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "peer_shifts_order" CHECK ("peer_shifts"."ends_at" > "peer_shifts"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "peer_shifts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_supporters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"account_id" uuid,
	"display_name" text NOT NULL,
	"coordinator_account_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"qualification" text DEFAULT 'trainee' NOT NULL,
	"availability_mask" smallint DEFAULT 0 NOT NULL,
	"availability_note" text,
	"lived_experience_encrypted" text,
	"bank_encrypted" text,
	"bank_last4" char(4),
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "peer_supporters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"curriculum" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_courses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"course_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"certificate_number" text,
	"recorded_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_requirements" (
	"municipality_code" char(6) NOT NULL,
	"role" text NOT NULL,
	"course_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_requirements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payment_lines" ADD CONSTRAINT "payment_lines_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_activities" ADD CONSTRAINT "peer_activities_supporter_id_peer_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."peer_supporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_activities" ADD CONSTRAINT "peer_activities_programme_id_peer_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."peer_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_claims" ADD CONSTRAINT "peer_claims_supporter_id_peer_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."peer_supporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_claims" ADD CONSTRAINT "peer_claims_programme_id_peer_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."peer_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_shift_swaps" ADD CONSTRAINT "peer_shift_swaps_shift_id_peer_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."peer_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_shifts" ADD CONSTRAINT "peer_shifts_supporter_id_peer_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."peer_supporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_requirements" ADD CONSTRAINT "training_requirements_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_programme" ON "ledger_entries" USING btree ("municipality_code","programme_key","fiscal_year","stage");--> statement-breakpoint
CREATE INDEX "ledger_entries_item" ON "ledger_entries" USING btree ("municipality_code","source_kind","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batches_number" ON "payment_batches" USING btree ("municipality_code","number");--> statement-breakpoint
CREATE INDEX "payment_batches_status" ON "payment_batches" USING btree ("municipality_code","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_batch_line" ON "payment_lines" USING btree ("municipality_code","batch_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_one_live_per_source" ON "payment_lines" USING btree ("municipality_code","source_kind","source_id") WHERE "payment_lines"."status" <> 'returned';--> statement-breakpoint
CREATE INDEX "payment_lines_source" ON "payment_lines" USING btree ("municipality_code","source_kind","source_id");--> statement-breakpoint
CREATE INDEX "peer_activities_supporter_date" ON "peer_activities" USING btree ("municipality_code","supporter_id","activity_date");--> statement-breakpoint
CREATE INDEX "peer_activities_claim" ON "peer_activities" USING btree ("municipality_code","claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_claims_one_per_month" ON "peer_claims" USING btree ("municipality_code","supporter_id","programme_id","month") WHERE "peer_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "peer_claims_status" ON "peer_claims" USING btree ("municipality_code","status","month");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_programmes_name" ON "peer_programmes" USING btree ("municipality_code","name");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_shift_swaps_one_open" ON "peer_shift_swaps" USING btree ("municipality_code","shift_id") WHERE "peer_shift_swaps"."status" = 'open';--> statement-breakpoint
CREATE INDEX "peer_shifts_place_time" ON "peer_shifts" USING btree ("municipality_code","place_id","starts_at");--> statement-breakpoint
CREATE INDEX "peer_shifts_supporter_time" ON "peer_shifts" USING btree ("municipality_code","supporter_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_supporters_account" ON "peer_supporters" USING btree ("municipality_code","account_id");--> statement-breakpoint
CREATE INDEX "peer_supporters_status" ON "peer_supporters" USING btree ("municipality_code","status","display_name");--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_title" ON "training_courses" USING btree ("municipality_code","title");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_one" ON "training_enrolments" USING btree ("municipality_code","course_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_certificate" ON "training_enrolments" USING btree ("municipality_code","certificate_number") WHERE "training_enrolments"."certificate_number" is not null;--> statement-breakpoint
CREATE INDEX "training_enrolments_account" ON "training_enrolments" USING btree ("municipality_code","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_requirements_pk" ON "training_requirements" USING btree ("municipality_code","role","course_id");--> statement-breakpoint
CREATE POLICY "ledger_entries_tenant_isolation" ON "ledger_entries" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("ledger_entries"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("ledger_entries"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "payment_batches_tenant_isolation" ON "payment_batches" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("payment_batches"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("payment_batches"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "payment_lines_tenant_isolation" ON "payment_lines" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("payment_lines"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("payment_lines"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "peer_activities_tenant_isolation" ON "peer_activities" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("peer_activities"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("peer_activities"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "peer_claims_tenant_isolation" ON "peer_claims" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("peer_claims"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("peer_claims"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "peer_programmes_tenant_isolation" ON "peer_programmes" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("peer_programmes"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("peer_programmes"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "peer_shift_swaps_tenant_isolation" ON "peer_shift_swaps" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("peer_shift_swaps"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("peer_shift_swaps"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "peer_shifts_tenant_isolation" ON "peer_shifts" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("peer_shifts"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("peer_shifts"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "peer_supporters_tenant_isolation" ON "peer_supporters" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("peer_supporters"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("peer_supporters"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "training_courses_tenant_isolation" ON "training_courses" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("training_courses"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("training_courses"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "training_enrolments_tenant_isolation" ON "training_enrolments" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("training_enrolments"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("training_enrolments"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "training_requirements_tenant_isolation" ON "training_requirements" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("training_requirements"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("training_requirements"."municipality_code" = current_setting('app.tenant', true));