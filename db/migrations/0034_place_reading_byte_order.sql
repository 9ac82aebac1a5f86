-- Written by hand (drizzle-kit cannot declare a column's collation): the directory's reading, by which
-- its lists are ordered (the public search, the open-data files, the staff list), compares
-- bytes (COLLATE "C"). A reading holds only what `normalizeReading` leaves (hiragana, ゝゞ, ー, a–z,
-- 0–9), and for those the order of UTF-8 bytes is the order of code points: digits, Latin letters, then
-- the gojūon with each small and voiced kana beside its plain one, ー last. Why (decision 0032):
-- * one order on every deployment: the embedded PGlite database is created with "C", while a server's
--   default collation is its administrator's choice (C.UTF-8, ja_JP.UTF-8 and en_US.UTF-8 each order
--   kana, digits and Latin letters their own way), so the same directory was listed in another order
--   depending on where it ran;
-- * a cheap comparison: under a libc collation other than "C", PostgreSQL compares with strcoll() and
--   gives up abbreviated sort keys, and the public search sorts every match of a broad keyword in a
--   large prefecture to find its first page.
-- The indexes holding the column (the list-order btrees) are rebuilt with it; no row is rewritten.
ALTER TABLE "places" ALTER COLUMN "name_kana" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "place_listings" ALTER COLUMN "name_kana" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "place_search" ALTER COLUMN "name_kana" TYPE text COLLATE "C";
