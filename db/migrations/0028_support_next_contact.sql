-- Issue 22 item 2: 次回の連絡予定 on the person (set with a progress note), counted on the lead worker's home page.
ALTER TABLE "support_persons" ADD COLUMN "next_contact_on" date;--> statement-breakpoint
CREATE INDEX "support_persons_next_contact_idx" ON "support_persons" USING btree ("municipality_code","lead_worker_id","next_contact_on");