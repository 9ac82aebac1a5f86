-- Trigram indexes for Japanese search (places). PGlite registers the extension in code; on
-- PostgreSQL the migrating user must be allowed to create it (or an operator creates it once).
create extension if not exists pg_trgm;
