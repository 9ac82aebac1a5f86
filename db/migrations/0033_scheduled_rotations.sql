CREATE TABLE "account_rotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_code" char(6),
	"effective_on" date NOT NULL,
	"plan" jsonb NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"failure_reason" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "account_rotations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "account_rotations_due_idx" ON "account_rotations" USING btree ("status","effective_on");--> statement-breakpoint
CREATE POLICY "account_rotations_tenant_isolation" ON "account_rotations" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));