CREATE TABLE "event_organiser_members" (
	"organiser_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"municipality_code" char(6) NOT NULL,
	CONSTRAINT "event_organiser_members_organiser_id_account_id_pk" PRIMARY KEY("organiser_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "event_organiser_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_organisers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"place_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_organisers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_registration_sessions" (
	"registration_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"people" smallint NOT NULL,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"queue_seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "event_registration_sessions_queue_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "event_registration_sessions_registration_id_session_id_pk" PRIMARY KEY("registration_id","session_id")
);
--> statement-breakpoint
ALTER TABLE "event_registration_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"event_id" uuid NOT NULL,
	"nickname" text NOT NULL,
	"people" smallint NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"needs" text,
	"name_consent" boolean DEFAULT false NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_registrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"confirmed_people" integer DEFAULT 0 NOT NULL,
	"waitlisted_people" integer DEFAULT 0 NOT NULL,
	"attendance_count" integer,
	"attendance_recorded_at" timestamp with time zone,
	"attendance_recorded_by" uuid
);
--> statement-breakpoint
ALTER TABLE "event_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"prefecture_code" char(2) NOT NULL,
	"organiser_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"is_series" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"title_kana" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"delivery" text NOT NULL,
	"place_id" uuid,
	"venue_name" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"address_detail" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"access_note" text DEFAULT '' NOT NULL,
	"parking_note" text DEFAULT '' NOT NULL,
	"online_note" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"fee_yen" integer DEFAULT 0 NOT NULL,
	"fee_note" text DEFAULT '' NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"registration_closes_hours_before" integer DEFAULT 0 NOT NULL,
	"registration_open" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "event_organiser_members" ADD CONSTRAINT "event_organiser_members_organiser_id_event_organisers_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."event_organisers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration_sessions" ADD CONSTRAINT "event_registration_sessions_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration_sessions" ADD CONSTRAINT "event_registration_sessions_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organiser_id_event_organisers_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."event_organisers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_organiser_members_account_idx" ON "event_organiser_members" USING btree ("municipality_code","account_id");--> statement-breakpoint
CREATE INDEX "event_organisers_tenant_idx" ON "event_organisers" USING btree ("municipality_code","name");--> statement-breakpoint
CREATE INDEX "event_registration_sessions_session_idx" ON "event_registration_sessions" USING btree ("session_id","status","queued_at","queue_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_token_key" ON "event_registrations" USING btree ("municipality_code","token_hash");--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("municipality_code","event_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_sessions_seq_key" ON "event_sessions" USING btree ("event_id","seq");--> statement-breakpoint
CREATE INDEX "event_sessions_start_idx" ON "event_sessions" USING btree ("starts_at","event_id");--> statement-breakpoint
CREATE INDEX "event_sessions_tenant_idx" ON "event_sessions" USING btree ("municipality_code","starts_at");--> statement-breakpoint
CREATE INDEX "events_tenant_idx" ON "events" USING btree ("municipality_code","status","id");--> statement-breakpoint
CREATE INDEX "events_organiser_idx" ON "events" USING btree ("municipality_code","organiser_id");--> statement-breakpoint
CREATE POLICY "event_organiser_members_tenant_isolation" ON "event_organiser_members" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("event_organiser_members"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("event_organiser_members"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "event_organisers_tenant_isolation" ON "event_organisers" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("event_organisers"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("event_organisers"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "event_organisers_public_read" ON "event_organisers" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (true);--> statement-breakpoint
CREATE POLICY "event_registration_sessions_tenant_isolation" ON "event_registration_sessions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("event_registration_sessions"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("event_registration_sessions"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "event_registrations_tenant_isolation" ON "event_registrations" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("event_registrations"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("event_registrations"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "event_sessions_tenant_isolation" ON "event_sessions" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("event_sessions"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("event_sessions"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "event_sessions_public_read" ON "event_sessions" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING (exists (select 1 from events e where e.id = event_sessions.event_id and e.status <> 'draft'));--> statement-breakpoint
CREATE POLICY "events_tenant_isolation" ON "events" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("events"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("events"."municipality_code" = current_setting('app.tenant', true));--> statement-breakpoint
CREATE POLICY "events_public_read" ON "events" AS PERMISSIVE FOR SELECT TO "tsunagari_app" USING ("events"."status" <> 'draft');