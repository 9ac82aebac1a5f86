CREATE TABLE "report_notes" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text_encrypted" text NOT NULL,
	"author_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_operator_identifiers" (
	"operator_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"normalized" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_operator_identifiers_pkey" PRIMARY KEY("operator_id","kind","normalized")
);
--> statement-breakpoint
CREATE TABLE "report_operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"corporate_number" char(13),
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_protections" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"protected_at" timestamp with time zone NOT NULL,
	"place_encrypted" text NOT NULL,
	"protected_by_encrypted" text NOT NULL,
	"note_encrypted" text,
	"follow_up_on" date NOT NULL,
	"follow_up_done_at" timestamp with time zone,
	"follow_up_note_encrypted" text,
	"reminder_sent_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_protections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_referrals" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"target" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"referred_on" date NOT NULL,
	"note_encrypted" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_referrals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reports" (
	"municipality_code" char(6) NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"receipt_number" text NOT NULL,
	"reply_code_hash" text NOT NULL,
	"danger" text NOT NULL,
	"urgent" boolean NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"reporter_role" text NOT NULL,
	"categories" text[] NOT NULL,
	"corporate_number" char(13),
	"signer" text,
	"sales_method" text,
	"amount_contracted" integer,
	"amount_paid" integer,
	"details_encrypted" text NOT NULL,
	"contact_encrypted" text,
	"operator_id" uuid,
	"operator_linked_at" timestamp with time zone,
	"operator_linked_by" uuid,
	"assignee_account_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "report_notes" ADD CONSTRAINT "report_notes_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_operator_identifiers" ADD CONSTRAINT "report_operator_identifiers_operator_id_report_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."report_operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_protections" ADD CONSTRAINT "report_protections_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_referrals" ADD CONSTRAINT "report_referrals_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_operator_id_report_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."report_operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_notes_report_idx" ON "report_notes" USING btree ("municipality_code","report_id","created_at");--> statement-breakpoint
CREATE INDEX "report_operator_identifiers_lookup_idx" ON "report_operator_identifiers" USING btree ("kind","normalized");--> statement-breakpoint
CREATE UNIQUE INDEX "report_operators_corporate_number_key" ON "report_operators" USING btree ("corporate_number") WHERE "report_operators"."corporate_number" is not null;--> statement-breakpoint
CREATE INDEX "report_protections_report_idx" ON "report_protections" USING btree ("municipality_code","report_id");--> statement-breakpoint
CREATE INDEX "report_protections_follow_up_idx" ON "report_protections" USING btree ("follow_up_on") WHERE "report_protections"."follow_up_done_at" is null;--> statement-breakpoint
CREATE INDEX "report_referrals_report_idx" ON "report_referrals" USING btree ("municipality_code","report_id");--> statement-breakpoint
CREATE INDEX "reports_queue_idx" ON "reports" USING btree ("municipality_code","urgent","received_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_receipt_key" ON "reports" USING btree ("municipality_code","receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_reply_code_key" ON "reports" USING btree ("reply_code_hash");--> statement-breakpoint
CREATE INDEX "reports_operator_idx" ON "reports" USING btree ("operator_id");--> statement-breakpoint
CREATE POLICY "report_notes_tenant_isolation" ON "report_notes" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("report_notes"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("report_notes"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "report_protections_tenant_isolation" ON "report_protections" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("report_protections"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("report_protections"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "report_referrals_tenant_isolation" ON "report_referrals" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("report_referrals"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("report_referrals"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "reports_tenant_isolation" ON "reports" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("reports"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("reports"."municipality_code" = current_setting('app.tenant', true));