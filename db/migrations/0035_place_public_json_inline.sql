-- Written by hand (drizzle-kit cannot declare a column's storage): a listing's stored public rendering,
-- `place_listings.public_json`, stays in the row (STORAGE MAIN), and the document it was made from,
-- `content`, is the one moved out to the TOAST table when a row is too long for a page's quarter.
-- Why (decision 0033): a listing's row is ~3 kB, so PostgreSQL moves its largest value out of line,
-- and the rendering (~1.3 kB of JSON) was larger than the compressed content. Every result of a public
-- search then cost a look-up in the TOAST table's index, its chunk and a decompression, for the one
-- column the search reads of the listing: 213 → 166 shared buffers a search at 50,000 places, 89 → 57
-- at 5,000 (`bench:places`' 64 searches). `content` is read by the detail page, the staff pages and
-- the open data, which read whole listings and so read one TOAST value either way.
ALTER TABLE "place_listings" ALTER COLUMN "public_json" SET STORAGE MAIN;--> statement-breakpoint
-- Storage applies to values written from now on: the renderings already stored are written again, as
-- new values (`|| ''` makes one; the same value would keep its place in the TOAST table).
UPDATE "place_listings" SET "public_json" = "public_json" || '' WHERE "public_json" IS NOT NULL;
