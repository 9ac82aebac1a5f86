CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_code" text,
	"account_id" uuid NOT NULL,
	"draft_key" text NOT NULL,
	"content_encrypted" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drafts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_account_key" ON "drafts" USING btree ("account_id","draft_key");--> statement-breakpoint
CREATE INDEX "drafts_updated_idx" ON "drafts" USING btree ("updated_at");--> statement-breakpoint
CREATE POLICY "drafts_tenant_isolation" ON "drafts" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));