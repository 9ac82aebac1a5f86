ALTER TABLE "event_registrations" ADD COLUMN "receipt_number" text;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "cancel_code_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_receipt_key" ON "event_registrations" USING btree ("municipality_code","receipt_number");