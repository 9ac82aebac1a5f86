CREATE TABLE "conference_minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"conference_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"minutes_encrypted" text NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conference_minutes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "conference_items" ADD COLUMN "scope_encrypted" text;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "close_reason_encrypted" text;--> statement-breakpoint
CREATE UNIQUE INDEX "conference_minutes_key" ON "conference_minutes" USING btree ("municipality_code","conference_id","n");--> statement-breakpoint
CREATE POLICY "conference_minutes_tenant_isolation" ON "conference_minutes" AS PERMISSIVE FOR ALL TO "tsunagari_app" USING ("conference_minutes"."municipality_code" = current_setting('app.tenant', true)) WITH CHECK ("conference_minutes"."municipality_code" = current_setting('app.tenant', true));