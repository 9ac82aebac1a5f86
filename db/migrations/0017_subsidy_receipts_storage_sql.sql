-- Receipt files are JPEG, PNG or PDF: already compressed. EXTERNAL stores them out of line without
-- PostgreSQL trying (and failing) to compress them first, which made each write ~2.5x slower and held
-- PGlite's one connection that much longer (issue 19, decision 0012).
ALTER TABLE "subsidy_receipts" ALTER COLUMN "data" SET STORAGE EXTERNAL;
