DROP INDEX "place_listings_area_idx";--> statement-breakpoint
DROP INDEX "place_listings_tenant_idx";--> statement-breakpoint
CREATE INDEX "place_listings_prefecture_order_idx" ON "place_listings" USING btree ("prefecture_code","name_kana","id");--> statement-breakpoint
CREATE INDEX "place_listings_municipality_order_idx" ON "place_listings" USING btree ("municipality_code","name_kana","id");