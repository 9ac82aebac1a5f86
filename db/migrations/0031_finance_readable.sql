ALTER TABLE "payment_lines" ADD COLUMN "transfer_no" integer;--> statement-breakpoint
ALTER TABLE "payment_lines" ADD COLUMN "payee_encrypted" text;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "reported_yen" integer;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_reported" CHECK ("subsidy_claims"."reported_yen" is null or "subsidy_claims"."reported_yen" >= "subsidy_claims"."claimed_yen");