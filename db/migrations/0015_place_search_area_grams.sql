-- Written by hand (drizzle-kit cannot declare functions or expression indexes on them). Public search
-- with a keyword inside an area (issue 4, decision 0005 amended): every character bigram of a listing's
-- search text and reading, each prefixed with its prefecture code ('01' || 'いば'), in one GIN index.
-- A keyword in 北海道 then reads the posting lists of 北海道's bigrams only: how long they are depends on
-- the prefecture's matches, not on the size of the directory, and the intersection happens inside the
-- index. Bigrams that span the space between joined fields are left out; the query side
-- (`areaGrams` in places.service.ts) builds its bigrams the same way, from the same folded strings.
-- The function is deliberately costed high: it must only ever be answered by the index.
CREATE OR REPLACE FUNCTION place_area_grams(search_text text, search_reading text, prefecture_code text)
RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(DISTINCT prefecture_code || gram), '{}')
  FROM (
    SELECT substr(field, i, 2) AS gram
    FROM unnest(ARRAY[search_text, search_reading]) AS field, generate_series(1, char_length(field) - 1) AS i
  ) AS grams
  WHERE strpos(gram, ' ') = 0
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS place_search_area_grams_idx ON place_search
  USING gin (place_area_grams(search_text, search_reading, prefecture_code::text));
