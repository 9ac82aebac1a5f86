CREATE TABLE "subsidy_applications" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"receipt_number" text NOT NULL,
	"status" text NOT NULL,
	"relation" text NOT NULL,
	"personal_encrypted" text NOT NULL,
	"destination_kind" text NOT NULL,
	"destination_id" uuid NOT NULL,
	"destination_name" text NOT NULL,
	"legs" jsonb NOT NULL,
	"route_encrypted" text NOT NULL,
	"trip_yen" integer NOT NULL,
	"trips_per_month" smallint NOT NULL,
	"requested_monthly_yen" integer NOT NULL,
	"bank_code" char(4) NOT NULL,
	"branch_code" char(3) NOT NULL,
	"account_type" text NOT NULL,
	"account_number_encrypted" text NOT NULL,
	"holder_kana_encrypted" text NOT NULL,
	"language" text NOT NULL,
	"entered_by" uuid,
	"identity_document" text,
	"residency_method" text,
	"check_note_encrypted" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"decision" text,
	"granted_monthly_yen" integer,
	"grant_from" char(7),
	"grant_to" char(7),
	"reasons_encrypted" text,
	"document_number" text,
	"decided_by" uuid,
	"decided_on" date,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_applications_amounts" CHECK ("subsidy_applications"."trip_yen" >= 0 and "subsidy_applications"."requested_monthly_yen" >= 0 and ("subsidy_applications"."granted_monthly_yen" is null or "subsidy_applications"."granted_monthly_yen" between 1 and "subsidy_applications"."requested_monthly_yen")),
	CONSTRAINT "subsidy_applications_decided" CHECK ("subsidy_applications"."status" not in ('approved', 'rejected') or ("subsidy_applications"."decision" is not null and "subsidy_applications"."document_number" is not null))
);
--> statement-breakpoint
ALTER TABLE "subsidy_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subsidy_claims" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"trip_month" char(7) NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"trip_count" smallint NOT NULL,
	"claimed_yen" integer NOT NULL,
	"status" text NOT NULL,
	"confirmed_yen" integer,
	"confirmed_by" uuid,
	"confirmed_on" date,
	"confirmed_at" timestamp with time zone,
	"rejected_reason_encrypted" text,
	"paid_on" date,
	"payment_reference" text,
	"entered_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_claims_amounts" CHECK ("subsidy_claims"."claimed_yen" > 0 and ("subsidy_claims"."confirmed_yen" is null or "subsidy_claims"."confirmed_yen" between 0 and "subsidy_claims"."claimed_yen")),
	CONSTRAINT "subsidy_claims_confirmed" CHECK ("subsidy_claims"."status" not in ('confirmed', 'paid') or "subsidy_claims"."confirmed_yen" is not null)
);
--> statement-breakpoint
ALTER TABLE "subsidy_claims" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subsidy_programmes" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"name" text NOT NULL,
	"budget_yen" integer NOT NULL,
	"monthly_cap_yen" integer NOT NULL,
	"car_yen_per_km" integer NOT NULL,
	"bicycle_yen_per_km" integer NOT NULL,
	"applicant_relations" text[] NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"document_number_prefix" text NOT NULL,
	"next_document_serial" integer DEFAULT 1 NOT NULL,
	"approval_notice_text" text NOT NULL,
	"rejection_notice_text" text NOT NULL,
	"instruction_text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_programmes_amounts" CHECK ("subsidy_programmes"."budget_yen" >= 0 and "subsidy_programmes"."monthly_cap_yen" > 0 and "subsidy_programmes"."car_yen_per_km" >= 0 and "subsidy_programmes"."bicycle_yen_per_km" >= 0)
);
--> statement-breakpoint
ALTER TABLE "subsidy_programmes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subsidy_receipts" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_receipts_size" CHECK ("subsidy_receipts"."byte_size" between 1 and 10485760)
);
--> statement-breakpoint
ALTER TABLE "subsidy_receipts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_programme_id_subsidy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."subsidy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_programme_id_subsidy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."subsidy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_receipts" ADD CONSTRAINT "subsidy_receipts_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_applications_receipt_key" ON "subsidy_applications" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "subsidy_applications_queue_idx" ON "subsidy_applications" USING btree ("municipality_code","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "subsidy_applications_programme_idx" ON "subsidy_applications" USING btree ("municipality_code","programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claims_month_key" ON "subsidy_claims" USING btree ("municipality_code","application_id","trip_month") WHERE "subsidy_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "subsidy_claims_programme_idx" ON "subsidy_claims" USING btree ("municipality_code","programme_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_programmes_year_key" ON "subsidy_programmes" USING btree ("municipality_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "subsidy_receipts_application_idx" ON "subsidy_receipts" USING btree ("municipality_code","application_id");--> statement-breakpoint
CREATE POLICY "subsidy_applications_tenant_isolation" ON "subsidy_applications" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("subsidy_applications"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("subsidy_applications"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "subsidy_claims_tenant_isolation" ON "subsidy_claims" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("subsidy_claims"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("subsidy_claims"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "subsidy_programmes_tenant_isolation" ON "subsidy_programmes" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("subsidy_programmes"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("subsidy_programmes"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "subsidy_receipts_tenant_isolation" ON "subsidy_receipts" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("subsidy_receipts"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("subsidy_receipts"."municipality_code" = current_setting('app.tenant', true));