CREATE TABLE "account_roles" (
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"tenant_code" char(6),
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_by" uuid,
	CONSTRAINT "account_roles_account_id_role_pk" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
ALTER TABLE "account_roles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"scope" text NOT NULL,
	"tenant_code" char(6),
	"status" text DEFAULT 'active' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
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
	"mfa_required_for_personal_data" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"record_type" text,
	"record_id" text,
	"request_id" text,
	"outcome" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_chain_check" CHECK ("audit_events"."chain" ~ '^([0-9]{6}|national)$'),
	CONSTRAINT "audit_events_seq_check" CHECK ("audit_events"."seq" >= 1),
	CONSTRAINT "audit_events_outcome_check" CHECK ("audit_events"."outcome" in ('ok', 'denied')),
	CONSTRAINT "audit_events_hash_check" CHECK ("audit_events"."hash" ~ '^[0-9a-f]{64}$' and "audit_events"."prev_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auth_throttles" (
	"subject" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "auth_throttles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passkey_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"tenant_code" char(6),
	"credential_id" text NOT NULL,
	"public_key" "bytea" NOT NULL,
	"sign_count" bigint DEFAULT 0 NOT NULL,
	"transports" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"device_type" text NOT NULL,
	"backed_up" boolean DEFAULT false NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "passkey_credentials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "password_reset_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"tenant_code" char(6),
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"tenant_code" char(6),
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "recovery_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"tenant_code" char(6),
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL,
	"mfa_passed_at" timestamp with time zone,
	"mfa_method" text,
	"user_agent_label" text DEFAULT '' NOT NULL,
	"webauthn_challenge" text,
	"webauthn_challenge_purpose" text,
	"webauthn_challenge_expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "totp_credentials" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"tenant_code" char(6),
	"secret_encrypted" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_used_step" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "totp_credentials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"business_now" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"ok" boolean,
	"error_code" text
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"municipality_code" char(6),
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"template_key" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"idempotency_key" text NOT NULL,
	CONSTRAINT "outbox_messages_idempotency_uq" UNIQUE NULLS NOT DISTINCT("municipality_code","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_profiles" ADD CONSTRAINT "tenant_profiles_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkey_credentials" ADD CONSTRAINT "passkey_credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_credentials" ADD CONSTRAINT "totp_credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_key" ON "accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "accounts_tenant_idx" ON "accounts" USING btree ("tenant_code","status");--> statement-breakpoint
CREATE INDEX "municipalities_prefecture_idx" ON "municipalities" USING btree ("prefecture_code","sort_order");--> statement-breakpoint
CREATE INDEX "municipalities_kana_idx" ON "municipalities" USING btree ("name_kana");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_uq" ON "audit_events" USING btree ("chain","seq");--> statement-breakpoint
CREATE INDEX "audit_events_chain_at_idx" ON "audit_events" USING btree ("chain","at");--> statement-breakpoint
CREATE INDEX "audit_events_chain_actor_idx" ON "audit_events" USING btree ("chain","actor_account_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_chain_record_idx" ON "audit_events" USING btree ("chain","record_type","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "passkey_credentials_credential_id_key" ON "passkey_credentials" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "passkey_credentials_account_idx" ON "passkey_credentials" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "password_reset_tokens_account_idx" ON "password_reset_tokens" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "recovery_codes_account_idx" ON "recovery_codes" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_public_id_key" ON "sessions" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id","revoked_at");--> statement-breakpoint
CREATE INDEX "job_runs_name_started_idx" ON "job_runs" USING btree ("name","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_one_running_idx" ON "job_runs" USING btree ("name") WHERE "job_runs"."finished_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_messages_list_idx" ON "outbox_messages" USING btree ("municipality_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("status","next_attempt_at") WHERE "outbox_messages"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE POLICY "account_roles_tenant_isolation" ON "account_roles" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "accounts_tenant_isolation" ON "accounts" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "tenant_profiles_tenant_isolation" ON "tenant_profiles" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("tenant_profiles"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("tenant_profiles"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "audit_events_read_own_chain" ON "audit_events" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING ("audit_events"."chain" = coalesce(nullif(current_setting('app.tenant', true), ''), 'national'));--> statement-breakpoint
CREATE POLICY "audit_events_append_own_chain" ON "audit_events" AS PERMISSIVE FOR INSERT TO "tsunagari_app" WITH CHECK ("audit_events"."chain" = coalesce(nullif(current_setting('app.tenant', true), ''), 'national'));--> statement-breakpoint
CREATE POLICY "passkey_credentials_tenant_isolation" ON "passkey_credentials" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "password_reset_tokens_tenant_isolation" ON "password_reset_tokens" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "recovery_codes_tenant_isolation" ON "recovery_codes" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "sessions_tenant_isolation" ON "sessions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "totp_credentials_tenant_isolation" ON "totp_credentials" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), '')) WITH CHECK (coalesce(tenant_code, '') = coalesce(current_setting('app.tenant', true), ''));--> statement-breakpoint
CREATE POLICY "outbox_messages_tenant_isolation" ON "outbox_messages" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("outbox_messages"."municipality_code" = current_setting('app.tenant', true) or ("outbox_messages"."municipality_code" is null and coalesce(current_setting('app.tenant', true), '') = '')) WITH CHECK ("outbox_messages"."municipality_code" = current_setting('app.tenant', true) or ("outbox_messages"."municipality_code" is null and coalesce(current_setting('app.tenant', true), '') = ''));