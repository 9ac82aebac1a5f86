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
	"bank_encrypted" text NOT NULL,
	"account_last4" char(4) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"result_at" timestamp with time zone,
	"result_by" uuid,
	"return_reason" text,
	"reissue_of" uuid,
	CONSTRAINT "payment_lines_amount" CHECK ("payment_lines"."amount" > 0 and "payment_lines"."amount" <= 9999999999),
	CONSTRAINT "payment_lines_source_kind" CHECK ("payment_lines"."source_kind" ~ '^[a-z][a-z_]{1,39}$'),
	CONSTRAINT "payment_lines_fiscal_year" CHECK ("payment_lines"."fiscal_year" between 2000 and 2200)
);
--> statement-breakpoint
ALTER TABLE "payment_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payment_lines" ADD CONSTRAINT "payment_lines_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_programme" ON "ledger_entries" USING btree ("municipality_code","programme_key","fiscal_year","stage");--> statement-breakpoint
CREATE INDEX "ledger_entries_item" ON "ledger_entries" USING btree ("municipality_code","source_kind","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batches_number" ON "payment_batches" USING btree ("municipality_code","number");--> statement-breakpoint
CREATE INDEX "payment_batches_status" ON "payment_batches" USING btree ("municipality_code","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_batch_line" ON "payment_lines" USING btree ("municipality_code","batch_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_one_live_per_source" ON "payment_lines" USING btree ("municipality_code","source_kind","source_id") WHERE "payment_lines"."status" <> 'returned';--> statement-breakpoint
CREATE INDEX "payment_lines_source" ON "payment_lines" USING btree ("municipality_code","source_kind","source_id");--> statement-breakpoint
CREATE POLICY "ledger_entries_tenant_isolation" ON "ledger_entries" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("ledger_entries"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("ledger_entries"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "payment_batches_tenant_isolation" ON "payment_batches" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("payment_batches"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("payment_batches"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "payment_lines_tenant_isolation" ON "payment_lines" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("payment_lines"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("payment_lines"."municipality_code" = current_setting('app.tenant', true));